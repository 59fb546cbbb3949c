import { resolveUnitName, UNITS, type UnitId, type UnitKind } from '@aiplat/contracts';

/**
 * Collective phrases a 责任单位 line uses instead of naming units; each stands for every unit
 * of a kind. `各相关县(市)区政府、开发区管委会` is split at 、 into one of each.
 */
const GROUP_PHRASES: readonly { pattern: RegExp; kind: UnitKind }[] = [
  { pattern: /^各?(相关)?县\(市\)区(人民)?政府$/, kind: 'district' },
  { pattern: /^各?(相关)?开发区管委会$/, kind: 'zone' },
];

export interface ResponsibleUnits {
  readonly leadUnitIds: UnitId[];
  readonly coUnitIds: UnitId[];
  /** Names in the line that are neither a registered unit nor a collective phrase, in text order. */
  readonly unknownNames: string[];
}

/**
 * Reads one 责任单位 line, e.g.
 * `市科技局、市发改委牵头,各相关县(市)区政府、开发区管委会,市经信局等按责任分工负责。`:
 * units before 牵头 lead, the units after it are co-responsible. A line without 牵头 names
 * lead units only. A unit named as lead is not repeated among the co-responsible ones.
 */
export function parseResponsibilityLine(line: string): ResponsibleUnits {
  const body = line
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/^\s*责任单位\s*[:：]/, '')
    .replace(/[。.\s]+$/, '')
    .replace(/等?按(照)?(责任|职责)分工负责$/, '');
  const cut = body.indexOf('牵头');
  const leadPart = cut < 0 ? body : body.slice(0, cut);
  const coPart = cut < 0 ? '' : body.slice(cut + '牵头'.length);

  const unknownNames: string[] = [];
  const leadUnitIds = resolveNames(leadPart, unknownNames);
  const coUnitIds = resolveNames(coPart, unknownNames).filter((id) => !leadUnitIds.includes(id));
  return { leadUnitIds, coUnitIds, unknownNames };
}

function resolveNames(part: string, unknownNames: string[]): UnitId[] {
  const ids: UnitId[] = [];
  const add = (id: UnitId) => {
    if (!ids.includes(id)) ids.push(id);
  };
  for (const raw of splitNames(part)) {
    const name = raw.replace(/等$/, '');
    const group = GROUP_PHRASES.find((g) => g.pattern.test(name));
    if (group) {
      UNITS.filter((u) => u.kind === group.kind).forEach((u) => add(u.id));
      continue;
    }
    const unit = resolveUnitName(name);
    if (unit) add(unit.id);
    else unknownNames.push(name);
  }
  return ids;
}

/** Splits at 、 and commas, keeping 县(市)区 whole although it is sometimes written 县(市)、区. */
function splitNames(part: string): string[] {
  return part
    .replace(/县\(市\)、区/g, '县(市)区')
    .split(/[、,，;；]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

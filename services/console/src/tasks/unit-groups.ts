import type { Unit } from '../api/types';
import type { MessageKey } from '../i18n/message-key';

const KINDS = ['bureau', 'judicial', 'enterprise', 'district', 'zone', 'office'] as const;
type Kind = (typeof KINDS)[number] | 'other';

export interface UnitGroup {
  readonly kind: Kind;
  readonly label: MessageKey;
  readonly units: readonly Unit[];
}

function kindOf(unit: Unit): Kind {
  return (KINDS as readonly string[]).includes(unit.kind) ? (unit.kind as Kind) : 'other';
}

/** Units grouped by kind for the unit filter, in a fixed order of kinds and the server's order within each; no empty groups. */
export function groupUnits(units: Iterable<Unit>): UnitGroup[] {
  const byKind = new Map<Kind, Unit[]>();
  for (const unit of units) {
    const kind = kindOf(unit);
    byKind.set(kind, [...(byKind.get(kind) ?? []), unit]);
  }
  return [...KINDS, 'other' as const].flatMap((kind): UnitGroup[] => {
    const members = byKind.get(kind);
    return members ? [{ kind, label: `tasks.unitKinds.${kind}`, units: members }] : [];
  });
}

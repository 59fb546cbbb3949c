import type { Unit } from '../api/types';
import type { MessageRef } from '../i18n/duration';
import type { Language } from '../i18n/language';
import type { PolicySection, Target } from './task-types';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Plan dates and times are those of Hefei. China Standard Time is UTC+8 all year (no daylight saving), so a fixed
 * offset is exact, and the same moment reads the same on every user's machine whatever its time zone.
 */
const PLAN_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

interface CalendarDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function readDate(value: string): CalendarDay | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return { year, month, day };
}

function dayText({ year, month, day }: CalendarDay, language: Language): string {
  return language === 'en' ? `${day} ${MONTHS_EN[month - 1]} ${year}` : `${year}年${month}月${day}日`;
}

/** A calendar date (`2020-12-31`) as people write it: `2020年12月31日` or `31 Dec 2020`. Unreadable: as it came. */
export function formatDate(value: string, language: Language): string {
  const date = readDate(value);
  return date ? dayText(date, language) : value;
}

/** An ISO timestamp as Hefei's date and time, to the minute: `2026年3月1日 16:05` or `1 Mar 2026, 16:05`. */
export function formatDateTime(value: string, language: Language): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  const local = new Date(ms + PLAN_UTC_OFFSET_MS);
  const day = { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
  const time = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
  return language === 'en' ? `${dayText(day, language)}, ${time}` : `${dayText(day, language)} ${time}`;
}

/** Percent done, whole, within 0–100. */
export function clampProgress(progress: number): number {
  if (!Number.isFinite(progress)) return 0;
  return Math.min(100, Math.max(0, Math.round(progress)));
}

export function formatProgress(progress: number): string {
  return `${clampProgress(progress)}%`;
}

/** A unit's name in the language shown, the other language's when it has none, its id when it is unknown. */
export function unitName(units: ReadonlyMap<string, Unit> | undefined, id: string, language: Language): string {
  const unit = units?.get(id);
  if (!unit) return id;
  return (language === 'en' ? unit.nameEn || unit.nameZh : unit.nameZh || unit.nameEn) || id;
}

/** Names joined as each language lists them: `市发改委、市经信局` or `A, B`. */
export function joinNames(names: readonly string[], language: Language): string {
  return names.join(language === 'en' ? ', ' : '、');
}

export function unitNames(units: ReadonlyMap<string, Unit> | undefined, ids: readonly string[], language: Language) {
  return joinNames(
    ids.map((id) => unitName(units, id, language)),
    language,
  );
}

const DIGITS_ZH = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 in Chinese numerals (`四`, `十二`, `二十`), as policy texts number their parts; other numbers as digits. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensText = tens === 0 ? '' : `${tens === 1 ? '' : DIGITS_ZH[tens]}十`;
  return `${tensText}${ones === 0 ? '' : DIGITS_ZH[ones]}`;
}

/** Where in the policy text a task comes from, as a message: numbered the way each language numbers parts. */
export function policySectionMessage(section: PolicySection, language: Language): MessageRef {
  const number = (n: number) => (language === 'en' ? n : chineseNumeral(n));
  const values = { section: number(section.section), title: section.sectionTitle, item: number(section.item) };
  return section.area === undefined
    ? { key: 'tasks.detail.policySectionText', values }
    : { key: 'tasks.detail.policySectionAreaText', values: { ...values, area: number(section.area) } };
}

/** A quantified target: `> 100 亿元`. */
export function targetValueText(target: Pick<Target, 'comparator' | 'value' | 'unit'>): string {
  return `${target.comparator} ${target.value} ${target.unit}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who made a move: the signed-in user is "you"; anyone else by id (the console cannot look up other users' names),
 * a UUID shortened to its first eight characters (`full` keeps the whole id for a tooltip).
 */
export function actorMessage(by: string, currentUserId: string): MessageRef & { readonly full: string } {
  if (by === currentUserId) return { key: 'tasks.detail.historyYou', values: {}, full: by };
  const id = UUID.test(by) ? `${by.slice(0, 8)}…` : by;
  return { key: 'tasks.detail.historyUser', values: { id }, full: by };
}

/**
 * Wire types of the talent endpoints (`/api/v1/talent`, `/api/v1/talent-figures`) as the console reads them, and the
 * pipeline rules the board shows before asking (the server enforces them again and answers 409 with `allowedStages`).
 */

/** The pipeline in order; `declined` and `withdrawn` end it (with a reason) from any stage before onboarding. */
export const PIPELINE = ['identified', 'contacted', 'negotiating', 'agreed', 'signed', 'onboarded'] as const;
export const TALENT_STAGES = [...PIPELINE, 'declined', 'withdrawn'] as const;
export type TalentStage = (typeof TALENT_STAGES)[number];
export const ENDINGS = ['declined', 'withdrawn'] as const satisfies readonly TalentStage[];

export const TALENT_CATEGORIES = [
  'top_scientist',
  'leading_talent',
  'innovation_team',
  'high_skill',
  'interdisciplinary',
] as const;
export type TalentCategory = (typeof TALENT_CATEGORIES)[number];

export const TALENT_SOURCES = ['referral', 'event', 'enterprise_request', 'other'] as const;
export type TalentSource = (typeof TALENT_SOURCES)[number];

/** Fields of expertise (the committee's list, which talent records use too). */
export const EXPERT_FIELDS = [
  'intelligent_speech',
  'machine_vision',
  'cognitive_intelligence',
  'autonomous_driving',
  'big_data_intelligence',
  'vr_ar',
  'chips',
  'sensors',
  'robotics',
  'smart_manufacturing',
  'smart_healthcare',
  'industry_policy',
] as const;

export const PACKAGE_TERM_KINDS = [
  'research_funding',
  'housing_subsidy',
  'settlement_subsidy',
  'lab_space',
  'team_positions',
  'other',
] as const;
export type PackageTermKind = (typeof PACKAGE_TERM_KINDS)[number];

export interface PackageTerm {
  readonly kind: string;
  readonly description: string;
  /** Fen. */
  readonly amount?: number;
}

export interface TalentPackage {
  readonly version: number;
  readonly status: 'offered' | 'accepted' | 'declined';
  readonly terms: readonly PackageTerm[];
  readonly conditions?: string;
  /** Fen. */
  readonly amount: number;
  readonly allocation?: {
    readonly state: 'requested' | 'created' | 'approved' | 'rejected';
    readonly programmeId: string;
    readonly year: number;
    readonly allocationId?: string;
    readonly reason?: string;
  };
}

export interface Talent {
  readonly id: string;
  readonly kind: 'person' | 'team';
  readonly name: string;
  readonly category: TalentCategory;
  readonly fields: readonly string[];
  readonly members: readonly { readonly name: string; readonly role: string }[];
  readonly currentOrganisation: { readonly name: string; readonly creditCode?: string };
  readonly targetOrganisation?: { readonly name: string; readonly creditCode?: string };
  readonly source: string;
  readonly stage: TalentStage;
  readonly stalled: boolean;
  readonly lastActivityAt: string;
  readonly history: readonly {
    readonly at: string;
    readonly by: string;
    readonly from: string;
    readonly to: string;
    readonly note?: string;
  }[];
  readonly package?: TalentPackage;
  readonly links: {
    readonly taskCodes: readonly string[];
    readonly expertId?: string;
    readonly consultationIds: readonly string[];
  };
  readonly followUps: readonly {
    readonly year: number;
    readonly stillInCity: boolean;
    readonly patents: number;
    readonly products: number;
    readonly companiesFounded: number;
    readonly note?: string;
  }[];
  readonly onboardedAt?: string;
  /** Only for holders of `talent.contacts`. */
  readonly contact?: { readonly phone?: string; readonly email?: string; readonly address?: string };
  readonly contactLog?: readonly {
    readonly at: string;
    readonly by: string;
    readonly channel: string;
    readonly note: string;
  }[];
  readonly version: number;
}

export interface FigureRow {
  readonly year: number;
  readonly category: TalentCategory;
  readonly onboarded: number;
  readonly target?: number;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';

export function isTalent(value: unknown): value is Talent {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    (TALENT_STAGES as readonly unknown[]).includes(value.stage) &&
    Array.isArray(value.history) &&
    isObject(value.links) &&
    Array.isArray(value.followUps)
  );
}

export function isFigures(value: unknown): value is { rows: FigureRow[] } {
  return (
    isObject(value) &&
    Array.isArray(value.rows) &&
    value.rows.every((row) => isObject(row) && typeof row.year === 'number' && typeof row.onboarded === 'number')
  );
}

export function isStage(value: unknown): value is TalentStage {
  return (TALENT_STAGES as readonly unknown[]).includes(value);
}

/** Where a record may go from `stage`: the next pipeline stage, or an ending; nothing once it has ended. */
export function nextStages(stage: TalentStage): TalentStage[] {
  if (stage === 'onboarded' || stage === 'declined' || stage === 'withdrawn') return [];
  const next = PIPELINE[PIPELINE.indexOf(stage) + 1];
  return [...(next ? [next] : []), ...ENDINGS];
}

/** The next pipeline stage (not an ending), if any. */
export function nextPipelineStage(stage: TalentStage): TalentStage | undefined {
  return nextStages(stage).find((to) => !(ENDINGS as readonly string[]).includes(to));
}

export type Ending = (typeof ENDINGS)[number];

/** Declining and withdrawing end the pipeline and need a reason. */
export function needsReason(to: TalentStage): to is Ending {
  return (ENDINGS as readonly string[]).includes(to);
}

/** A package is offered while negotiating or agreed; a new offer replaces one that was not accepted. */
export function canOfferPackage(talent: Pick<Talent, 'stage' | 'package'>): boolean {
  return (talent.stage === 'negotiating' || talent.stage === 'agreed') && talent.package?.status !== 'accepted';
}

/** The board's columns: one per stage, in pipeline order, each with its records (stalled ones first). */
export function groupByStage(records: readonly Talent[]): { stage: TalentStage; records: Talent[] }[] {
  return TALENT_STAGES.map((stage) => ({
    stage,
    records: records
      .filter((record) => record.stage === stage)
      .sort((a, b) => Number(b.stalled) - Number(a.stalled) || a.name.localeCompare(b.name, 'zh-CN')),
  }));
}

/** The `allowedStages` of a refused move (409), if the problem carries them. */
export function allowedStagesOf(extensions: Readonly<Record<string, unknown>> | undefined): TalentStage[] | undefined {
  const allowed = extensions?.allowedStages;
  return Array.isArray(allowed) ? allowed.filter(isStage) : undefined;
}

/**
 * Fen as yuan with two decimals, computed on integers (no floating point): 123456 → `¥1,234.56`, -5 → `-¥0.05`.
 */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) return '—';
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100);
  const cents = abs % 100;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}¥${grouped}.${String(cents).padStart(2, '0')}`;
}

/**
 * Yuan typed by a user (`1234.5`, `1,234.56`) as integer fen, read as text so no floating point is involved;
 * undefined when it is not a positive amount with at most two decimals.
 */
export function parseYuanToFen(text: string): number | undefined {
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.trim().replaceAll(',', ''));
  if (!match) return undefined;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return fen > 0 ? fen : undefined;
}

/** Figures by year (newest first), each with one row per category in the fixed category order. */
export function figuresByYear(rows: readonly FigureRow[]): { year: number; rows: FigureRow[] }[] {
  const years = [...new Set(rows.map((row) => row.year))].sort((a, b) => b - a);
  return years.map((year) => ({
    year,
    rows: TALENT_CATEGORIES.flatMap((category) => rows.filter((row) => row.year === year && row.category === category)),
  }));
}

/** A bar's length in percent of the larger of onboarded and target (the bar never overflows). */
export function barPercent(value: number, row: FigureRow): number {
  const scale = Math.max(row.onboarded, row.target ?? 0);
  return scale > 0 ? Math.round((value / scale) * 100) : 0;
}

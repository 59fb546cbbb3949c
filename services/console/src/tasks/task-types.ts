/** Wire types of the key-task endpoints (`/api/v1/tasks…`, `/api/v1/units`), as the console reads them. */

import type { Unit } from '../api/types';

export const TASK_STATUSES = [
  'draft',
  'assigned',
  'in_progress',
  'at_risk',
  'completed',
  'accepted',
  'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** In workflow order; the detail page shows its buttons in this order. */
export const TASK_MOVES = [
  'assign',
  'start',
  'flag_risk',
  'recover',
  'complete',
  'accept',
  'send_back',
  'cancel',
] as const;
export type TaskMove = (typeof TASK_MOVES)[number];

export const RISK_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface TaskSummary {
  readonly code: string;
  readonly title: string;
  readonly status: TaskStatus;
  readonly parentCode?: string;
  readonly leadUnitIds: readonly string[];
  readonly coUnitIds: readonly string[];
  /** A calendar date, `YYYY-MM-DD`. */
  readonly dueDate?: string;
  /** Percent done, 0–100. */
  readonly progress: number;
  readonly riskLevel: string;
  readonly overdue: boolean;
  readonly version: number;
}

export interface PolicySection {
  readonly section: number;
  readonly sectionTitle: string;
  readonly item: number;
  readonly area?: number;
}

export interface Milestone {
  readonly title: string;
  readonly dueDate: string;
  readonly done: boolean;
  readonly evidence?: string;
}

export interface Target {
  readonly metric: string;
  readonly label: string;
  readonly comparator: string;
  readonly value: number;
  readonly unit: string;
  readonly year: number;
}

export interface HistoryEntry {
  /** An ISO timestamp. */
  readonly at: string;
  /** The id of the user (or service) that made the move. */
  readonly by: string;
  readonly from: string;
  readonly to: string;
  readonly reason?: string;
}

/** A change other than a status move: an edit, reported progress, a milestone done, a roll-up from sub-tasks. */
export interface ActivityEntry {
  readonly at: string;
  readonly by: string;
  /** `edited`, `progress_reported`, `milestone_completed`, `progress_rolled_up` … */
  readonly kind: string;
  readonly detail: string;
}

export interface TaskDetail extends TaskSummary {
  readonly description: string;
  readonly policySection?: PolicySection;
  readonly children: readonly string[];
  readonly startDate?: string;
  readonly milestones: readonly Milestone[];
  readonly targets: readonly Target[];
  readonly weight: number;
  readonly history: readonly HistoryEntry[];
  /** Absent from task services older than progress reports. */
  readonly activity?: readonly ActivityEntry[];
  /** The expert committee's acceptance appraisal, once concluded. */
  readonly appraisal?: {
    readonly reviewId: string;
    readonly conclusion: string;
    readonly summary: string;
    readonly conditions?: string;
    readonly weightedScore: number;
    readonly panelSize: number;
    readonly at: string;
  };
  /** The moves the signed-in user may make now; the server decides. */
  readonly allowedMoves: readonly TaskMove[];
}

/** `GET /api/v1/tasks`: pass `next` as `after` for the following page. */
export interface TaskPage {
  readonly items: readonly TaskSummary[];
  readonly next?: string;
}

/** `GET /api/v1/units`. */
export interface UnitList {
  readonly items: readonly Unit[];
}

export function isTaskStatus(value: unknown): value is TaskStatus {
  return typeof value === 'string' && (TASK_STATUSES as readonly string[]).includes(value);
}

export function isTaskMove(value: unknown): value is TaskMove {
  return typeof value === 'string' && (TASK_MOVES as readonly string[]).includes(value);
}

export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === 'string' && (RISK_LEVELS as readonly string[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}

function isSummary(value: unknown): value is TaskSummary {
  if (!isRecord(value)) return false;
  return (
    typeof value.code === 'string' &&
    typeof value.title === 'string' &&
    isTaskStatus(value.status) &&
    isStringArray(value.leadUnitIds) &&
    isStringArray(value.coUnitIds) &&
    typeof value.progress === 'number' &&
    typeof value.version === 'number'
  );
}

export function isTaskPage(value: unknown): value is TaskPage {
  return isRecord(value) && Array.isArray(value.items) && value.items.every(isSummary);
}

export function isTaskDetail(value: unknown): value is TaskDetail {
  if (!isSummary(value)) return false;
  const record = value as unknown as Record<string, unknown>;
  return (
    Array.isArray(record.milestones) &&
    Array.isArray(record.targets) &&
    Array.isArray(record.history) &&
    Array.isArray(record.allowedMoves)
  );
}

export function isUnitList(value: unknown): value is UnitList {
  return (
    isRecord(value) &&
    Array.isArray(value.items) &&
    value.items.every((unit) => isRecord(unit) && typeof unit.id === 'string')
  );
}

/** The moves in a problem's `allowedMoves` extension (403/409 on a refused move), known ones only. */
export function allowedMovesOf(extensions: Readonly<Record<string, unknown>> | undefined): TaskMove[] | undefined {
  const value = extensions?.allowedMoves;
  if (!Array.isArray(value)) return undefined;
  return TASK_MOVES.filter((move) => value.includes(move));
}

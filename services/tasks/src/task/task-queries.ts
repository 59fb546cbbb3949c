import {
  isUnitScoped,
  notFound,
  type Actor,
  type RequestContext,
  type TaskDetail,
  type TaskSummary,
} from '@aiplat/contracts';
import { Injectable } from '@nestjs/common';
import { TaskRepository, type TaskListFilter } from './task.repository';
import type { TaskDocument } from './task.schema';
import { isOverdue } from './overdue';
import { toDetail, toSummary } from './task-view';

/** Bureau staff see the tasks where their unit is lead or co-responsible, and nothing else. */
export function visibleTo(doc: Pick<TaskDocument, 'leadUnitIds' | 'coUnitIds'>, actor: Actor): boolean {
  if (!isUnitScoped(actor.roles ?? [], 'tasks.view')) return true;
  const unit = actor.unitId;
  return !!unit && [...doc.leadUnitIds, ...doc.coUnitIds].some((u) => u === unit);
}

/**
 * Lists are read far more often than tasks change, and FerretDB answers any
 * query other than by `_id` by reading the whole collection (≈10 ms for a
 * year's tasks). Pages are therefore kept for a moment: a write through this
 * process clears them at once; a write through another copy of the service is
 * seen within LIST_CACHE_MS. A single task is always read fresh.
 */
export const LIST_CACHE_MS = 2_000;

/** How many tasks are read at a time when a filter is applied in memory. */
const SCAN_BATCH = 500;

export interface TaskFilter {
  status?: string;
  unitId?: string;
  year?: number;
  topLevelOnly?: boolean;
  riskLevel?: string;
  section?: number;
  overdue?: boolean;
  q?: string;
}

/** The in-memory part of a filter (overdue, words in code/title/description), or undefined when there is none. */
function matcher(filter: TaskFilter, now: Date): ((doc: TaskDocument) => boolean) | undefined {
  const words = filter.q?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
  if (filter.overdue === undefined && words.length === 0) return undefined;
  return (doc) => {
    if (
      filter.overdue !== undefined &&
      isOverdue({ status: doc.status, dueDate: doc.dueDate, milestones: doc.milestones ?? [] }, now) !== filter.overdue
    ) {
      return false;
    }
    const text = `${doc._id} ${doc.title} ${doc.description}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
}

@Injectable()
export class TaskQueries {
  private readonly pages = new Map<string, { at: number; docs: Promise<TaskDocument[]> }>();

  constructor(private readonly tasks: TaskRepository) {}

  /** Called by every use case that writes tasks. */
  invalidate(): void {
    this.pages.clear();
  }

  private async page(filter: TaskListFilter, now: number): Promise<TaskDocument[]> {
    const key = JSON.stringify(filter);
    const hit = this.pages.get(key);
    if (hit && now - hit.at < LIST_CACHE_MS) return hit.docs;
    // Concurrent requests for the same page share one query.
    const docs = this.tasks.list(filter);
    if (this.pages.size > 1_000) this.pages.clear();
    this.pages.set(key, { at: now, docs });
    docs.catch(() => this.pages.delete(key));
    return docs;
  }

  async list(
    context: RequestContext,
    filter: TaskFilter,
    limit: number,
    after?: string,
    now = new Date(),
  ): Promise<{ items: TaskSummary[]; next?: string }> {
    const base = this.scoped(context.actor, filter);
    if (!base) return { items: [] };
    const keep = matcher(filter, now);
    const found: TaskDocument[] = [];
    let cursor = after;
    // Filters the database cannot answer (overdue, words) are applied here, a batch at a time.
    for (;;) {
      const batch = keep ? SCAN_BATCH : limit + 1;
      const docs = await this.page({ ...base, ...(cursor ? { after: cursor } : {}), limit: batch }, now.getTime());
      found.push(...(keep ? docs.filter(keep) : docs));
      if (found.length > limit || docs.length < batch) break;
      cursor = docs[docs.length - 1]!._id;
    }
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map((d) => toSummary(d, now)), ...(found.length > limit && last ? { next: last._id } : {}) };
  }

  /** Every task matching the filter that the user may see (for the ledger and exports). */
  async all(context: RequestContext, filter: TaskFilter, now = new Date()): Promise<TaskDocument[]> {
    const base = this.scoped(context.actor, filter);
    if (!base) return [];
    const keep = matcher(filter, now);
    const docs = await this.tasks.list({ ...base, limit: 100_000 });
    return keep ? docs.filter(keep) : docs;
  }

  /** The database filter, narrowed to the user's unit when their reach is unit-scoped; null when nothing is theirs. */
  private scoped(actor: Actor, filter: TaskFilter): Omit<TaskListFilter, 'limit'> | null {
    // A unit-scoped user asking for another unit's tasks gets an empty page, not someone else's work.
    const scoped = isUnitScoped(actor.roles ?? [], 'tasks.view');
    if (scoped && filter.unitId && filter.unitId !== actor.unitId) return null;
    if (scoped && !actor.unitId) return null;
    const unitId = scoped ? actor.unitId : filter.unitId;
    const { overdue: _o, q: _q, unitId: _u, ...stored } = filter;
    return { ...stored, ...(unitId ? { unitId } : {}) };
  }

  async get(context: RequestContext, code: string, now = new Date()): Promise<TaskDetail> {
    const doc = await this.tasks.get(code);
    // 404, not 403, for a task outside the user's unit: its existence is not theirs to know.
    if (!doc || !visibleTo(doc, context.actor)) throw notFound(`task ${code}`);
    return toDetail(doc, context.actor, now);
  }
}

import {
  holdsPermission,
  isUnitScoped,
  notFound,
  type Actor,
  type RequestContext,
  type TaskDetail,
  type TaskSummary,
} from '@aiplat/contracts';
import { Injectable } from '@nestjs/common';
import { TaskIndex, type IndexedTask } from './task-index';
import { TaskRepository } from './task.repository';
import type { TaskDocument } from './task.schema';
import { isOverdue } from './overdue';
import { toDetail, toSummary } from './task-view';

/** Bureau staff see the tasks where their unit is lead or co-responsible, and nothing else. */
export function visibleTo(doc: Pick<TaskDocument, 'leadUnitIds' | 'coUnitIds'>, actor: Actor): boolean {
  if (!isUnitScoped(actor.roles ?? [], 'tasks.view')) return true;
  const unit = actor.unitId;
  return !!unit && [...doc.leadUnitIds, ...doc.coUnitIds].some((u) => u === unit);
}

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

/** Lists, filters and exports read the in-memory index; a single task is read from the database. */
@Injectable()
export class TaskQueries {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly index: TaskIndex,
  ) {}

  /** Called with the task a use case has just written, so lists show it at once. */
  wrote(doc: TaskDocument): void {
    this.index.remember(doc);
  }

  /** Called after a write whose result the use case does not hold (an update without the document). */
  async refresh(code: string): Promise<void> {
    await this.index.refresh(code);
  }

  /** Called after writes of many tasks (an import, a clock's pass). */
  async invalidate(): Promise<void> {
    await this.index.reload();
  }

  async list(
    context: RequestContext,
    filter: TaskFilter,
    limit: number,
    after?: string,
    now = new Date(),
  ): Promise<{ items: TaskSummary[]; next?: string }> {
    const keep = this.matcher(context.actor, filter, now);
    if (!keep) return { items: [] };
    const found: IndexedTask[] = [];
    for (const doc of await this.index.all()) {
      if (after !== undefined && doc._id <= after) continue;
      if (!keep(doc)) continue;
      found.push(doc);
      if (found.length > limit) break;
    }
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map((d) => toSummary(d, now)), ...(found.length > limit && last ? { next: last._id } : {}) };
  }

  /** Every task matching the filter that the user may see (for the ledger, exports and the missing-report view). */
  async all(context: RequestContext, filter: TaskFilter, now = new Date()): Promise<IndexedTask[]> {
    const keep = this.matcher(context.actor, filter, now);
    return keep ? (await this.index.all()).filter(keep) : [];
  }

  /**
   * The filter as a predicate, narrowed to the user's unit when their reach is unit-scoped; null
   * when nothing is theirs (a unit-scoped user asking for another unit's tasks gets an empty page).
   */
  private matcher(actor: Actor, filter: TaskFilter, now: Date): ((doc: IndexedTask) => boolean) | null {
    if (!holdsPermission(actor, 'tasks.view')) return null;
    const scoped = isUnitScoped(actor.roles ?? [], 'tasks.view');
    if (scoped && (!actor.unitId || (filter.unitId && filter.unitId !== actor.unitId))) return null;
    const unitId = scoped ? actor.unitId : filter.unitId;
    const words = filter.q?.toLowerCase().split(/\s+/).filter(Boolean) ?? [];
    return (doc) =>
      (!filter.status || doc.status === filter.status) &&
      (!filter.year || doc.planYear === filter.year) &&
      (!unitId || doc.leadUnitIds.some((u) => u === unitId) || doc.coUnitIds.some((u) => u === unitId)) &&
      (!filter.topLevelOnly || !doc.parentCode) &&
      (!filter.riskLevel || doc.riskLevel === filter.riskLevel) &&
      (!filter.section || doc.policySection?.section === filter.section) &&
      (filter.overdue === undefined ||
        isOverdue({ status: doc.status, dueDate: doc.dueDate, milestones: doc.milestones ?? [] }, now) ===
          filter.overdue) &&
      (words.length === 0 || words.every((w) => this.index.searchText(doc).includes(w)));
  }

  async get(context: RequestContext, code: string, now = new Date()): Promise<TaskDetail> {
    const doc = await this.tasks.get(code);
    // 404, not 403, for a task outside the user's unit: its existence is not theirs to know.
    if (!doc || !visibleTo(doc, context.actor)) throw notFound(`task ${code}`);
    return toDetail(doc, context.actor, now);
  }
}

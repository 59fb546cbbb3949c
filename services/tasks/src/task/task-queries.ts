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
    filter: { status?: string; unitId?: string; year?: number; topLevelOnly?: boolean },
    limit: number,
    after?: string,
    now = new Date(),
  ): Promise<{ items: TaskSummary[]; next?: string }> {
    const { actor } = context;
    // A unit-scoped user asking for another unit's tasks gets an empty page, not someone else's work.
    const scoped = isUnitScoped(actor.roles ?? [], 'tasks.view');
    if (scoped && filter.unitId && filter.unitId !== actor.unitId) return { items: [] };
    const unitId = scoped ? actor.unitId : filter.unitId;
    const docs = await this.page(
      { ...filter, ...(unitId ? { unitId } : {}), ...(after ? { after } : {}), limit: limit + 1 },
      now.getTime(),
    );
    const page = docs.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map((d) => toSummary(d, now)), ...(docs.length > limit && last ? { next: last._id } : {}) };
  }

  async get(context: RequestContext, code: string, now = new Date()): Promise<TaskDetail> {
    const doc = await this.tasks.get(code);
    // 404, not 403, for a task outside the user's unit: its existence is not theirs to know.
    if (!doc || !visibleTo(doc, context.actor)) throw notFound(`task ${code}`);
    return toDetail(doc, context.actor, now);
  }
}

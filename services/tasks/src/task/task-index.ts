import { MESSAGING_LOGGER, NATS_CONNECTION, Topology } from '@aiplat/messaging';
import type { Logger } from '@aiplat/observability';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection, Subscription } from 'nats';
import { PeriodicJob } from '../clock/periodic-job';
import { TaskRepository } from './task.repository';
import type { TaskDocument } from './task.schema';

/** A task as the index keeps it: everything lists, filters and exports read, without its logs. */
export type IndexedTask = Omit<
  TaskDocument,
  'history' | 'activity' | 'outbox' | 'outboxPending' | 'reportMarks' | 'appraisal'
>;

/** How often the whole index is read again, as a safety net for a change it did not hear of. */
export const INDEX_RELOAD_MS = 60_000;

function slim(doc: TaskDocument): IndexedTask {
  const { history: _h, activity: _a, outbox: _o, outboxPending: _p, reportMarks: _m, appraisal: _r, ...rest } = doc;
  return rest;
}

/**
 * The tasks of every plan in memory, for lists, filters, the board and exports. FerretDB answers
 * every query other than by `_id` by reading (and decoding) the whole collection — hundreds of
 * milliseconds at 10,000 tasks — while a scan of this index takes about a millisecond.
 *
 * It stays current three ways: a write through this process hands its result over at once
 * (`remember`); every copy of the service hears the task events on NATS and re-reads the task by
 * `_id` (the indexed lookup), so a write through another copy is seen within milliseconds; and the
 * whole collection is read again every INDEX_RELOAD_MS. Entries only ever move to a higher version,
 * so a reload that read an older copy never undoes a newer one. A single task is always read from
 * the database (TaskQueries.get), never from here.
 */
@Injectable()
export class TaskIndex implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly byCode = new Map<string, IndexedTask>();
  /** Code, title and description in lower case, for word search without re-lowering every task per query. */
  private readonly words = new WeakMap<IndexedTask, string>();
  private ordered: IndexedTask[] | undefined;
  /** Where each code sits in `ordered`, so that a changed task replaces its entry without a new sort. */
  private positions = new Map<string, number>();
  private subscription: Subscription | undefined;
  private ready: Promise<void> | undefined;
  private readonly reloads: PeriodicJob;

  constructor(
    private readonly tasks: TaskRepository,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly topology: Topology,
    @Inject(MESSAGING_LOGGER) private readonly log: Logger,
  ) {
    this.reloads = new PeriodicJob('task index reload', INDEX_RELOAD_MS, () => this.reload(), log, INDEX_RELOAD_MS);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.subscription = this.nc.subscribe(this.topology.physical('ev.tasks.>'), {
      callback: (err, msg) => {
        if (err) return;
        this.heard(msg.data);
      },
    });
    await this.loaded();
    this.reloads.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    await this.reloads.stop();
  }

  /** Every task, ordered by code as the database orders `_id` (plain string order). */
  async all(): Promise<readonly IndexedTask[]> {
    await this.loaded();
    if (!this.ordered) {
      this.ordered = [...this.byCode.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
      this.positions = new Map(this.ordered.map((t, i) => [t._id, i]));
    }
    return this.ordered;
  }

  /** The task's searchable text in lower case. */
  searchText(task: IndexedTask): string {
    return this.words.get(task) ?? `${task._id} ${task.title} ${task.description}`.toLowerCase();
  }

  /** A task this process has just written (the document the update returned). */
  remember(doc: TaskDocument): void {
    const known = this.byCode.get(doc._id);
    if (known && known.version > doc.version) return;
    const entry = slim(doc);
    this.byCode.set(doc._id, entry);
    const at = this.positions.get(doc._id);
    // A known task keeps its place in code order; a new one means sorting again on the next read.
    if (this.ordered && at !== undefined) this.ordered[at] = entry;
    else this.ordered = undefined;
    this.words.set(entry, `${doc._id} ${doc.title} ${doc.description}`.toLowerCase());
  }

  /** Reads one task again by `_id`. */
  async refresh(code: string): Promise<void> {
    const doc = await this.tasks.get(code);
    if (doc) this.remember(doc);
  }

  /** Reads every task again (after an import, or as the periodic safety net). */
  async reload(): Promise<void> {
    const docs = await this.tasks.list({ limit: 1_000_000 });
    for (const doc of docs) this.remember(doc);
  }

  private loaded(): Promise<void> {
    this.ready ??= this.reload().catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  /** An event of the tasks service: re-read the task it is about, unless this index already has that version. */
  private heard(data: Uint8Array): void {
    let code: string | undefined;
    let version: number | undefined;
    try {
      const envelope = JSON.parse(new TextDecoder().decode(data)) as {
        aggregateId?: string;
        aggregateVersion?: number;
        data?: { code?: unknown };
      };
      code = typeof envelope.data?.code === 'string' ? envelope.data.code : undefined;
      if (code && envelope.aggregateId === code) version = envelope.aggregateVersion;
    } catch {
      return;
    }
    if (!code) return;
    const known = this.byCode.get(code);
    if (known && version !== undefined && known.version >= version) return;
    this.refresh(code).catch((err: unknown) => this.log.warn({ err, code }, 'could not refresh a task in the index'));
  }
}

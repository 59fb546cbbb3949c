import {
  DomainError,
  issuesFromZod,
  platformEvents,
  taskCreated,
  taskStatusChanged,
  type RequestContext,
  type TaskDetail,
} from '@aiplat/contracts';
import { createEvent, OutboxRelay, toOutboxEntries } from '@aiplat/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { TASKS_DB } from '../database/tasks-database';
import { holds } from '../supervision/supervision-access';
import { newTaskSchema } from './task';
import { TaskQueries } from './task-queries';
import { TaskRepository } from './task.repository';
import type { TaskDocument } from './task.schema';
import { toDetail } from './task-view';

export interface FollowUpInput {
  sourceKey: string;
  title: string;
  description: string;
  leadUnitIds: string[];
  dueDate: string;
  year: number;
}

/** Follow-up tasks of a year take sections 90–99, 99 items each: `2026-90.1` … `2026-99.99`. */
export const FOLLOW_UP_SECTION = 90;
const PER_SECTION = 99;

export function followUpCode(year: number, seq: number): string | undefined {
  const section = FOLLOW_UP_SECTION + Math.floor((seq - 1) / PER_SECTION);
  if (seq < 1 || section > 99) return undefined;
  return `${year}-${section}.${((seq - 1) % PER_SECTION) + 1}`;
}

/**
 * Follow-up key tasks created on request of another service (a consultation resolution), assigned
 * to their lead unit at once. Exactly one task per source key, even when the request is repeated or
 * the service stops half-way: the key is bound to a code first (a document whose `_id` is the key),
 * then the task is inserted under that code if absent.
 */
@Injectable()
export class FollowUpTasks {
  private readonly keys: Collection<Document>;
  private readonly counters: Collection<Document>;

  constructor(
    @Inject(TASKS_DB) connection: Connection,
    private readonly tasks: TaskRepository,
    private readonly queries: TaskQueries,
    private readonly relay: OutboxRelay,
  ) {
    this.keys = connection.collection('follow_up_keys') as unknown as Collection<Document>;
    this.counters = connection.collection('counters') as unknown as Collection<Document>;
  }

  async create(context: RequestContext, input: FollowUpInput, now = new Date()): Promise<TaskDetail> {
    const { actor } = context;
    if (!holds(actor, 'tasks.manage') && !holds(actor, 'consultations.manage')) {
      throw new DomainError(
        'forbidden',
        'follow-up tasks are created by the office or the consultation secretariat (needs tasks.manage or consultations.manage)',
      );
    }
    const code = await this.codeFor(input.sourceKey, input.year);
    const existing = await this.tasks.get(code);
    if (existing) return toDetail(existing, actor, now);

    const at = now.toISOString();
    const reason = `follow-up of ${input.sourceKey}`;
    const candidate = {
      code,
      title: input.title,
      description: input.description,
      policySection: {
        section: Number(code.split('-')[1]!.split('.')[0]),
        sectionTitle: '会商决议跟进',
        item: Number(code.split('.')[1]),
      },
      children: [],
      leadUnitIds: input.leadUnitIds,
      coUnitIds: [],
      contacts: [],
      dueDate: input.dueDate,
      milestones: [],
      targets: [],
      weight: 1,
      progress: 0,
      riskLevel: 'none' as const,
      status: 'assigned' as const,
      history: [{ at, by: actor.id, from: 'draft' as const, to: 'assigned' as const, reason }],
    };
    const checked = newTaskSchema.safeParse(candidate);
    if (!checked.success) {
      throw new DomainError('validation', 'the follow-up task is not valid', issuesFromZod(checked.error));
    }
    const cause = { correlationId: context.requestId, causationId: context.requestId, actor };
    const facts = { taskId: code, code, title: input.title, leadUnitIds: input.leadUnitIds };
    const staged = toOutboxEntries(
      [
        {
          envelope: createEvent(
            platformEvents,
            'task.created',
            {
              aggregateId: code,
              aggregateVersion: 0,
              data: { ...facts, coUnitIds: [], planYear: input.year, dueDate: input.dueDate },
              ...cause,
            },
            now,
          ),
          subject: taskCreated.subject,
        },
        {
          envelope: createEvent(
            platformEvents,
            'task.status_changed',
            {
              aggregateId: code,
              aggregateVersion: 0,
              data: { ...facts, from: 'draft', to: 'assigned', reason, coUnitIds: [], dueDate: input.dueDate },
              ...cause,
            },
            now,
          ),
          subject: taskStatusChanged.subject,
        },
      ],
      now,
    );
    const doc: TaskDocument = { ...checked.data, _id: code, planYear: input.year, version: 0, activity: [] };
    if (await this.tasks.insertIfAbsent(doc, staged)) {
      void this.relay.dispatch(this.tasks.collection, code, staged);
    }
    const saved = await this.tasks.get(code);
    if (!saved) throw new DomainError('internal', `follow-up task ${code} vanished`);
    this.queries.wrote(saved);
    return toDetail(saved, actor, now);
  }

  /** The code bound to a source key, binding the next free one first if the key is new. */
  private async codeFor(sourceKey: string, year: number): Promise<string> {
    const bound = await this.keys.findOne({ _id: sourceKey } as Document);
    if (bound) return String(bound.code);
    const counter = await this.counters.findOneAndUpdate(
      { _id: `follow-up-${year}` } as Document,
      { $inc: { seq: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    const code = followUpCode(year, Number(counter?.seq));
    if (!code) throw new DomainError('unprocessable', `no follow-up task codes left for ${year}`);
    try {
      await this.keys.insertOne({ _id: sourceKey, code, at: new Date() } as Document);
      return code;
    } catch (err) {
      // Another request bound the key at the same moment: use its code (this number stays unused).
      if ((err as { code?: number }).code !== 11000) throw err;
      const winner = await this.keys.findOne({ _id: sourceKey } as Document);
      return String(winner!.code);
    }
  }
}

import { platformEvents, supervisionNoticeEscalated } from '@aiplat/contracts';
import { createEvent, MESSAGING_LOGGER, OutboxRelay, toOutboxEntries, withOutbox } from '@aiplat/messaging';
import type { Logger } from '@aiplat/observability';
import { PeriodicJob } from '../clock/periodic-job';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Document } from 'mongodb';
import { decideNoticeMove } from './notice-status';
import { SUPERVISION_ENV, type SupervisionEnv } from './supervision-env';
import { SupervisionStore } from './supervision-store';
import type { NoticeDocument, NoticeHistoryEntry } from './supervision.schema';

export const SUPERVISION_CLOCK_ACTOR = { kind: 'system', id: 'tasks-supervision-clock' } as const;

/**
 * Escalates supervision notices whose response deadline has passed without a response
 * (`open → escalated`, `supervision.notice_escalated`). The change and its event are one update
 * guarded by the notice's version, so copies of the service sweeping at the same time escalate
 * a notice once.
 */
@Injectable()
export class SupervisionClock implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(
    private readonly store: SupervisionStore,
    private readonly relay: OutboxRelay,
    @Inject(SUPERVISION_ENV) private readonly env: SupervisionEnv,
    @Inject(MESSAGING_LOGGER) private readonly log: Logger,
  ) {
    this.job = new PeriodicJob('supervision deadline check', this.env.checkIntervalMs, () => this.sweep(), this.log);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** One pass over open notices; returns how many this pass escalated. */
  async sweep(now = new Date()): Promise<number> {
    const open = (await this.store.notices
      .find({ status: { $eq: 'open' } } as Document, { projection: { outbox: 0, history: 0 } })
      .toArray()) as unknown as NoticeDocument[];
    let escalated = 0;
    for (const doc of open) {
      const decision = decideNoticeMove({ id: doc._id, status: doc.status, deadline: doc.deadline }, 'escalate', now);
      if (!decision.ok) continue;
      const requestId = `supervision-clock:${doc._id}`;
      const event = createEvent(
        platformEvents,
        'supervision.notice_escalated',
        {
          aggregateId: doc._id,
          aggregateVersion: doc.version + 1,
          data: {
            noticeId: doc._id,
            taskId: doc.taskCode,
            code: doc.taskCode,
            title: doc.taskTitle,
            leadUnitIds: doc.leadUnitIds,
            deadline: doc.deadline,
            reason: doc.reason,
          },
          correlationId: requestId,
          causationId: requestId,
          actor: SUPERVISION_CLOCK_ACTOR,
        },
        now,
      );
      const staged = toOutboxEntries([{ envelope: event, subject: supervisionNoticeEscalated.subject }], now);
      const at = now.toISOString();
      const entry: NoticeHistoryEntry = { at, by: SUPERVISION_CLOCK_ACTOR.id, from: decision.from, to: decision.to };
      const saved = await this.store.notices.updateOne(
        { _id: doc._id, version: doc.version } as Document,
        withOutbox<Document>(
          {
            $set: { status: decision.to, escalatedAt: at },
            $push: { history: entry } as Document,
            $inc: { version: 1 },
          },
          staged,
        ),
      );
      // Another copy escalated it, or a response came in between: nothing more to do here.
      if (saved.matchedCount !== 1) continue;
      escalated++;
      void this.relay.dispatch(this.store.notices, doc._id, staged);
    }
    if (escalated > 0) this.log.info({ escalated }, 'supervision notices escalated');
    return escalated;
  }
}

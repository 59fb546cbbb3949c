import { conflict, type EventDataOf, type PlatformEvents } from '@aiplat/contracts';
import { ConsumerFactory, ConsumerLifecycle, type EventConsumer } from '@aiplat/messaging';
import { Injectable } from '@nestjs/common';
import { TaskProgress } from '../task/task-progress';
import { TaskRepository } from '../task/task.repository';

export const APPRAISAL_CONSUMER = 'tasks-appraisal-conclusions';

/**
 * Shows the committee's acceptance appraisal (评估论证) on its task: the conclusion, summary and
 * score from `review.concluded`, once (a redelivery finds the same review id on the task).
 */
@Injectable()
export class AppraisalConsumer extends ConsumerLifecycle {
  readonly consumer: EventConsumer<PlatformEvents, 'review.concluded'>;

  constructor(
    consumers: ConsumerFactory,
    private readonly tasks: TaskRepository,
    private readonly progress: TaskProgress,
  ) {
    super();
    this.consumer = consumers.create({
      name: APPRAISAL_CONSUMER,
      types: ['review.concluded'],
      handler: (event) => this.record(event.data, new Date(event.time)),
    });
  }

  async record(d: EventDataOf<PlatformEvents, 'review.concluded'>, at: Date): Promise<void> {
    if (d.type !== 'acceptance_appraisal' || !d.taskCode) return;
    for (let attempt = 0; attempt < 3; attempt++) {
      const task = await this.tasks.get(d.taskCode);
      if (!task || task.appraisal?.reviewId === d.reviewId) return;
      const appraisal = {
        reviewId: d.reviewId,
        conclusion: d.conclusion,
        summary: d.summary,
        ...(d.conditions ? { conditions: d.conditions } : {}),
        weightedScore: d.weightedScore,
        panelSize: d.panelSize,
        at: at.toISOString(),
      };
      const entry = {
        at: appraisal.at,
        by: `committee:${d.chairExpertId}`,
        kind: 'appraisal_concluded',
        detail: `${d.conclusion} (${d.weightedScore})`,
      };
      const saved = await this.progress.save(task, { appraisal, activity: [...(task.activity ?? []), entry] }, [], at);
      if (saved) return;
    }
    throw conflict(`task ${d.taskCode} keeps changing; the appraisal will be recorded on redelivery`);
  }
}

import { SERVICE_DB } from '@aiplat/messaging';
import { Inject, Injectable } from '@nestjs/common';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import type { AdviceDocument, AdviceVersionDocument } from '../advice/advice';
import type { ExpertDocument } from '../expert/expert';
import type { ReviewDocument } from '../review/review';
import type { TaskUnitsDocument } from '../review/task-units';

/** The committee service's own database (a mongoose connection). */
export const COMMITTEE_DB = SERVICE_DB;

/** The driver's untyped view of a collection, as the outbox relay takes it. */
export const asDocuments = <T extends Document>(c: Collection<T>) => c as unknown as Collection<Document>;

/** The committee database's collections, typed. Only the use cases of this service use them. */
@Injectable()
export class CommitteeCollections {
  readonly experts: Collection<ExpertDocument>;
  readonly advice: Collection<AdviceDocument>;
  /** Earlier versions of corrected advice, `_id` = `<advice id>#<revision>`. */
  readonly adviceVersions: Collection<AdviceVersionDocument>;
  readonly reviews: Collection<ReviewDocument>;
  /** The lead units of each task, from task events (an allocation review of a task excludes them too). */
  readonly taskUnits: Collection<TaskUnitsDocument>;

  constructor(@Inject(COMMITTEE_DB) connection: Connection) {
    const c = <T extends Document>(name: string) => connection.collection(name) as unknown as Collection<T>;
    this.experts = c('experts');
    this.advice = c('advice');
    this.adviceVersions = c('advice_versions');
    this.reviews = c('reviews');
    this.taskUnits = c('task_units');
  }

  /** Collections whose documents carry an outbox (the relay publishes from them). */
  withOutbox(): Array<Collection<Document>> {
    return [asDocuments(this.experts), asDocuments(this.advice), asDocuments(this.reviews)];
  }
}

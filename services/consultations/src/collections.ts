import { SERVICE_DB } from '@aiplat/messaging';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import type { MeetingDocument } from './meeting/meeting';
import type { OrganisationDocument } from './organisation/organisations';
import type { RecordDocument } from './record/record';
import type { ResolutionDocument } from './resolution/resolution';

/** The consultations database's collections, typed. */
@Injectable()
export class ConsultationCollections implements OnApplicationBootstrap {
  readonly records: Collection<RecordDocument>;
  readonly meetings: Collection<MeetingDocument>;
  readonly resolutions: Collection<ResolutionDocument>;
  /** The shared registry of participant organisations. */
  readonly organisations: Collection<OrganisationDocument>;

  constructor(@Inject(SERVICE_DB) connection: Connection) {
    const c = <T extends Document>(name: string) => connection.collection(name) as unknown as Collection<T>;
    this.records = c('consultation_records');
    this.meetings = c('meetings');
    this.resolutions = c('resolutions');
    this.organisations = c('organisations');
  }

  async onApplicationBootstrap(): Promise<void> {
    // Lists filter by these on MongoDB; FerretDB scans (small collections).
    await this.records.createIndex({ taskCode: 1 }, { name: 'task_code' }).catch(() => undefined);
    await this.resolutions.createIndex({ status: 1, deadline: 1 }, { name: 'status_deadline' }).catch(() => undefined);
  }

  /** Collections whose documents carry an outbox (the relay publishes from them). */
  withOutbox(): Array<Collection<Document>> {
    return [this.records, this.meetings, this.resolutions] as unknown as Array<Collection<Document>>;
  }
}

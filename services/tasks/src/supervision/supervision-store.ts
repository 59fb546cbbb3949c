import { MESSAGING_LOGGER } from '@aiplat/messaging';
import type { Logger } from '@aiplat/observability';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Collection, Document } from 'mongodb';
import type { Connection } from 'mongoose';
import { TASKS_DB } from '../database/tasks-database';
import {
  EXTENSIONS_COLLECTION,
  NOTICES_COLLECTION,
  type ExtensionDocument,
  type NoticeDocument,
} from './supervision.schema';

/**
 * The two collections of supervision records. Single records are read and changed by `_id`
 * alone (the only filter FerretDB answers through an index); lists and the clock's sweep read
 * by status, task and unit, which MongoDB serves from the indexes made here.
 */
@Injectable()
export class SupervisionStore implements OnApplicationBootstrap {
  /** The driver's collections: the outbox relay publishes from them. */
  readonly notices: Collection<Document>;
  readonly extensions: Collection<Document>;

  constructor(
    @Inject(TASKS_DB) connection: Connection,
    @Inject(MESSAGING_LOGGER) private readonly log: Logger,
  ) {
    this.notices = connection.collection(NOTICES_COLLECTION) as unknown as Collection<Document>;
    this.extensions = connection.collection(EXTENSIONS_COLLECTION) as unknown as Collection<Document>;
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      for (const c of [this.notices, this.extensions]) {
        await c.createIndex({ status: 1 }, { name: 'status' });
        await c.createIndex({ taskCode: 1 }, { name: 'task_code' });
      }
    } catch (err) {
      // Indexes speed up lists; the service works without them.
      this.log.warn({ err }, 'could not create the supervision indexes');
    }
  }

  async notice(id: string): Promise<NoticeDocument | null> {
    return (await this.notices.findOne({ _id: id } as Document, {
      projection: { outbox: 0 },
    })) as NoticeDocument | null;
  }

  async extension(id: string): Promise<ExtensionDocument | null> {
    return (await this.extensions.findOne({ _id: id } as Document, {
      projection: { outbox: 0 },
    })) as ExtensionDocument | null;
  }
}

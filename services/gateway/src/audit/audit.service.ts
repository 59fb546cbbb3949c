import { Inject, Injectable } from '@nestjs/common';
import { MESSAGING_LOGGER } from '@aiplat/messaging';
import type { Logger } from '@aiplat/observability';
import type { Connection, Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { DB_CONNECTION } from '../database/database.module';
import { auditSchema, type AuditDocument } from './audit.schema';

export interface AuditQuery {
  actorId?: string;
  action?: string;
  before?: Date;
  limit: number;
}

@Injectable()
export class AuditService {
  private readonly log: Model<AuditDocument>;

  constructor(
    @Inject(DB_CONNECTION) connection: Connection,
    @Inject(MESSAGING_LOGGER) private readonly logger: Logger,
  ) {
    this.log = connection.model('Audit', auditSchema);
  }

  /** Never fails the request it records: a write error is logged with the request id instead. */
  async record(entry: Omit<AuditDocument, '_id'>): Promise<void> {
    try {
      await this.log.create({ _id: randomUUID(), ...entry });
    } catch (err) {
      this.logger.error({ err, requestId: entry.requestId }, 'could not write the audit record');
    }
  }

  async list(q: AuditQuery): Promise<AuditDocument[]> {
    const filter: Record<string, unknown> = {};
    if (q.actorId) filter['actor.userId'] = { $eq: q.actorId };
    if (q.action) filter.action = { $eq: q.action };
    if (q.before) filter.at = { $lt: q.before };
    return this.log.find(filter).sort({ at: -1 }).limit(q.limit).lean<AuditDocument[]>().exec();
  }
}

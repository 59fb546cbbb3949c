import { DomainError } from '@aiplat/contracts';
import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import type { Connection, Model } from 'mongoose';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DB_CONNECTION } from '../database/database.module';
import { isDuplicateKey } from '../database/errors';
import { API_ROUTE, type ApiRouteSpec } from '../http/api-route';
import { PROBLEM_CONTENT_TYPE, toProblem } from '../http/problem';
import type { GatewayRequest } from '../http/request-context';
import { idempotencySchema, type IdempotencyDocument } from './idempotency.schema';

const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
const RETENTION_MS = 24 * 60 * 60 * 1000;
/** A key still "in progress" after this long belongs to a request whose gateway died: it may be retried. */
const ABANDONED_MS = 60 * 1000;

/**
 * `Idempotency-Key` on state-changing POSTs: the first request runs and its
 * response is kept for 24 h; a retry with the same key and body gets that
 * response again (header `Idempotent-Replayed: true`) without acting twice; the
 * same key with another body is refused (422); a retry while the first is still
 * running gets 409. A request that failed with a server error frees its key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleInit, OnModuleDestroy {
  private readonly keys: Model<IdempotencyDocument>;
  private cleanup: NodeJS.Timeout | undefined;

  constructor(
    private readonly reflector: Reflector,
    @Inject(DB_CONNECTION) connection: Connection,
  ) {
    this.keys = connection.model('IdempotencyKey', idempotencySchema);
  }

  onModuleInit(): void {
    // No TTL indexes on FerretDB: expire old keys by hand, hourly.
    this.cleanup = setInterval(() => void this.expire(), 60 * 60 * 1000);
    this.cleanup.unref();
  }

  onModuleDestroy(): void {
    if (this.cleanup) clearInterval(this.cleanup);
  }

  async expire(now = Date.now()): Promise<number> {
    const r = await this.keys.deleteMany({ createdAt: { $lt: new Date(now - RETENTION_MS) } }).exec();
    return r.deletedCount;
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<ApiRouteSpec | undefined>(API_ROUTE, ctx.getHandler());
    const req = ctx.switchToHttp().getRequest<GatewayRequest>();
    const header = req.headers['idempotency-key'];
    if (!spec?.idempotent || header === undefined) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || !KEY.test(key)) {
      throw new DomainError('validation', 'Idempotency-Key must be 8 to 128 characters of letters, digits, _ . : -');
    }
    const reply = ctx.switchToHttp().getResponse<FastifyReply>();
    return from(this.run(`${req.principal?.userId ?? 'anonymous'}:${key}`, req, reply, next));
  }

  private async run(id: string, req: GatewayRequest, reply: FastifyReply, next: CallHandler): Promise<unknown> {
    const requestHash = createHash('sha256')
      .update(`${req.method} ${req.url}\n${JSON.stringify(req.validated?.body ?? null)}`)
      .digest('hex');
    try {
      await this.keys.create({ _id: id, requestHash, state: 'in_progress', createdAt: new Date() });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const previous = await this.keys.findById(id).lean<IdempotencyDocument>().exec();
      if (!previous)
        throw new DomainError('conflict', 'the request with this Idempotency-Key is being retried; try again');
      if (previous.requestHash !== requestHash) {
        throw new DomainError('unprocessable', 'this Idempotency-Key was used for a different request');
      }
      if (previous.state !== 'done') {
        if (Date.now() - new Date(previous.createdAt).getTime() > ABANDONED_MS) {
          await this.keys.deleteOne({ _id: id, state: 'in_progress' }).exec();
          return this.run(id, req, reply, next);
        }
        throw new DomainError('conflict', 'the request with this Idempotency-Key is still being processed');
      }
      reply.status(previous.status ?? 200).header('Idempotent-Replayed', 'true');
      if ((previous.status ?? 200) >= 400) reply.type(PROBLEM_CONTENT_TYPE);
      return previous.body ? JSON.parse(previous.body) : undefined;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.keys
        .updateOne(
          { _id: id },
          {
            $set: {
              state: 'done',
              status: reply.statusCode,
              ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
            },
          },
        )
        .exec();
      return body;
    } catch (err) {
      // Keep refusals (4xx) so a retry gets the same answer; free the key after a server error.
      if (err instanceof DomainError && !['unavailable', 'internal'].includes(err.code)) {
        const p = toProblem(err);
        await this.keys
          .updateOne({ _id: id }, { $set: { state: 'done', status: p.status, body: JSON.stringify(p) } })
          .exec();
      } else {
        await this.keys.deleteOne({ _id: id }).exec();
      }
      throw err;
    }
  }
}

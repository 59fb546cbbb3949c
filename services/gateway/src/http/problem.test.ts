import { DomainError } from '@aiplat/contracts';
import { databaseUnavailable, natsUnavailable, serviceUnavailable } from '@aiplat/messaging';
import { createLogger } from '@aiplat/observability';
import type { ArgumentsHost } from '@nestjs/common';
import { MongoNetworkError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ProblemFilter } from './problem.filter';
import { PROBLEM_CONTENT_TYPE, toProblem, UNAVAILABLE_RETRY_AFTER_SECONDS } from './problem';

describe('toProblem: outages are 503 with what is down, bugs are 500', () => {
  it('the gateway’s own database down (auth, sessions, audit, idempotency) → 503 naming it', () => {
    for (const err of [
      new MongoServerSelectionError('connect ECONNREFUSED 127.0.0.1:27017', {} as never),
      new MongoNetworkError('connect ECONNREFUSED 127.0.0.1:27017'),
    ]) {
      expect(toProblem(err)).toEqual({
        type: 'https://aiplat.example/problems/unavailable',
        title: 'Service unavailable',
        status: 503,
        code: 'unavailable',
        detail: 'the gateway database is unavailable; try again shortly',
        dependency: 'database',
        service: 'gateway',
        retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
      });
    }
  });

  it('a service’s database, NATS or a silent service → 503 with the dependency and service', () => {
    expect(toProblem(databaseUnavailable('tasks'))).toMatchObject({
      status: 503,
      code: 'unavailable',
      detail: 'the tasks database is unavailable; try again shortly',
      dependency: 'database',
      service: 'tasks',
      retryAfterSeconds: 5,
    });
    expect(toProblem(natsUnavailable('funding'))).toMatchObject({
      status: 503,
      code: 'unavailable',
      detail: expect.stringMatching(/^NATS \(the message bus\) is unavailable, so funding cannot be reached/),
      dependency: 'nats',
    });
    expect(toProblem(serviceUnavailable('talent', 'talent did not answer rpc.talent.x in time'))).toMatchObject({
      status: 503,
      dependency: 'service',
      service: 'talent',
    });
  });

  it('a bug stays a 500 that says nothing about it; a duplicate key is no outage', () => {
    for (const err of [new Error('secret'), new MongoServerError({ code: 11000, errmsg: 'E11000 dup' } as never)]) {
      const p = toProblem(err);
      expect(p).toMatchObject({ status: 500, code: 'internal' });
      expect(p.detail).not.toMatch(/secret|E11000/);
      expect(p).not.toHaveProperty('retryAfterSeconds');
    }
  });

  it('every problem of a known code carries it; details cannot replace the standard members', () => {
    expect(toProblem(new DomainError('not_found', 'task X was not found')).code).toBe('not_found');
    const p = toProblem(new DomainError('conflict', 'no', undefined, { code: 'internal', status: 200, allowed: [] }));
    expect(p).toMatchObject({ status: 409, code: 'conflict', allowed: [] });
  });
});

describe('ProblemFilter', () => {
  function run(exception: unknown) {
    const sent: { status?: number; type?: string; body?: unknown; headers: Record<string, string> } = { headers: {} };
    const reply = {
      header(name: string, value: string) {
        sent.headers[name] = value;
        return reply;
      },
      status(code: number) {
        sent.status = code;
        return reply;
      },
      type(t: string) {
        sent.type = t;
        return reply;
      },
      send(body: unknown) {
        sent.body = body;
        return reply;
      },
    };
    const host = {
      switchToHttp: () => ({
        getRequest: () => ({ requestId: 'req-1', method: 'POST', url: '/api/v1/tasks/T-1/moves' }),
        getResponse: () => reply,
      }),
    } as unknown as ArgumentsHost;
    const logs: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    new ProblemFilter(createLogger({ service: 'gateway', level: 'info', destination: sink })).catch(exception, host);
    return { sent, logs };
  }

  it('answers an outage with 503, Retry-After and problem+json, logged as a warning', () => {
    const db = run(new MongoServerSelectionError('connect ECONNREFUSED', {} as never));
    expect(db.sent.status).toBe(503);
    expect(db.sent.headers['Retry-After']).toBe(String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    expect(db.sent.type).toBe(PROBLEM_CONTENT_TYPE);
    expect(db.sent.body).toMatchObject({ code: 'unavailable', dependency: 'database', instance: 'req-1' });
    expect(db.logs.join('')).toMatch(/"level":"warn".*"msg":"dependency unavailable"/);
  });

  it('a bug has no Retry-After and is logged as an error', () => {
    const { sent, logs } = run(new Error('boom'));
    expect(sent.status).toBe(500);
    expect(sent.headers['Retry-After']).toBeUndefined();
    expect(logs.join('')).toMatch(/"level":"error".*"msg":"request failed"/);
  });
});

import { conflict, defineRpc, DomainError, notFound } from '@aiplat/contracts';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { createServiceMicroservice, RpcClient, RpcPayload } from '../src';

const getTask = defineRpc({
  subject: 'rpc.probe.task.get',
  service: 'probe',
  description: 'test: read a task',
  request: z.object({ code: z.string().regex(/^\d{4}-\d+(\.\d+)*$/) }).strict(),
  response: z.object({ code: z.string(), status: z.string() }).strict(),
});
const slow = defineRpc({
  subject: 'rpc.probe.task.slow',
  service: 'probe',
  description: 'test: never answers in time',
  request: z.object({}).strict(),
  response: z.object({}).strict(),
});
const broken = defineRpc({
  subject: 'rpc.probe.task.broken',
  service: 'probe',
  description: 'test: a bug in the handler',
  request: z.object({}).strict(),
  response: z.object({}).strict(),
});

@Controller()
class ProbeController {
  @MessagePattern(getTask.subject)
  get(@RpcPayload(getTask) req: { code: string }) {
    if (req.code === '2020-9.9') throw notFound(`task ${req.code}`);
    if (req.code === '2020-1.1') throw conflict('task 2020-1.1 is accepted', { allowedMoves: [] });
    return { code: req.code, status: 'in_progress' };
  }

  @MessagePattern(slow.subject)
  async slow() {
    await new Promise((r) => setTimeout(r, 2_000));
    return {};
  }

  @MessagePattern(broken.subject)
  broken() {
    throw new Error('connection string mongodb://admin:secret@db leaked');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('request/reply over core NATS', () => {
  let app: INestMicroservice;
  let client: RpcClient;
  beforeAll(async () => {
    app = await createServiceMicroservice(ProbeModule, { service: 'probe', natsUrl: inject('natsUrl') });
    app.useLogger(false);
    await app.listen();
    client = new RpcClient({ natsUrl: inject('natsUrl'), name: 'probe-client', timeoutMs: 500 });
    await client.connect();
  });
  afterAll(async () => {
    await client.close();
    await app.close();
  });

  const failure = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      return err as DomainError;
    }
    throw new Error('expected the call to fail');
  };

  it('answers a valid request', async () => {
    expect(await client.request(getTask, { code: '2020-3.2' })).toEqual({ code: '2020-3.2', status: 'in_progress' });
  });

  it('refuses an invalid request on the server with a typed validation error', async () => {
    // Bypass the client-side check to prove the server validates too.
    const raw = new RpcClient({ natsUrl: inject('natsUrl'), name: 'raw', timeoutMs: 500 });
    const lenient = { ...getTask, request: z.any() } as unknown as typeof getTask;
    const err = await failure(raw.request(lenient, { code: { $gt: '' } } as never));
    await raw.close();
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe('validation');
    expect(err.issues?.[0]?.path).toBe('code');
  });

  it('refuses an invalid request before sending it', async () => {
    const err = await failure(client.request(getTask, { code: 'x', extra: 1 } as never));
    expect(err.code).toBe('validation');
    expect(err.issues?.map((i) => i.path).sort()).toEqual(['(root)', 'code']);
  });

  it('carries not_found and conflict (with details) back to the caller', async () => {
    expect((await failure(client.request(getTask, { code: '2020-9.9' }))).code).toBe('not_found');
    const c = await failure(client.request(getTask, { code: '2020-1.1' }));
    expect(c.code).toBe('conflict');
    expect(c.details).toEqual({ allowedMoves: [] });
  });

  it('hides the internals of an unexpected error', async () => {
    const err = await failure(client.request(broken, {}));
    expect(err.code).toBe('internal');
    expect(err.message).not.toContain('secret');
  });

  it('turns a timeout into unavailable', async () => {
    const err = await failure(client.request(slow, {}, { timeoutMs: 300 }));
    expect(err.code).toBe('unavailable');
  });
});

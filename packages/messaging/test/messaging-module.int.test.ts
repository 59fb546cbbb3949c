import { HealthRegistry } from '@aiplat/observability';
import { uniqueToken } from '@aiplat/testing';
import { Inject, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NatsConnection } from 'nats';
import { describe, expect, inject, it } from 'vitest';
import { DeadLetters, InjectNats, MessagingModule, RpcClient, Topology } from '../src';

@Injectable()
class NeedsMessaging {
  // Constructor injection by type needs decorator metadata: this fails loudly if the SWC transform breaks.
  constructor(
    @InjectNats() readonly nc: NatsConnection,
    readonly topology: Topology,
    readonly deadLetters: DeadLetters,
    @Inject(RpcClient) readonly rpc: RpcClient,
  ) {}
}

describe('MessagingModule', () => {
  it('gives a service its connection, streams, dead letters, rpc client and readiness, and drains on close', async () => {
    const prefix = uniqueToken();
    @Module({
      imports: [MessagingModule.forRoot({ service: 'probe', natsUrl: inject('natsUrl'), topology: { prefix } })],
      providers: [NeedsMessaging],
    })
    class AppModule {}

    const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    const svc = app.get(NeedsMessaging);
    expect(svc.topology.prefix).toBe(prefix);
    expect(svc.deadLetters).toBeInstanceOf(DeadLetters);
    const jsm = await svc.nc.jetstreamManager();
    expect((await jsm.streams.info(`${prefix}_EVENTS`)).config.subjects).toEqual([
      `${prefix}.ev.>`,
      `${prefix}.replay.>`,
    ]);
    expect((await jsm.streams.info(`${prefix}_DEADLETTER`)).config.subjects).toEqual([`${prefix}.dlq.>`]);

    const readiness = await app.get(HealthRegistry).readiness();
    expect(readiness.status).toBe('ok');
    expect(readiness.checks.nats?.ok).toBe(true);

    await jsm.streams.delete(`${prefix}_EVENTS`);
    await jsm.streams.delete(`${prefix}_DEADLETTER`);
    await app.close();
    expect(svc.nc.isClosed()).toBe(true);
  });
});

import {
  assertConsumerName,
  decodeEvent,
  type DecodeResult,
  SUBJECT_ROOTS,
  type Envelope,
  type EventDataOf,
  type EventRegistry,
  type EventTypeOf,
} from '@aiplat/contracts';
import type { Logger } from '@aiplat/observability';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import {
  AckPolicy,
  DeliverPolicy,
  type Consumer,
  type ConsumerConfig,
  type ConsumerMessages,
  type JsMsg,
  type NatsConnection,
} from 'nats';
import { natsIsReady } from './connection';
import { DeadLetters } from './dead-letters';
import { isDependencyUnavailable } from './dependency-errors';
import { PermanentError } from './errors';
import type { ProcessedEvents } from './processed-events';
import { isNotFound, type Topology } from './topology';
import { contextFromNatsHeaders } from './trace-headers';

export type EventOf<R extends EventRegistry, T extends EventTypeOf<R>> = Envelope<T, EventDataOf<R, T>>;

export interface HandlerContext {
  consumer: string;
  subject: string;
  /** 1 on first delivery. */
  deliveryCount: number;
  /** True on a redelivery: an earlier attempt may have written part of its effect before it failed. */
  retry: boolean;
  /** True when an operator replayed this event from the dead-letter stream. */
  replay: boolean;
  logger: Logger;
}

export type EventHandler<R extends EventRegistry, T extends EventTypeOf<R> = EventTypeOf<R>> = (
  event: EventOf<R, T>,
  ctx: HandlerContext,
) => Promise<void>;

export interface EventConsumerOptions<R extends EventRegistry, T extends EventTypeOf<R>> {
  nc: NatsConnection;
  topology: Topology;
  registry: R;
  processed: ProcessedEvents;
  logger: Logger;
  /** Durable name `<service>-<purpose>`; copies of a service share it and split the work. */
  name: string;
  types: readonly T[];
  handler: EventHandler<R, T>;
  /** Handler attempts (while the dependencies are healthy) before the event is parked (default 5). */
  maxAttempts?: number;
  /** Delay before attempt n+1 after attempt n failed (ms); the last value repeats. */
  backoffMs?: readonly number[];
  /** Time a delivery may stay unacknowledged before the server redelivers it (ms). */
  ackWaitMs?: number;
  /** Events handled at once; events of one aggregate are still handled in order. */
  concurrency?: number;
}

/** What readiness shows of a consumer. */
export interface ConsumerReadiness {
  ok: boolean;
  detail?: string;
}

/**
 * Looked up on each use, not at module load: a tracer taken before the SDK
 * registers its provider stays a no-op when the API is loaded twice (ESM + CJS).
 */
const tracer = () => trace.getTracer('@aiplat/messaging');

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One delivery this copy holds: fetched and not yet acknowledged, nak'd or parked. */
interface Held {
  msg: JsMsg;
  /** When its current handler attempt started; undefined while it waits for its turn. */
  runningSince: number | undefined;
}

/**
 * A durable JetStream pull consumer that applies each event once and never loses one:
 *  - payloads failing their contract schema are parked at once (they can never succeed);
 *  - a (consumer, event id) record under a unique index, written after the handler
 *    succeeds, skips events already applied;
 *  - a handler failing while its dependencies are healthy is retried with delayed
 *    redelivery (`nak(delay)`), and parked in the dead-letter stream with its reason
 *    after `maxAttempts`;
 *  - a dependency that is down (the database, NATS, a service that does not answer) is
 *    not a poison message: the consumer stops pulling, keeps the events it holds
 *    (telling the server it is still working on them, so no delivery is spent), reports
 *    itself not ready, and retries them when the dependency answers again;
 *  - a message whose earlier deliveries were never acknowledged (the process died
 *    while handling it) is parked on delivery `maxAttempts + 1` without running it
 *    again, so a message that crashes the process cannot loop;
 *  - the server never gives up on a message (`max_deliver` unlimited): the decision to
 *    park is always this runner's, so no event can be dropped without a dead letter;
 *  - `stop()` stops pulling and waits for in-flight handlers before returning.
 */
export class EventConsumer<R extends EventRegistry, T extends EventTypeOf<R>> {
  private readonly maxAttempts: number;
  private readonly backoffMs: readonly number[];
  private readonly ackWaitMs: number;
  private readonly concurrency: number;
  private deadLetters: DeadLetters | undefined;
  private readonly log: Logger;
  private batch: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly held = new Set<Held>();
  private readonly keyChains = new Map<string, Promise<void>>();
  private running = 0;
  private slotWaiters: Array<() => void> = [];
  private roomWaiters: Array<() => void> = [];
  /** Set while a dependency is down; resolves when it answers again (or the consumer stops). */
  private outage: Promise<void> | undefined;
  private outageReason = '';
  private stopping = false;

  constructor(private readonly options: EventConsumerOptions<R, T>) {
    assertConsumerName(options.name);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoffMs = options.backoffMs ?? [1_000, 5_000, 15_000, 60_000];
    this.ackWaitMs = options.ackWaitMs ?? 30_000;
    this.concurrency = options.concurrency ?? 8;
    this.log = options.logger.child({ consumer: options.name });
  }

  get name(): string {
    return this.options.name;
  }

  /** Not ready while it waits for a dependency: it pulls nothing until the dependency answers. */
  readiness(): ConsumerReadiness {
    return this.outage ? { ok: false, detail: `paused: ${this.outageReason}` } : { ok: true };
  }

  /** The durable consumer's configuration: filters on its event types and its replay subject. */
  consumerConfig(): Partial<ConsumerConfig> & { durable_name: string } {
    const { topology, registry, types, name } = this.options;
    const filters = types.map((t) => {
      const def = registry[t];
      if (!def) throw new Error(`consumer ${name}: unknown event type ${t}`);
      return topology.physical(def.subject);
    });
    filters.push(topology.physical(`${SUBJECT_ROOTS.replay}.${name}.>`));
    return {
      durable_name: name,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: this.ackWaitMs * 1e6,
      // Unlimited: a server that stops delivering after N attempts drops the message with no more
      // than an advisory. This runner parks it itself (see process()).
      max_deliver: -1,
      max_ack_pending: Math.max(this.concurrency * 4, 64),
      filter_subjects: filters,
    };
  }

  async start(): Promise<void> {
    const { nc, topology } = this.options;
    const jsm = await nc.jetstreamManager();
    this.deadLetters = new DeadLetters(nc.jetstream(), jsm, topology);
    const config = this.consumerConfig();
    try {
      await jsm.consumers.info(topology.eventsStream, config.durable_name);
      await jsm.consumers.update(topology.eventsStream, config.durable_name, config);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await jsm.consumers.add(topology.eventsStream, config);
    }
    const consumer = await nc.jetstream().consumers.get(topology.eventsStream, config.durable_name);
    this.heartbeat = setInterval(() => void this.beat(), Math.max(100, Math.floor(this.ackWaitMs / 4)));
    this.loop = this.run(consumer);
    this.log.info({ filters: config.filter_subjects }, 'consumer started');
  }

  /** Stops pulling, lets in-flight handlers finish (and ack), then returns. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.batch?.stop();
    this.roomWaiters.splice(0).forEach((wake) => wake());
    await this.loop;
    await Promise.allSettled([...this.keyChains.values()]);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.log.info('consumer stopped');
  }

  /**
   * Pulls only what it has room for, and nothing while a dependency is down: every message this
   * copy has taken is in `held`, where the heartbeat can keep it.
   */
  private async run(consumer: Consumer): Promise<void> {
    const capacity = this.concurrency * 2;
    while (!this.stopping) {
      if (this.outage) {
        await this.outage;
        continue;
      }
      const room = capacity - this.held.size;
      if (room <= 0) {
        await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
        continue;
      }
      try {
        this.batch = await consumer.fetch({ max_messages: room, expires: 5_000 });
        for await (const msg of this.batch) {
          if (this.stopping) msg.nak();
          else this.dispatch(msg);
        }
      } catch (err) {
        // NATS unreachable or the consumer being re-created: try again shortly.
        if (!this.stopping) {
          this.log.warn({ err }, 'could not pull events; retrying');
          await sleep(1_000);
        }
      } finally {
        this.batch = undefined;
      }
    }
  }

  /** Events of one aggregate are applied in order; different aggregates in parallel. */
  private dispatch(msg: JsMsg): void {
    const held: Held = { msg, runningSince: undefined };
    this.held.add(held);
    // Decoded once here: the aggregate id orders the work, and the handler gets the same result.
    const decoded = decodeEvent(this.options.registry, msg.data);
    const key = decoded.ok ? decoded.envelope.aggregateId : `seq:${msg.info.streamSequence}`;
    const previous = this.keyChains.get(key) ?? Promise.resolve();
    const task = previous
      .then(async () => {
        await this.acquireSlot();
        try {
          await this.handle(held, decoded);
        } finally {
          this.releaseSlot();
        }
      })
      .catch((err: unknown) => {
        this.log.error({ err }, 'unexpected consumer failure');
      })
      .finally(() => {
        this.held.delete(held);
        if (this.keyChains.get(key) === task) this.keyChains.delete(key);
        this.roomWaiters.shift()?.();
      });
    this.keyChains.set(key, task);
  }

  private async acquireSlot(): Promise<void> {
    while (this.running >= this.concurrency) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    this.running++;
  }

  private releaseSlot(): void {
    this.running--;
    this.slotWaiters.shift()?.();
  }

  /**
   * Keeps held deliveries from timing out while they cannot be worked on: those waiting for their
   * turn always, and every one while a dependency is down. A handler running for long while the
   * dependencies answer is left alone, so one that hangs is redelivered (and parked in the end);
   * one running long because the database stopped answering is noticed here and waited out.
   */
  private async beat(): Promise<void> {
    const now = Date.now();
    const slow = [...this.held].some((h) => h.runningSince !== undefined && now - h.runningSince > this.ackWaitMs / 4);
    if (slow && !this.outage && !(await this.dependenciesHealthy())) this.enterOutage('a dependency does not answer');
    for (const h of this.held) {
      if (!this.outage && h.runningSince !== undefined) continue;
      try {
        h.msg.working();
      } catch {
        // The connection is closed (shutting down): the server redelivers what was not acknowledged.
      }
    }
  }

  /**
   * Whether the service's dependencies answer: NATS a round trip and its database a ping. Asked
   * after a handler failure and while a handler runs long.
   */
  private async dependenciesHealthy(): Promise<boolean> {
    const probe = async () => (await natsIsReady(this.options.nc)) && (await this.options.processed.ping());
    const timeoutMs = Math.min(2_000, Math.max(200, this.ackWaitMs / 4));
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        probe().catch(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops pulling until the dependencies answer again; probes with a growing pause. */
  private enterOutage(reason: string): Promise<void> {
    if (this.outage) return this.outage;
    this.outageReason = reason;
    this.log.warn({ reason, held: this.held.size }, 'dependency unavailable: pausing, holding the events taken');
    const started = Date.now();
    this.outage = (async () => {
      for (let pause = 250; !this.stopping; pause = Math.min(pause * 2, 5_000)) {
        await sleep(pause);
        if (await this.dependenciesHealthy()) break;
      }
    })().finally(() => {
      this.outage = undefined;
      if (!this.stopping) this.log.info({ pausedMs: Date.now() - started }, 'dependencies answer again: resuming');
    });
    return this.outage;
  }

  private async handle(held: Held, decoded: DecodeResult): Promise<void> {
    const { topology, name } = this.options;
    const { msg } = held;
    const deliveryCount = msg.info.redeliveryCount;
    const parent = contextFromNatsHeaders(msg.headers);
    const span = tracer().startSpan(
      `${topology.logical(msg.subject)} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'nats',
          'messaging.destination.name': msg.subject,
          'messaging.consumer.group.name': name,
          'messaging.message.delivery_count': deliveryCount,
        },
      },
      parent,
    );
    await context.with(trace.setSpan(parent, span), async () => {
      try {
        await this.process(held, decoded, deliveryCount);
      } finally {
        span.end();
      }
    });
  }

  /** Attempts the event until it is applied, parked or handed back; waits out dependency outages in between. */
  private async process(held: Held, decoded: DecodeResult, deliveryCount: number): Promise<void> {
    const { msg } = held;
    if (!decoded.ok) {
      const detail = decoded.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
      await this.park(msg, `invalid payload: ${decoded.reason}${detail ? ` (${detail})` : ''}`, deliveryCount);
      return;
    }
    const event = decoded.envelope as EventOf<R, T>;
    trace.getActiveSpan()?.setAttributes({ 'messaging.message.id': event.id, 'event.type': event.type });
    const log = this.log.child({ eventId: event.id, eventType: event.type, correlationId: event.correlationId });
    for (let waits = 0; ; waits++) {
      held.runningSince = Date.now();
      const outcome = await this.attempt(msg, event, deliveryCount, log);
      held.runningSince = undefined;
      if (outcome === 'settled') return;
      await this.enterOutage(outcome.reason);
      // Failing again once the probe passed: the dependency is another service, which answers when
      // it answers. Back off (the heartbeat keeps the delivery alive) rather than retry at once.
      if (waits > 0 && !this.stopping) await sleep(Math.min(30_000, 500 * 2 ** Math.min(waits, 6)));
      if (this.stopping) {
        // Not applied: hand it back to the server for another copy.
        msg.nak();
        return;
      }
    }
  }

  /** One attempt: 'settled' when acknowledged, nak'd or parked; otherwise the dependency that failed it. */
  private async attempt(
    msg: JsMsg,
    event: EventOf<R, T>,
    deliveryCount: number,
    log: Logger,
  ): Promise<'settled' | { reason: string }> {
    const { processed, topology } = this.options;
    try {
      if (await processed.isApplied(this.options.name, event.id)) {
        log.debug('already applied; acknowledging the duplicate');
        msg.ack();
        return 'settled';
      }
    } catch (err) {
      log.warn({ err }, 'could not read the processed-event record; waiting for the database');
      return { reason: 'the database does not answer' };
    }
    if (deliveryCount > this.maxAttempts) {
      const reason = `no acknowledgement after ${this.maxAttempts} deliveries (the handler hung or the process died)`;
      await this.park(msg, reason, deliveryCount - 1);
      return 'settled';
    }

    const subject = topology.logical(msg.subject);
    try {
      await this.options.handler(event, {
        consumer: this.options.name,
        subject,
        deliveryCount,
        retry: deliveryCount > 1,
        replay: subject.startsWith(`${SUBJECT_ROOTS.replay}.`),
        logger: log,
      });
    } catch (err) {
      const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      const span = trace.getActiveSpan();
      span?.recordException(err instanceof Error ? err : new Error(reason));
      span?.setStatus({ code: SpanStatusCode.ERROR, message: reason });
      if (!(err instanceof PermanentError) && (isDependencyUnavailable(err) || !(await this.dependenciesHealthy()))) {
        log.warn(
          { err, deliveryCount },
          'handler failed while a dependency is unavailable; waiting (attempt not counted)',
        );
        return { reason: `a dependency is unavailable (${reason})` };
      }
      if (err instanceof PermanentError || deliveryCount >= this.maxAttempts) {
        log.error({ err, deliveryCount }, 'handler failed for good; parking the event');
        await this.park(msg, reason, deliveryCount);
      } else {
        const delay = this.delayAfter(deliveryCount);
        log.warn({ err, deliveryCount, retryInMs: delay }, 'handler failed; will retry');
        msg.nak(delay);
      }
      return 'settled';
    }
    try {
      await processed.markApplied(this.options.name, event, deliveryCount);
    } catch (err) {
      // The effect is written; the next attempt meets the handler's own guard.
      if (await this.dependenciesHealthy()) {
        log.warn({ err }, 'could not record the event as applied; it will be delivered again');
        msg.nak(this.delayAfter(deliveryCount));
        return 'settled';
      }
      log.warn({ err }, 'could not record the event as applied; waiting for the database');
      return { reason: 'the database does not answer' };
    }
    msg.ack();
    return 'settled';
  }

  private delayAfter(deliveryCount: number): number {
    return this.backoffMs[Math.min(deliveryCount - 1, this.backoffMs.length - 1)] ?? 1_000;
  }

  private async park(msg: JsMsg, reason: string, attempts: number): Promise<void> {
    try {
      if (!this.deadLetters) throw new Error('consumer not started');
      await this.deadLetters.park(msg, this.options.name, reason, attempts);
      msg.term();
      this.log.warn({ reason, seq: msg.info.streamSequence }, 'event parked in the dead-letter stream');
    } catch (err) {
      // Could not park (NATS trouble): leave it for redelivery rather than lose it.
      this.log.error({ err }, 'could not park the event; redelivering later');
      msg.nak(this.delayAfter(1));
    }
  }
}

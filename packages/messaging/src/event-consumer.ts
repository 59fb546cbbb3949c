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
  type ConsumerConfig,
  type ConsumerMessages,
  type JsMsg,
  type NatsConnection,
} from 'nats';
import { DeadLetters } from './dead-letters';
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
  /** Handler attempts before the event is parked (default 5). */
  maxAttempts?: number;
  /** Delay before attempt n+1 after attempt n failed (ms); the last value repeats. */
  backoffMs?: readonly number[];
  /** Time a delivery may stay unacknowledged before the server redelivers it (ms). */
  ackWaitMs?: number;
  /** Events handled at once; events of one aggregate are still handled in order. */
  concurrency?: number;
}

/**
 * Looked up on each use, not at module load: a tracer taken before the SDK
 * registers its provider stays a no-op when the API is loaded twice (ESM + CJS).
 */
const tracer = () => trace.getTracer('@aiplat/messaging');

/**
 * A durable JetStream pull consumer that applies each event once:
 *  - payloads failing their contract schema are parked at once (they can never succeed);
 *  - a (consumer, event id) record under a unique index, written after the handler
 *    succeeds, skips events already applied;
 *  - a failing handler is retried with delayed redelivery (`nak(delay)`), and parked in
 *    the dead-letter stream with its reason after `maxAttempts`;
 *  - a message whose earlier deliveries were never acknowledged (the process died
 *    while handling it) is parked on delivery `maxAttempts + 1` without running it
 *    again, so a message that crashes the process cannot loop;
 *  - `stop()` stops pulling and waits for in-flight handlers before returning.
 */
export class EventConsumer<R extends EventRegistry, T extends EventTypeOf<R>> {
  private readonly maxAttempts: number;
  private readonly backoffMs: readonly number[];
  private readonly ackWaitMs: number;
  private readonly concurrency: number;
  private deadLetters: DeadLetters | undefined;
  private readonly log: Logger;
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly keyChains = new Map<string, Promise<void>>();
  private slotWaiters: Array<() => void> = [];
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
      // One spare delivery lets the runner park a message whose handler never returned.
      max_deliver: this.maxAttempts + 1,
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
    this.messages = await consumer.consume({ max_messages: this.concurrency * 2 });
    this.loop = this.run(this.messages);
    this.log.info({ filters: config.filter_subjects }, 'consumer started');
  }

  /** Stops pulling, lets in-flight handlers finish (and ack), then returns. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.messages?.stop();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
    this.log.info('consumer stopped');
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    for await (const msg of messages) {
      if (this.stopping) {
        // Not started: let the server redeliver it to another copy.
        msg.nak();
        continue;
      }
      await this.acquireSlot();
      // Decoded once here: the aggregate id orders the work, and the handler gets the same result.
      const decoded = decodeEvent(this.options.registry, msg.data);
      const key = decoded.ok ? decoded.envelope.aggregateId : `seq:${msg.info.streamSequence}`;
      const previous = this.keyChains.get(key) ?? Promise.resolve();
      const task = previous
        .then(() => this.handle(msg, decoded))
        .catch((err: unknown) => {
          this.log.error({ err }, 'unexpected consumer failure');
        });
      this.keyChains.set(key, task);
      this.inFlight.add(task);
      void task.finally(() => {
        this.inFlight.delete(task);
        if (this.keyChains.get(key) === task) this.keyChains.delete(key);
        this.releaseSlot();
      });
    }
  }

  private async acquireSlot(): Promise<void> {
    if (this.inFlight.size < this.concurrency) return;
    await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
  }

  private releaseSlot(): void {
    this.slotWaiters.shift()?.();
  }

  /** Events of one aggregate are applied in order (see run()); different aggregates in parallel. */
  private async handle(msg: JsMsg, decoded: DecodeResult): Promise<void> {
    const { processed, topology, name } = this.options;
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
        await this.process(msg, decoded, deliveryCount, processed, topology);
      } finally {
        span.end();
      }
    });
  }

  private async process(
    msg: JsMsg,
    decoded: DecodeResult,
    deliveryCount: number,
    processed: ProcessedEvents,
    topology: Topology,
  ): Promise<void> {
    const span = trace.getActiveSpan();
    if (!decoded.ok) {
      const detail = decoded.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
      await this.park(msg, `invalid payload: ${decoded.reason}${detail ? ` (${detail})` : ''}`, deliveryCount);
      return;
    }
    const event = decoded.envelope as EventOf<R, T>;
    span?.setAttributes({ 'messaging.message.id': event.id, 'event.type': event.type });
    const log = this.log.child({ eventId: event.id, eventType: event.type, correlationId: event.correlationId });

    let applied: boolean;
    try {
      applied = await processed.isApplied(this.options.name, event.id);
    } catch (err) {
      log.warn({ err }, 'could not read the processed-event record; redelivering later');
      msg.nak(this.delayAfter(deliveryCount));
      return;
    }
    if (applied) {
      log.debug('already applied; acknowledging the duplicate');
      msg.ack();
      return;
    }
    if (deliveryCount > this.maxAttempts) {
      const reason = `no acknowledgement after ${this.maxAttempts} deliveries (the handler hung or the process died)`;
      await this.park(msg, reason, deliveryCount - 1);
      return;
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
      span?.recordException(err instanceof Error ? err : new Error(reason));
      span?.setStatus({ code: SpanStatusCode.ERROR, message: reason });
      if (err instanceof PermanentError || deliveryCount >= this.maxAttempts) {
        log.error({ err, deliveryCount }, 'handler failed for good; parking the event');
        await this.park(msg, reason, deliveryCount);
      } else {
        const delay = this.delayAfter(deliveryCount);
        log.warn({ err, deliveryCount, retryInMs: delay }, 'handler failed; will retry');
        msg.nak(delay);
      }
      return;
    }
    try {
      await processed.markApplied(this.options.name, event, deliveryCount);
    } catch (err) {
      // The effect is written; a redelivery meets the handler's own guard.
      log.warn({ err }, 'could not record the event as applied; it will be delivered again');
      msg.nak(this.delayAfter(deliveryCount));
      return;
    }
    msg.ack();
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

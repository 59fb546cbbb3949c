import { randomUUID } from 'node:crypto';
import {
  assertValidEvent,
  type Actor,
  type Envelope,
  type EventDataOf,
  type EventRegistry,
  type EventTypeOf,
} from '@aiplat/contracts';

export interface EventCause {
  /** The originating request id, carried unchanged along the whole chain. */
  correlationId: string;
  /** The request or event that directly caused this event. */
  causationId: string;
  actor: Actor;
}

/**
 * Builds a validated envelope for a registered event type. The source and
 * version come from the registry, so a producer cannot mislabel its events.
 */
export function createEvent<R extends EventRegistry, T extends EventTypeOf<R>>(
  registry: R,
  type: T,
  fields: { aggregateId: string; aggregateVersion?: number; data: EventDataOf<R, T> } & EventCause,
  now: Date = new Date(),
): Envelope<T, EventDataOf<R, T>> {
  const definition = registry[type];
  if (!definition) throw new Error(`unknown event type ${type}`);
  const envelope: Envelope<T, EventDataOf<R, T>> = {
    id: randomUUID(),
    type,
    version: definition.version,
    time: now.toISOString(),
    source: definition.source,
    aggregateId: fields.aggregateId,
    ...(fields.aggregateVersion !== undefined ? { aggregateVersion: fields.aggregateVersion } : {}),
    correlationId: fields.correlationId,
    causationId: fields.causationId,
    actor: fields.actor,
    data: fields.data,
  };
  assertValidEvent(registry, envelope);
  return envelope;
}

/** The cause of events emitted while handling `event`: same correlation, caused by that event. */
export function causedBy(event: Envelope, actor: Actor): EventCause {
  return { correlationId: event.correlationId, causationId: event.id, actor };
}

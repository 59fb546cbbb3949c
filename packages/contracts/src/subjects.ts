/**
 * Subject and stream names are a WIRE CONTRACT shared with every deployed
 * consumer and with the NATS permission files under infra/nats. Do not change
 * one without a migration note in docs/event-catalogue.md (old and new
 * subjects must be served side by side until every consumer has moved).
 *
 *   ev.<source>.<aggregate>.<event>          domain events        (stream EVENTS)
 *   replay.<consumer>.<original subject>     dead-letter replays  (stream EVENTS)
 *   dlq.<consumer>.<original subject>        dead letters         (stream DEADLETTER)
 *   rpc.<service>.<aggregate>.<action>       request/reply        (core NATS, queue group = service)
 */
export const STREAMS = Object.freeze({
  events: 'EVENTS',
  deadLetters: 'DEADLETTER',
});

export const SUBJECT_ROOTS = Object.freeze({
  events: 'ev',
  replay: 'replay',
  deadLetters: 'dlq',
  rpc: 'rpc',
});

const TOKEN = /^[a-z][a-z0-9_-]*$/;

function assertToken(kind: string, value: string): void {
  if (!TOKEN.test(value)) {
    throw new Error(`${kind} "${value}" is not a valid subject token (lower case letters, digits, _ and -)`);
  }
}

/** `ev.tasks.task.status_changed` for source `tasks` and type `task.status_changed`. */
export function eventSubject(source: string, type: string): string {
  assertToken('source', source);
  const [aggregate, event, ...rest] = type.split('.');
  if (!aggregate || !event || rest.length > 0) throw new Error(`event type "${type}" must be <aggregate>.<event>`);
  assertToken('aggregate', aggregate);
  assertToken('event', event);
  return `${SUBJECT_ROOTS.events}.${source}.${type}`;
}

export function rpcSubject(service: string, aggregate: string, action: string): string {
  assertToken('service', service);
  assertToken('aggregate', aggregate);
  assertToken('action', action);
  return `${SUBJECT_ROOTS.rpc}.${service}.${aggregate}.${action}`;
}

/** Durable consumer names: `<service>-<purpose>`, e.g. `funding-task-checks`. */
export function assertConsumerName(name: string): void {
  if (!/^[a-z][a-z0-9-]{0,62}$/.test(name)) {
    throw new Error(`consumer name "${name}" must be lower case letters, digits and -, at most 63 characters`);
  }
}

export function replaySubject(consumer: string, originalSubject: string): string {
  assertConsumerName(consumer);
  return `${SUBJECT_ROOTS.replay}.${consumer}.${originalSubject}`;
}

export function deadLetterSubject(consumer: string, originalSubject: string): string {
  assertConsumerName(consumer);
  return `${SUBJECT_ROOTS.deadLetters}.${consumer}.${originalSubject}`;
}

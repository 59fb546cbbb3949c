import { z } from 'zod';

/**
 * Who caused a change. `system` actors are services acting on an event
 * (e.g. funding holding a tranche because a task slipped).
 */
export const actorSchema = z
  .object({
    kind: z.enum(['user', 'system']),
    id: z.string().min(1).max(128),
    unitId: z.string().min(1).max(128).optional(),
    roles: z.array(z.string().min(1).max(64)).max(16).optional(),
  })
  .strict();
export type Actor = z.infer<typeof actorSchema>;

const idSchema = z.string().min(1).max(128);

/**
 * The envelope every domain event travels in. Field names are a wire contract:
 * renaming one needs a new envelope version and a migration note.
 */
export const envelopeSchema = z
  .object({
    /** Unique event id (UUID). Also the JetStream `Nats-Msg-Id`, so the server drops republished copies. */
    id: z.uuid(),
    /** `<aggregate>.<event>` e.g. `task.status_changed`. */
    type: z.string().regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/),
    /** Version of the `data` schema for this type. */
    version: z.number().int().positive(),
    /** ISO-8601 instant the change was committed. */
    time: z.iso.datetime({ offset: true }),
    /** Service that produced the event. */
    source: z.string().regex(/^[a-z][a-z0-9-]*$/),
    aggregateId: idSchema,
    /** Version of the aggregate after the change; lets consumers ignore stale redeliveries. */
    aggregateVersion: z.number().int().nonnegative().optional(),
    /** Id of the originating request (the HTTP `X-Request-Id`), shared by the whole causal chain. */
    correlationId: idSchema,
    /** Id of the event or command that directly caused this one. */
    causationId: idSchema,
    actor: actorSchema,
    data: z.unknown(),
  })
  .strict();

export type Envelope<TType extends string = string, TData = unknown> = Omit<
  z.infer<typeof envelopeSchema>,
  'type' | 'data'
> & { type: TType; data: TData };

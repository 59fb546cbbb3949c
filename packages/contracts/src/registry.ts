import type { z } from 'zod';
import { eventSubject } from './subjects';

/** One event type: its payload schema, version, producer and known consumers. */
export interface EventDefinition<TType extends string = string, TData extends z.ZodType = z.ZodType> {
  readonly type: TType;
  readonly version: number;
  /** Service that produces it; also the second token of its subject. */
  readonly source: string;
  readonly subject: string;
  readonly description: string;
  readonly data: TData;
  /** Services whose consumers act on it (documentation; the catalogue lists them). */
  readonly consumers: readonly string[];
}

export function defineEvent<TType extends string, TData extends z.ZodType>(def: {
  type: TType;
  version: number;
  source: string;
  description: string;
  data: TData;
  consumers?: readonly string[];
}): EventDefinition<TType, TData> {
  return Object.freeze({ ...def, consumers: def.consumers ?? [], subject: eventSubject(def.source, def.type) });
}

export type EventRegistry = Readonly<Record<string, EventDefinition>>;

/** Builds a registry keyed by event type, refusing two definitions of one type or subject. */
export function defineEventRegistry<const T extends readonly EventDefinition[]>(
  ...defs: T
): { readonly [D in T[number] as D['type']]: D } {
  const out: Record<string, EventDefinition> = {};
  const subjects = new Set<string>();
  for (const def of defs) {
    if (out[def.type]) throw new Error(`event type ${def.type} is defined twice`);
    if (subjects.has(def.subject)) throw new Error(`subject ${def.subject} is used twice`);
    subjects.add(def.subject);
    out[def.type] = def;
  }
  return Object.freeze(out) as { readonly [D in T[number] as D['type']]: D };
}

export type EventTypeOf<R extends EventRegistry> = Extract<keyof R, string>;
export type EventDataOf<R extends EventRegistry, T extends EventTypeOf<R>> = z.infer<R[T]['data']>;

/** A request/reply operation served by one service over core NATS. */
export interface RpcDefinition<TReq extends z.ZodType = z.ZodType, TRes extends z.ZodType = z.ZodType> {
  readonly subject: string;
  readonly service: string;
  readonly description: string;
  readonly request: TReq;
  readonly response: TRes;
}

export function defineRpc<TReq extends z.ZodType, TRes extends z.ZodType>(
  def: RpcDefinition<TReq, TRes>,
): RpcDefinition<TReq, TRes> {
  if (!def.subject.startsWith(`rpc.${def.service}.`)) {
    throw new Error(`rpc subject ${def.subject} must start with rpc.${def.service}.`);
  }
  return Object.freeze({ ...def });
}

export type RpcRequestOf<D extends RpcDefinition> = z.infer<D['request']>;
export type RpcResponseOf<D extends RpcDefinition> = z.infer<D['response']>;

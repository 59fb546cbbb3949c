import {
  DomainError,
  issuesFromZod,
  wireErrorSchema,
  type RpcDefinition,
  type RpcRequestOf,
  type RpcResponseOf,
} from '@aiplat/contracts';
import { ClientProxyFactory, NatsRecordBuilder, Transport, type ClientProxy } from '@nestjs/microservices';
import { headers as natsHeaders } from 'nats';
import { TimeoutError, firstValueFrom, timeout } from 'rxjs';
import { currentTraceHeaders, toNatsHeaders } from '../trace-headers';
import { natsUnavailable, serviceUnavailable, isNatsUnavailableError } from '../dependency-errors';
import { fromWireError } from './rpc-errors';

export interface RpcClientOptions {
  natsUrl: string;
  name: string;
  user?: string;
  pass?: string;
  /** Default time to wait for a reply (ms). `ClientProxy.send()` has no timeout of its own. */
  timeoutMs?: number;
}

export interface RpcCallOptions {
  timeoutMs?: number;
  /** The originating request id; the service uses it as the correlation id of what follows. */
  correlationId?: string;
}

/**
 * Why a request failed, as the DomainError the caller gets (no I/O):
 *  - the service's own error reply (a wire error) as it is, e.g. `unavailable` for its database;
 *  - no answer in time, or no copy listening → `unavailable` naming the service;
 *  - the NATS connection down or reconnecting → `unavailable` naming NATS. The Nest client rejects
 *    with a bare string then ("Error: Connection lost. Trying to reconnect..."), not an Error;
 *  - any other transport Error → `unavailable` naming the service;
 *  - anything else (an object that is no wire error) → `internal`: a service broke the contract.
 */
export function rpcFailure(err: unknown, definition: Pick<RpcDefinition, 'service' | 'subject'>): DomainError {
  const { service, subject } = definition;
  if (err instanceof TimeoutError) return serviceUnavailable(service, `${service} did not answer ${subject} in time`);
  if (err instanceof DomainError) return err;
  if (wireErrorSchema.safeParse(err).success) return fromWireError(err);
  if (isNatsUnavailableError(err) || typeof err === 'string') return natsUnavailable(service);
  if (err instanceof Error) {
    if ((err as { code?: unknown }).code === '503') {
      return serviceUnavailable(service, `${service} is unavailable: no copy answers ${subject}`);
    }
    return serviceUnavailable(service, `${service} is unavailable: ${err.message}`);
  }
  return fromWireError(err);
}

/**
 * Typed request/reply over core NATS. Validates the request before sending and
 * the reply on arrival; failures come back as DomainError with a code the
 * gateway maps to HTTP (timeouts and no responders become `unavailable`).
 */
export class RpcClient {
  private readonly client: ClientProxy;
  private readonly timeoutMs: number;

  constructor(options: RpcClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.client = ClientProxyFactory.create({
      transport: Transport.NATS,
      options: {
        servers: options.natsUrl.split(','),
        name: options.name,
        maxReconnectAttempts: -1,
        waitOnFirstConnect: true,
        ...(options.user ? { user: options.user, pass: options.pass } : {}),
      },
    });
  }

  async connect(): Promise<void> {
    await this.client.connect();
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  async request<D extends RpcDefinition>(
    definition: D,
    payload: RpcRequestOf<D>,
    options: RpcCallOptions = {},
  ): Promise<RpcResponseOf<D>> {
    const checked = definition.request.safeParse(payload);
    if (!checked.success) {
      throw new DomainError('validation', `invalid request to ${definition.subject}`, issuesFromZod(checked.error));
    }
    const h = toNatsHeaders(currentTraceHeaders(), natsHeaders());
    if (options.correlationId) h.set('Correlation-Id', options.correlationId);
    const record = new NatsRecordBuilder(checked.data).setHeaders(h).build();
    let reply: unknown;
    try {
      reply = await firstValueFrom(
        this.client.send(definition.subject, record).pipe(timeout({ first: options.timeoutMs ?? this.timeoutMs })),
      );
    } catch (err) {
      throw rpcFailure(err, definition);
    }
    const parsed = definition.response.safeParse(reply);
    if (!parsed.success) {
      throw new DomainError('internal', `${definition.subject} replied with a payload that breaks its contract`);
    }
    return parsed.data as RpcResponseOf<D>;
  }
}

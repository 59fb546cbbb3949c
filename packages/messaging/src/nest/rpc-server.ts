import {
  Catch,
  Injectable,
  Logger as NestLogger,
  type ArgumentsHost,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type PipeTransform,
  type RpcExceptionFilter,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NatsContext, Payload, Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { DomainError, issuesFromZod, type RpcDefinition } from '@aiplat/contracts';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { from, throwError, lastValueFrom, type Observable } from 'rxjs';
import { contextFromNatsHeaders } from '../trace-headers';
import { toWireError } from './rpc-errors';

/** Validates the payload of a request against its contract; bad input never reaches the handler. */
export class RpcPayloadPipe implements PipeTransform {
  constructor(private readonly definition: RpcDefinition) {}

  transform(value: unknown): unknown {
    const result = this.definition.request.safeParse(value);
    if (!result.success) {
      throw new DomainError('validation', `invalid request to ${this.definition.subject}`, issuesFromZod(result.error));
    }
    return result.data;
  }
}

/** `@RpcPayload(def)`: the request body, validated against `def.request`. */
export const RpcPayload = (definition: RpcDefinition): ParameterDecorator => Payload(new RpcPayloadPipe(definition));

/**
 * Sends every failure back as a typed wire error (`{ code, message, issues?, details? }`); an outage
 * of the service's own database becomes `unavailable` naming it (`service`).
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly log = new NestLogger('rpc');

  constructor(private readonly service = 'service') {}

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    const wire = toWireError(exception, this.service);
    if (wire.code === 'internal') this.log.error(exception);
    else if (wire.code === 'unavailable' && !(exception instanceof DomainError)) {
      // An outage, not a bug: one line with the driver's reason is enough for the operator.
      this.log.warn(`${wire.message}: ${String((exception as Error)?.message ?? exception)}`);
    }
    return throwError(() => wire);
  }
}

/**
 * Looked up on each use, not at module load: a tracer taken before the SDK
 * registers its provider stays a no-op when the API is loaded twice (ESM + CJS).
 */
const tracer = () => trace.getTracer('@aiplat/messaging');

/** Continues the caller's trace: a SERVER span whose parent comes from the request's NATS headers. */
@Injectable()
export class RpcTracingInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rpc = ctx.switchToRpc();
    const natsCtx = rpc.getContext<NatsContext>();
    const headers = natsCtx?.getHeaders?.();
    const parent = contextFromNatsHeaders(headers);
    const span = tracer().startSpan(natsCtx?.getSubject?.() ?? 'rpc', { kind: SpanKind.SERVER }, parent);
    return from(
      context.with(trace.setSpan(parent, span), async () => {
        try {
          return await lastValueFrom(next.handle(), { defaultValue: undefined });
        } catch (err) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: String((err as Error)?.message ?? err) });
          throw err;
        } finally {
          span.end();
        }
      }),
    );
  }
}

export interface ServiceMicroserviceOptions {
  service: string;
  natsUrl: string;
  user?: string;
  pass?: string;
}

/**
 * A service's request/reply server: core NATS with the service name as queue
 * group (copies share the load), unlimited reconnects, typed errors and tracing.
 */
export async function createServiceMicroservice(module: unknown, options: ServiceMicroserviceOptions) {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(module as never, {
    transport: Transport.NATS,
    options: {
      servers: options.natsUrl.split(','),
      queue: options.service,
      name: `${options.service}-rpc`,
      maxReconnectAttempts: -1,
      waitOnFirstConnect: true,
      ...(options.user ? { user: options.user, pass: options.pass } : {}),
    },
    bufferLogs: true,
  });
  app.useGlobalFilters(new RpcErrorFilter(options.service));
  app.useGlobalInterceptors(new RpcTracingInterceptor());
  return app;
}

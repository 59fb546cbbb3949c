import { Catch, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { MESSAGING_LOGGER } from '@aiplat/messaging';
import type { Logger } from '@aiplat/observability';
import { HttpException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problem, toProblem, type Problem } from './problem';
import type { GatewayRequest } from './request-context';

/**
 * Every error leaves the gateway as application/problem+json; 5xx details go to the log, never to
 * the caller. A 503 (and a 429) carries `Retry-After`.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@Inject(MESSAGING_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<GatewayRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const p: Problem =
      exception instanceof HttpException
        ? problem(
            exception.getStatus(),
            exception.getStatus() === 404 ? `no route ${req.method} ${req.url}` : exception.message,
          )
        : toProblem(exception);
    p.instance = req.requestId;
    if (p.status === 503) {
      // An outage of NATS, a service or a database: expected while it lasts, and the caller may retry.
      this.logger.warn({ err: exception, requestId: req.requestId, detail: p.detail }, 'dependency unavailable');
    } else if (p.status >= 500) this.logger.error({ err: exception, requestId: req.requestId }, 'request failed');
    const retryAfter = (p as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number') void reply.header('Retry-After', String(retryAfter));
    void reply.status(p.status).type(PROBLEM_CONTENT_TYPE).send(p);
  }
}

import type { RequestContext, RpcDefinition, RpcRequestOf, RpcResponseOf } from '@aiplat/contracts';
import type { RpcClient } from '@aiplat/messaging';
import type { Principal } from './request-context';

/** Who asks and under which request id, as every service command and query carries it. */
export function requestContext(principal: Principal, requestId: string): RequestContext {
  return {
    actor: { kind: 'user', id: principal.userId, unitId: principal.unitId, roles: principal.roles },
    requestId,
  };
}

/**
 * Forwards a request to the service that owns it: the signed-in user and the
 * request id go along as the request context and as the correlation id.
 */
export function callService<D extends RpcDefinition>(
  rpc: RpcClient,
  definition: D,
  principal: Principal,
  requestId: string,
  payload: Omit<RpcRequestOf<D>, 'context'>,
  options: { timeoutMs?: number } = {},
): Promise<RpcResponseOf<D>> {
  const request = { ...payload, context: requestContext(principal, requestId) } as RpcRequestOf<D>;
  return rpc.request(definition, request, { correlationId: requestId, ...options });
}

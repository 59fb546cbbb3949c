import type { RpcDefinition } from '../registry';
import { healthCheckRpc } from './health';

export * from './health';

/** Services that exist; each answers its health check. Service issues add their own operations. */
export const PLATFORM_SERVICES = ['tasks', 'committee', 'consultations', 'talent', 'funding'] as const;
export type PlatformService = (typeof PLATFORM_SERVICES)[number];

export const platformRpcs: readonly RpcDefinition[] = PLATFORM_SERVICES.map((s) => healthCheckRpc(s));

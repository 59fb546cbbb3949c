import type { RpcDefinition } from '../registry';
import { healthCheckRpc } from './health';
import { tasksRpcs } from './tasks';
import { supervisionRpcs } from './supervision';
import { reportsRpcs } from './reports';
import { fundingRpcs } from './funding';
import { consultationsRpcs } from './consultations';
import { talentRpcs } from './talent';
import { committeeRpcs } from './committee';

export * from './health';
export * from './tasks';
export * from './supervision';
export * from './reports';
export * from './funding';
export * from './consultations';
export * from './talent';
export * from './committee';

/** The platform's services; each answers its health check. Each service issue adds its own operations. */
export const PLATFORM_SERVICES = ['tasks', 'committee', 'consultations', 'talent', 'funding'] as const;
export type PlatformService = (typeof PLATFORM_SERVICES)[number];

export const platformRpcs: readonly RpcDefinition[] = [
  ...PLATFORM_SERVICES.map((s) => healthCheckRpc(s)),
  ...tasksRpcs,
  ...supervisionRpcs,
  ...reportsRpcs,
  ...fundingRpcs,
  ...consultationsRpcs,
  ...talentRpcs,
  ...committeeRpcs,
];

import type { INestMicroservice } from '@nestjs/common';
import { loadTalentEnv } from '../../talent/src/config/env';
import { TalentModule } from '../../talent/src/talent.module';
import { startServiceInProcess } from './service-starter';

/**
 * The talent service in this process (its retry sweep off: tests call it); give it the funding
 * service's prefix to hear the allocation decisions.
 */
export function startTalentService(env: Record<string, string> = {}): Promise<INestMicroservice> {
  return startServiceInProcess({
    service: 'talent',
    dbVariable: 'TALENT_DB',
    load: loadTalentEnv,
    module: (e) => TalentModule.forRoot(e),
    defaults: { TALENT_RETRY_INTERVAL_MS: '0', TALENT_BACKOFF_MS: '200' },
    env,
  });
}

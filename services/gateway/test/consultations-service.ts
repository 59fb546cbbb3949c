import type { INestMicroservice } from '@nestjs/common';
import { loadConsultationsEnv } from '../../consultations/src/config/env';
import { ConsultationsModule } from '../../consultations/src/consultations.module';
import { startServiceInProcess } from './service-starter';

/** The consultations service in this process; give it the tasks service's prefix to hear its task events. */
export function startConsultationsService(env: Record<string, string> = {}): Promise<INestMicroservice> {
  return startServiceInProcess({
    service: 'consultations',
    dbVariable: 'CONSULTATIONS_DB',
    load: loadConsultationsEnv,
    module: (e) => ConsultationsModule.forRoot(e),
    defaults: { CONSULTATIONS_BACKOFF_MS: '200' },
    env,
  });
}

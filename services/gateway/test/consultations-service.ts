import { createServiceMicroservice } from '@aiplat/messaging';
import { uniqueToken } from '@aiplat/testing';
import type { INestMicroservice } from '@nestjs/common';
import { inject } from 'vitest';
import { loadConsultationsEnv } from '../../consultations/src/config/env';
import { ConsultationsModule } from '../../consultations/src/consultations.module';

/**
 * The consultations service in this process, on the suite's own database. Give it the tasks
 * service's topology prefix so that it hears that service's task events.
 */
export async function startConsultationsService(env: Record<string, string> = {}): Promise<INestMicroservice> {
  const consultationsEnv = loadConsultationsEnv({
    ...process.env,
    NATS_URL: inject('natsUrl'),
    MONGO_URL: inject('mongoUrl'),
    CONSULTATIONS_DB: uniqueToken('consultations_'),
    AIPLAT_TOPOLOGY_PREFIX: uniqueToken(),
    LOG_LEVEL: 'error',
    CONSULTATIONS_BACKOFF_MS: '200',
    ...env,
  });
  const app = await createServiceMicroservice(ConsultationsModule.forRoot(consultationsEnv), {
    service: 'consultations',
    natsUrl: consultationsEnv.NATS_URL,
  });
  app.useLogger(false);
  await app.listen();
  return app;
}

import 'reflect-metadata';
import { runService } from '@aiplat/messaging';
import { loadConsultationsEnv } from './config/env';
import { ConsultationsModule } from './consultations.module';

const env = loadConsultationsEnv();
runService({ service: 'consultations', module: ConsultationsModule.forRoot(env), env }).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

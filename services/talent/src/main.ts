import 'reflect-metadata';
import { runService } from '@aiplat/messaging';
import { loadTalentEnv } from './config/env';
import { TalentModule } from './talent.module';

const env = loadTalentEnv();
runService({ service: 'talent', module: TalentModule.forRoot(env), env }).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

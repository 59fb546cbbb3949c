import 'reflect-metadata';
import { runService } from '@aiplat/messaging';
import { CommitteeModule } from './committee.module';
import { loadCommitteeEnv } from './config/env';

const env = loadCommitteeEnv();
runService({ service: 'committee', module: CommitteeModule.forRoot(env), env }).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

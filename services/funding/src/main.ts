import 'reflect-metadata';
import { runService } from '@aiplat/messaging';
import { loadFundingEnv } from './config/env';
import { FundingModule } from './funding.module';

const env = loadFundingEnv();
runService({ service: 'funding', module: FundingModule.forRoot(env), env }).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

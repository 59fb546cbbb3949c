import 'reflect-metadata';
import { runService } from '@aiplat/messaging';
import { loadFundingEnv } from './config/env';
import { FundingModule } from './funding.module';

runService('funding', () => {
  const env = loadFundingEnv();
  return { env, module: FundingModule.forRoot(env) };
});

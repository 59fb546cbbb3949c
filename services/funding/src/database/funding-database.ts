import { serviceDatabaseModule } from '@aiplat/messaging';
import type { FundingEnv } from '../config/env';

/** The funding service's own database (a mongoose connection under this token). */
export const FUNDING_DB = Symbol('FUNDING_DB');

export const fundingDatabaseModule = (env: FundingEnv) =>
  serviceDatabaseModule(FUNDING_DB, env.MONGO_URL, env.FUNDING_DB);

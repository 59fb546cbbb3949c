import 'reflect-metadata';
import { runService } from '@aiplat/messaging';
import { CommitteeModule } from './committee.module';
import { loadCommitteeEnv } from './config/env';

runService('committee', loadCommitteeEnv, (env) => CommitteeModule.forRoot(env));

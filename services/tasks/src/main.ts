import 'reflect-metadata';
import { runService } from '@aiplat/messaging';
import { loadTasksEnv } from './config/env';
import { TasksModule } from './tasks.module';

const env = loadTasksEnv();
runService({ service: 'tasks', module: TasksModule.forRoot(env), env }).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

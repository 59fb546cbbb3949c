export * from './talent.module';
export * from './config/env';

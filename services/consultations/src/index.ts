export * from './consultations.module';
export * from './config/env';

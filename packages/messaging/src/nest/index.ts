export * from './rpc-errors';
export * from './rpc-server';
export * from './rpc-client';
export * from './messaging.module';
export * from './service-database';
export * from './service-backbone';

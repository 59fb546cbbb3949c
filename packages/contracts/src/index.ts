export * from './envelope';
export * from './subjects';
export * from './registry';
export * from './errors';
export * from './decode';
export * from './events';
export * from './rpc';
export * from './catalogue';

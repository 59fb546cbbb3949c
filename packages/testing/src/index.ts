export * from './local-servers';
export * from './containers';
export * from './names';

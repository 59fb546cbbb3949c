export * from './review/panel';
export * from './review/scoring';

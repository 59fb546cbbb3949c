export * from './review/panel';
export * from './review/scoring';
export * from './review/review-fields';

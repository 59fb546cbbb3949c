export * from './allocation/allocation';
export * from './allocation/eligibility';
export * from './check/check-rules';
export * from './budget/balances';

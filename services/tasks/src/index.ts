export * from './task/task';
export * from './task/task-status';
export * from './task/overdue';
export * from './importer/parse-policy';
export { parseResponsibilityLine, type ResponsibleUnits } from './importer/responsibility-line';
export { parsePlanTargets } from './importer/plan-targets';

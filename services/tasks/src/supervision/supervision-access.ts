import { DomainError, holdsPermission, type Actor, type UnitOwned } from '@aiplat/contracts';

export { reachOf, reaches, type Reach, type UnitOwned } from '@aiplat/contracts';

/** Whether the actor holds the permission through any of their roles (the matrix in @aiplat/contracts). */
export const holds = holdsPermission;

/** The office's powers over supervision: sending and closing notices, deciding extension requests. */
export function assertManages(actor: Actor, what: string): void {
  if (!holds(actor, 'supervision.manage')) {
    throw new DomainError('forbidden', `only the leading-group office ${what} (needs supervision.manage)`);
  }
}

/** Staff of one of the lead units (bureau role, their unit among the lead units). */
export function isLeadStaff(owned: UnitOwned, actor: Actor): boolean {
  return (
    (actor.roles ?? []).includes('bureau') &&
    !!actor.unitId &&
    holds(actor, 'tasks.report') &&
    owned.leadUnitIds.includes(actor.unitId)
  );
}

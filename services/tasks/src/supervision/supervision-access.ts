import {
  DomainError,
  isUnitScoped,
  permissionsOf,
  ROLES,
  type Actor,
  type Permission,
  type Role,
} from '@aiplat/contracts';

/** The units a notice or an extension request belongs to: those of its task when it was made. */
export interface UnitOwned {
  readonly leadUnitIds: readonly string[];
  readonly coUnitIds: readonly string[];
}

/** Whether the actor holds the permission through any of their roles (the matrix in @aiplat/contracts). */
export function holds(actor: Actor, permission: Permission): boolean {
  const roles = (actor.roles ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  return permissionsOf(roles).includes(permission);
}

/**
 * How far an actor reaches through any of `permissions`: everything (a role not limited to its
 * unit grants one), their own unit's records (every granting role is unit-scoped, e.g. bureau
 * staff), or nothing at all.
 */
export type Reach =
  { readonly kind: 'all' } | { readonly kind: 'unit'; readonly unitId: string } | { readonly kind: 'none' };

export function reachOf(actor: Actor, permissions: readonly Permission[]): Reach {
  const held = permissions.filter((p) => holds(actor, p));
  if (held.length === 0) return { kind: 'none' };
  if (held.some((p) => !isUnitScoped(actor.roles ?? [], p))) return { kind: 'all' };
  return actor.unitId ? { kind: 'unit', unitId: actor.unitId } : { kind: 'none' };
}

/** A unit reaches the records of tasks it leads or co-owns. */
export function reaches(reach: Reach, owned: UnitOwned): boolean {
  if (reach.kind === 'all') return true;
  if (reach.kind === 'none') return false;
  return owned.leadUnitIds.includes(reach.unitId) || owned.coUnitIds.includes(reach.unitId);
}

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

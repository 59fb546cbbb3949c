import { DomainError, permissionsOf, ROLES, type Actor, type Permission, type Role } from '@aiplat/contracts';

function rolesOf(actor: Actor): Role[] {
  return (actor.roles ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

export const hasPermission = (actor: Actor, permission: Permission) =>
  permissionsOf(rolesOf(actor)).includes(permission);

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) throw new DomainError('forbidden', `this needs the ${permission} permission`);
}

/** The secretariat and the office run the committee: they see every review in full. */
export const isManager = (actor: Actor) => hasPermission(actor, 'committee.manage');

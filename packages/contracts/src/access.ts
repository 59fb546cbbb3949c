import { z } from 'zod';
import type { Actor } from './envelope';

/**
 * Roles and what each may do: THE permission matrix of the platform, decided
 * on the server for every request (the gateway checks the permission; services
 * check unit scope on the records they own). docs/permissions.md is generated
 * from this file.
 */
export const ROLES = ['office', 'bureau', 'expert', 'secretariat', 'talent', 'funding_officer', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Readonly<Record<Role, { zh: string; en: string }>> = Object.freeze({
  office: { zh: '领导小组办公室', en: 'Leading-group office' },
  bureau: { zh: '责任单位', en: 'Responsible unit' },
  expert: { zh: '专家', en: 'Expert' },
  secretariat: { zh: '会商秘书处', en: 'Consultation secretariat' },
  talent: { zh: '人才工作', en: 'Talent programme' },
  funding_officer: { zh: '资金管理', en: 'Funding officer' },
  admin: { zh: '系统管理员', en: 'Administrator' },
});

export const PERMISSIONS = {
  'dashboard.view': 'See the home page and headline figures',
  'tasks.view': 'See key tasks (bureau staff: their own unit’s only)',
  'tasks.manage': 'Create, import, assign, accept, send back and cancel tasks; publish work plans',
  'tasks.report': 'Move own-unit tasks (start, at risk, complete) and report progress',
  'supervision.view': 'See supervision notices (bureau staff: their own unit’s only)',
  'supervision.manage': 'Send supervision notices and decide extension requests',
  'committee.view': 'See experts, advice and reviews',
  'committee.manage': 'Appoint and suspend experts, request reviews, respond to recommendations; see every review',
  'committee.advise': 'Log advice, declare conflicts of interest, score reviews',
  'consultations.view': 'See consultation records',
  'consultations.manage': 'Run consultations: agenda, participants, minutes, resolutions',
  'talent.view': 'See talent records (names and category)',
  'talent.manage': 'Track talent through the pipeline, offer support packages, set talent targets',
  'talent.contacts': 'See talent contact details and contact history (personal data)',
  'funding.view': 'See fund programmes, allocations and funding checks',
  'funding.manage': 'Review, approve and disburse allocations',
  'reports.view': 'See statistical ledgers and reports',
  'audit.view': 'Read the audit log',
  'users.manage': 'Create users, assign roles and units, deactivate users',
} as const;
export type Permission = keyof typeof PERMISSIONS;
export const permissionSchema = z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]]);

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = Object.freeze({
  office: [
    'dashboard.view',
    'tasks.view',
    'tasks.manage',
    'supervision.view',
    'supervision.manage',
    'committee.view',
    'committee.manage',
    'consultations.view',
    'talent.view',
    'funding.view',
    'reports.view',
    'audit.view',
  ],
  bureau: ['dashboard.view', 'tasks.view', 'tasks.report', 'supervision.view', 'consultations.view'],
  expert: ['dashboard.view', 'committee.view', 'committee.advise', 'consultations.view'],
  secretariat: [
    'dashboard.view',
    'tasks.view',
    'committee.view',
    'committee.manage',
    'consultations.view',
    'consultations.manage',
  ],
  talent: ['dashboard.view', 'talent.view', 'talent.manage', 'talent.contacts', 'funding.view'],
  funding_officer: ['dashboard.view', 'tasks.view', 'funding.view', 'funding.manage', 'reports.view'],
  admin: ['dashboard.view', 'users.manage', 'audit.view', 'talent.view', 'talent.contacts'],
});

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const out = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r]) out.add(p);
  return [...out].sort();
}

/** Roles whose reach is limited to their own unit's records for unit-scoped resources. */
export const UNIT_SCOPED_ROLES: readonly Role[] = Object.freeze(['bureau']);

/**
 * True when every role through which `roles` hold `permission` is unit-scoped:
 * the holder then reaches their own unit's records only.
 */
export function isUnitScoped(roles: readonly string[], permission: Permission): boolean {
  const granting = roles.filter(
    (r): r is Role => (ROLES as readonly string[]).includes(r) && ROLE_PERMISSIONS[r as Role].includes(permission),
  );
  return granting.length > 0 && granting.every((r) => UNIT_SCOPED_ROLES.includes(r));
}

/** Whether the actor holds the permission through any of their roles. */
export function holdsPermission(actor: Actor, permission: Permission): boolean {
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
  const held = permissions.filter((p) => holdsPermission(actor, p));
  if (held.length === 0) return { kind: 'none' };
  if (held.some((p) => !isUnitScoped(actor.roles ?? [], p))) return { kind: 'all' };
  return actor.unitId ? { kind: 'unit', unitId: actor.unitId } : { kind: 'none' };
}

/** The units a record belongs to: those of its task. */
export interface UnitOwned {
  readonly leadUnitIds: readonly string[];
  readonly coUnitIds: readonly string[];
}

/** A unit reaches the records of tasks it leads or co-owns. */
export function reaches(reach: Reach, owned: UnitOwned): boolean {
  if (reach.kind === 'all') return true;
  if (reach.kind === 'none') return false;
  return owned.leadUnitIds.includes(reach.unitId) || owned.coUnitIds.includes(reach.unitId);
}

import { knownRoles, type Role } from '../auth/roles';
import type { MessageKey } from '../i18n/message-key';
import type { Feature } from '../navigation/nav-items';

/** One thing a role does on the platform, and the page where it will be done. */
export interface Duty {
  readonly text: MessageKey;
  readonly feature: Feature;
}

export interface RoleHome {
  readonly role: Role;
  readonly welcome: MessageKey;
  readonly duties: readonly Duty[];
}

/** What each role does here, from the product brief's table of users. */
export const ROLE_HOMES: Readonly<Record<Role, RoleHome>> = {
  office: {
    role: 'office',
    welcome: 'home.roles.office.welcome',
    duties: [
      { text: 'home.roles.office.duties.plan', feature: 'tasks' },
      { text: 'home.roles.office.duties.progress', feature: 'tasks' },
      { text: 'home.roles.office.duties.supervise', feature: 'supervision' },
      { text: 'home.roles.office.duties.report', feature: 'reports' },
    ],
  },
  bureau: {
    role: 'bureau',
    welcome: 'home.roles.bureau.welcome',
    duties: [
      { text: 'home.roles.bureau.duties.ownTasks', feature: 'tasks' },
      { text: 'home.roles.bureau.duties.progress', feature: 'tasks' },
      { text: 'home.roles.bureau.duties.delays', feature: 'supervision' },
    ],
  },
  expert: {
    role: 'expert',
    welcome: 'home.roles.expert.welcome',
    duties: [
      { text: 'home.roles.expert.duties.advice', feature: 'inbox' },
      { text: 'home.roles.expert.duties.reviews', feature: 'inbox' },
      { text: 'home.roles.expert.duties.conflicts', feature: 'inbox' },
      { text: 'home.roles.expert.duties.conclude', feature: 'inbox' },
    ],
  },
  secretariat: {
    role: 'secretariat',
    welcome: 'home.roles.secretariat.welcome',
    duties: [
      { text: 'home.roles.secretariat.duties.agenda', feature: 'consultations' },
      { text: 'home.roles.secretariat.duties.minutes', feature: 'consultations' },
      { text: 'home.roles.secretariat.duties.resolutions', feature: 'consultations' },
    ],
  },
  talent: {
    role: 'talent',
    welcome: 'home.roles.talent.welcome',
    duties: [
      { text: 'home.roles.talent.duties.track', feature: 'talent' },
      { text: 'home.roles.talent.duties.pipeline', feature: 'talent' },
      { text: 'home.roles.talent.duties.support', feature: 'talent' },
    ],
  },
  funding_officer: {
    role: 'funding_officer',
    welcome: 'home.roles.funding_officer.welcome',
    duties: [
      { text: 'home.roles.funding_officer.duties.programmes', feature: 'funding' },
      { text: 'home.roles.funding_officer.duties.approve', feature: 'funding' },
      { text: 'home.roles.funding_officer.duties.tranches', feature: 'funding' },
      { text: 'home.roles.funding_officer.duties.hold', feature: 'funding' },
    ],
  },
  admin: {
    role: 'admin',
    welcome: 'home.roles.admin.welcome',
    duties: [
      { text: 'home.roles.admin.duties.users', feature: 'users' },
      { text: 'home.roles.admin.duties.audit', feature: 'audit' },
    ],
  },
};

/** The home-page sections for a user: one per known role, in the platform's role order. */
export function homeSectionsFor(roles: readonly string[]): RoleHome[] {
  return knownRoles(roles).map((role) => ROLE_HOMES[role]);
}

/** The policy's 2020/2025 targets are shown to the leading-group office, who report on them. */
export function showsTargets(roles: readonly string[]): boolean {
  return roles.includes('office');
}

export interface TargetRow {
  readonly indicator: MessageKey;
  readonly target2020: MessageKey;
  readonly target2025: MessageKey;
}

/** 合肥市人民政府关于加快推进新一代人工智能产业发展的实施意见, 一、发展目标. Static until the reports service. */
export const TARGET_ROWS: readonly TargetRow[] = [
  {
    indicator: 'home.targets.coreIndustry',
    target2020: 'home.targets.coreIndustry2020',
    target2025: 'home.targets.coreIndustry2025',
  },
  {
    indicator: 'home.targets.drivenIndustry',
    target2020: 'home.targets.drivenIndustry2020',
    target2025: 'home.targets.drivenIndustry2025',
  },
  {
    indicator: 'home.targets.scenarios',
    target2020: 'home.targets.scenarios2020',
    target2025: 'home.targets.scenarios2025',
  },
  {
    indicator: 'home.targets.projects',
    target2020: 'home.targets.projects2020',
    target2025: 'home.targets.projects2025',
  },
];

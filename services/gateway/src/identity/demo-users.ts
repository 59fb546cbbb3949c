import type { Role } from '@aiplat/contracts';

/**
 * One demo account per role for the platform runner and the browser tests.
 * Passwords are generated at each run and printed once; none is stored here.
 */
export const DEMO_USERS: ReadonlyArray<{ username: string; displayName: string; unitId: string; roles: Role[] }> = [
  { username: 'office', displayName: '领导小组办公室 · 王主任', unitId: 'lg-office', roles: ['office'] },
  { username: 'bureau-eit', displayName: '市经信局 · 李科长', unitId: 'city-economy-it', roles: ['bureau'] },
  { username: 'bureau-drc', displayName: '市发改委 · 张科长', unitId: 'city-drc', roles: ['bureau'] },
  { username: 'expert', displayName: '专家 · 陈教授', unitId: 'committee-secretariat', roles: ['expert'] },
  {
    username: 'secretariat',
    displayName: '会商秘书处 · 赵秘书',
    unitId: 'committee-secretariat',
    roles: ['secretariat'],
  },
  { username: 'talent', displayName: '人才工作办公室 · 孙老师', unitId: 'talent-office', roles: ['talent'] },
  { username: 'funding', displayName: '资金管理办公室 · 周会计', unitId: 'funding-office', roles: ['funding_officer'] },
  { username: 'admin', displayName: '系统管理员', unitId: 'lg-office', roles: ['admin'] },
];

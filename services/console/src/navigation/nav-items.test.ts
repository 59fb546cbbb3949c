import { describe, expect, it } from 'vitest';
import {
  FEATURES,
  NAV_ITEMS,
  PLACEHOLDER_FEATURES,
  canView,
  isAlsoUnder,
  navItemFor,
  navItemsFor,
  navTestId,
} from './nav-items';

const ALL_PERMISSIONS = [
  'dashboard.view',
  'tasks.view',
  'tasks.manage',
  'supervision.view',
  'committee.view',
  'committee.advise',
  'consultations.view',
  'talent.view',
  'funding.view',
  'reports.view',
  'audit.view',
  'users.manage',
];

describe('navItemsFor', () => {
  it('offers one item per known permission, in menu order, whatever order the server lists them in', () => {
    const items = navItemsFor([...ALL_PERMISSIONS].reverse());
    expect(items.map((item) => item.permission)).toEqual(ALL_PERMISSIONS);
  });

  it('offers only what the user holds', () => {
    const items = navItemsFor(['dashboard.view', 'committee.view']);
    expect(items.map((item) => item.feature)).toEqual(['dashboard', 'committee']);
  });

  it('ignores permissions that name no page and duplicates', () => {
    const items = navItemsFor(['tasks.view', 'tasks.update', 'tasks.view', 'funding.approve']);
    expect(items.map((item) => item.feature)).toEqual(['tasks']);
  });

  it('offers nothing without permissions, not even home', () => {
    expect(navItemsFor([])).toEqual([]);
  });

  it('user management is shown by users.manage, not users.view', () => {
    expect(navItemsFor(['users.view'])).toEqual([]);
    expect(navItemsFor(['users.manage']).map((item) => item.path)).toEqual(['/users']);
  });
});

describe('the navigation table', () => {
  it('has one item per feature, with unique permissions and paths', () => {
    expect(NAV_ITEMS.map((item) => item.feature)).toEqual([...FEATURES]);
    expect(new Set(NAV_ITEMS.map((item) => item.permission)).size).toBe(NAV_ITEMS.length);
    expect(new Set(NAV_ITEMS.map((item) => item.path)).size).toBe(NAV_ITEMS.length);
  });

  it('gives each link the test id nav-<permission>', () => {
    expect(NAV_ITEMS.map(navTestId)).toContain('nav-tasks.view');
    expect(NAV_ITEMS.map(navTestId)).toContain('nav-users.manage');
  });
});

describe('isAlsoUnder', () => {
  it('marks consultations current on the meeting pages, and nothing else', () => {
    expect(isAlsoUnder(navItemFor('consultations'), '/meetings')).toBe(true);
    expect(isAlsoUnder(navItemFor('consultations'), '/meetings/abc')).toBe(true);
    expect(isAlsoUnder(navItemFor('consultations'), '/meetingsx')).toBe(false);
    expect(isAlsoUnder(navItemFor('tasks'), '/meetings')).toBe(false);
  });
});

describe('canView', () => {
  it('follows the permission of the feature', () => {
    expect(canView(['audit.view'], 'audit')).toBe(true);
    expect(canView(['audit.view'], 'reports')).toBe(false);
  });
});

describe('placeholder features', () => {
  it('are every feature but the live ones, in menu order', () => {
    const live = ['dashboard', 'tasks', 'board', 'inbox', 'consultations', 'talent', 'funding'];
    expect(PLACEHOLDER_FEATURES).toEqual(FEATURES.filter((feature) => !live.includes(feature)));
  });
});

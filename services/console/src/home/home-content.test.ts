import { describe, expect, it } from 'vitest';
import { ROLES } from '../auth/roles';
import { ROLE_HOMES, TARGET_ROWS, homeSectionsFor, showsTargets } from './home-content';

describe('homeSectionsFor', () => {
  it('shows one section per role, in the platform order, once each', () => {
    expect(homeSectionsFor(['talent', 'office', 'talent']).map((home) => home.role)).toEqual(['office', 'talent']);
  });

  it('skips roles the console does not know', () => {
    expect(homeSectionsFor(['auditor', 'expert']).map((home) => home.role)).toEqual(['expert']);
    expect(homeSectionsFor([])).toEqual([]);
  });

  it('gives every role a welcome and two to four duties', () => {
    for (const role of ROLES) {
      expect(ROLE_HOMES[role].role).toBe(role);
      expect(ROLE_HOMES[role].duties.length).toBeGreaterThanOrEqual(2);
      expect(ROLE_HOMES[role].duties.length).toBeLessThanOrEqual(4);
    }
  });
});

describe('showsTargets', () => {
  it('shows the policy targets on the office home only', () => {
    expect(showsTargets(['office'])).toBe(true);
    expect(showsTargets(['bureau', 'office'])).toBe(true);
    expect(showsTargets(['bureau', 'expert', 'admin'])).toBe(false);
  });

  it('has the four indicators of the policy', () => {
    expect(TARGET_ROWS).toHaveLength(4);
  });
});

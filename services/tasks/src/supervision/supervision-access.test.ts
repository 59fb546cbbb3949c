import { DomainError, type Actor } from '@aiplat/contracts';
import { describe, expect, it } from 'vitest';
import { assertManages, holds, isLeadStaff, reachOf, reaches } from './supervision-access';
import { listFilter } from './supervision-views';

const ACTORS = {
  office: { kind: 'user', id: 'u-office', unitId: 'lg-office', roles: ['office'] },
  lead: { kind: 'user', id: 'u-eit', unitId: 'city-economy-it', roles: ['bureau'] },
  co: { kind: 'user', id: 'u-drc', unitId: 'city-drc', roles: ['bureau'] },
  stranger: { kind: 'user', id: 'u-agri', unitId: 'city-agriculture', roles: ['bureau'] },
  expert: { kind: 'user', id: 'u-expert', unitId: 'committee-secretariat', roles: ['expert'] },
  unitless: { kind: 'user', id: 'u-x', roles: ['bureau'] },
  officeAndBureau: { kind: 'user', id: 'u-both', unitId: 'city-drc', roles: ['bureau', 'office'] },
} satisfies Record<string, Actor>;
const task = { leadUnitIds: ['city-economy-it'], coUnitIds: ['city-drc'] };

describe('who reaches supervision records', () => {
  it('the office reaches all; bureau staff their unit’s; roles without the permission nothing', () => {
    expect(reachOf(ACTORS.office, ['supervision.view'])).toEqual({ kind: 'all' });
    expect(reachOf(ACTORS.lead, ['supervision.view'])).toEqual({ kind: 'unit', unitId: 'city-economy-it' });
    expect(reachOf(ACTORS.expert, ['supervision.view', 'tasks.report'])).toEqual({ kind: 'none' });
    expect(reachOf(ACTORS.unitless, ['supervision.view'])).toEqual({ kind: 'none' });
    // A role that is not unit-scoped widens the reach.
    expect(reachOf(ACTORS.officeAndBureau, ['supervision.view', 'tasks.report'])).toEqual({ kind: 'all' });
  });

  it('a unit reaches the records of tasks it leads or co-owns, not others', () => {
    expect(reaches(reachOf(ACTORS.lead, ['supervision.view']), task)).toBe(true);
    expect(reaches(reachOf(ACTORS.co, ['supervision.view']), task)).toBe(true);
    expect(reaches(reachOf(ACTORS.stranger, ['supervision.view']), task)).toBe(false);
    expect(reaches(reachOf(ACTORS.expert, ['supervision.view']), task)).toBe(false);
    expect(reaches(reachOf(ACTORS.office, ['supervision.view']), task)).toBe(true);
  });

  it('only staff of a lead unit respond and ask for extensions', () => {
    expect(isLeadStaff(task, ACTORS.lead)).toBe(true);
    expect(isLeadStaff(task, ACTORS.co)).toBe(false);
    expect(isLeadStaff(task, ACTORS.office)).toBe(false);
    expect(isLeadStaff(task, { ...ACTORS.expert, unitId: 'city-economy-it' })).toBe(false);
  });

  it('only holders of supervision.manage send, close and decide', () => {
    expect(holds(ACTORS.office, 'supervision.manage')).toBe(true);
    expect(() => assertManages(ACTORS.office, 'closes notices')).not.toThrow();
    for (const actor of [ACTORS.lead, ACTORS.expert, { kind: 'user', id: 'x', roles: ['nonsense'] } as Actor]) {
      expect(() => assertManages(actor, 'closes notices')).toThrow(DomainError);
    }
  });
});

describe('list filters', () => {
  it('scope bureau staff to their unit and page after a cursor', () => {
    expect(listFilter('sentAt', { kind: 'all' }, {}, undefined)).toEqual({});
    const cursor = '2026-11-28T19:20:07.123Z_6f1c2a4e-3b1d-4c8e-9a7f-2b5d8e1f0a13';
    expect(
      listFilter('sentAt', { kind: 'unit', unitId: 'city-drc' }, { status: 'open', taskCode: '2020-4.1' }, cursor),
    ).toEqual({
      $and: [
        { status: { $eq: 'open' } },
        { taskCode: { $eq: '2020-4.1' } },
        { $or: [{ leadUnitIds: { $eq: 'city-drc' } }, { coUnitIds: { $eq: 'city-drc' } }] },
        {
          $or: [
            { sentAt: { $lt: '2026-11-28T19:20:07.123Z' } },
            { sentAt: { $eq: '2026-11-28T19:20:07.123Z' }, _id: { $gt: '6f1c2a4e-3b1d-4c8e-9a7f-2b5d8e1f0a13' } },
          ],
        },
      ],
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { Unit } from '../api/types';
import { groupUnits } from './unit-groups';

const unit = (id: string, kind: string): Unit => ({ id, nameZh: id, nameEn: id, kind });

describe('groupUnits', () => {
  it('groups by kind in a fixed order, keeps the server’s order inside a group and skips empty kinds', () => {
    const groups = groupUnits([
      unit('zone-hightech', 'zone'),
      unit('city-drc', 'bureau'),
      unit('district-yaohai', 'district'),
      unit('city-economy-it', 'bureau'),
      unit('mystery', 'planet'),
    ]);
    expect(groups.map((group) => [group.kind, group.label, group.units.map((u) => u.id)])).toEqual([
      ['bureau', 'tasks.unitKinds.bureau', ['city-drc', 'city-economy-it']],
      ['district', 'tasks.unitKinds.district', ['district-yaohai']],
      ['zone', 'tasks.unitKinds.zone', ['zone-hightech']],
      ['other', 'tasks.unitKinds.other', ['mystery']],
    ]);
  });

  it('gives no groups for no units', () => {
    expect(groupUnits([])).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveUnitName, unitById, unitIdSchema, UNITS, unitSchema } from '@aiplat/contracts';
import { describe, expect, it } from 'vitest';

// The registry lives in @aiplat/contracts; it is tested here, against the policy text it was read from.
const seed = readFileSync(resolve(__dirname, '../../../../../shared/seed/000_4ff1a9d776ae5834.txt'), 'utf8');

describe('the unit registry', () => {
  it('holds valid, frozen units with unique lower-case ascii ids', () => {
    expect(Object.isFrozen(UNITS)).toBe(true);
    for (const unit of UNITS) {
      expect(unitSchema.parse(unit)).toEqual(unit);
      expect(unit.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(Object.isFrozen(unit) && Object.isFrozen(unit.aliases)).toBe(true);
    }
    expect(new Set(UNITS.map((u) => u.id)).size).toBe(UNITS.length);
  });

  it('keeps the ids other code already relies on', () => {
    for (const id of ['city-drc', 'city-economy-it', 'district-shushan', 'zone-hightech', 'lg-office']) {
      expect(unitIdSchema.parse(id)).toBe(id);
    }
    expect(unitIdSchema.safeParse('City-DRC').success).toBe(false);
  });

  it('knows every unit named in a 责任单位 line of the seed policy', () => {
    const names = [...seed.matchAll(/^责任单位[:：](.*)$/gm)]
      .flatMap((m) =>
        (m[1] ?? '').replace(/县\(市\)区政府、开发区管委会/g, '').split(/[、,,牵头]+|等?按责任分工负责。?/),
      )
      .filter((n) => n.startsWith('市'));
    expect(new Set(names).size).toBe(21);
    for (const name of names) expect(resolveUnitName(name)?.nameZh, name).toBe(name);
  });

  it('has the districts, zones and offices of the platform', () => {
    const byKind = (kind: string) => UNITS.filter((u) => u.kind === kind).map((u) => u.nameZh);
    expect(byKind('district')).toEqual([
      '瑶海区',
      '庐阳区',
      '蜀山区',
      '包河区',
      '长丰县',
      '肥东县',
      '肥西县',
      '庐江县',
      '巢湖市',
    ]);
    expect(byKind('zone')).toEqual(['高新区', '经开区', '新站高新区', '安巢经开区']);
    expect(byKind('office')).toEqual(['领导小组办公室', '专家咨询委员会秘书处', '资金管理办公室', '人才工作办公室']);
    expect(unitById('lg-office')?.hostUnitId).toBe('city-drc');
  });
});

describe('resolveUnitName and unitById', () => {
  it.each([
    ['市发改委', 'city-drc'],
    ['市发展和改革委员会', 'city-drc'],
    ['合肥市发改委', 'city-drc'],
    [' 市 经信局 ', 'city-economy-it'],
    ['合肥高新区', 'zone-hightech'],
    ['高新区', 'zone-hightech'],
    ['新站高新区', 'zone-xinzhan'],
    ['市卫健委', 'city-health'],
    ['市供电公司', 'city-power-supply'],
    ['巢湖市', 'district-chaohu'],
  ])('%s is %s', (name, id) => expect(resolveUnitName(name)?.id).toBe(id));

  it.each(['', '市', '市火星局', 'city-drc', '发改委'])('%j is no unit', (name) => {
    expect(resolveUnitName(name)).toBeUndefined();
  });

  it('finds units by id only', () => {
    expect(unitById('city-court')?.nameZh).toBe('市法院');
    expect(unitById('市法院')).toBeUndefined();
  });
});

import { UNITS } from '@aiplat/contracts';
import { describe, expect, it } from 'vitest';
import { chineseNumeral } from './chinese-numeral';
import { parseResponsibilityLine } from './responsibility-line';

const districts = UNITS.filter((u) => u.kind === 'district').map((u) => u.id);
const zones = UNITS.filter((u) => u.kind === 'zone').map((u) => u.id);

describe('parseResponsibilityLine', () => {
  it('reads a line of the seed text', () => {
    expect(
      parseResponsibilityLine(
        '责任单位:市科技局、市发改委牵头,各相关县(市)区政府、开发区管委会,市经信局、市教育局、市数据资源局按责任分工负责。',
      ),
    ).toEqual({
      leadUnitIds: ['city-science-tech', 'city-drc'],
      coUnitIds: [...districts, ...zones, 'city-economy-it', 'city-education', 'city-data-resources'],
      unknownNames: [],
    });
  });

  it('accepts fullwidth punctuation, 县(市)、区, aliases and a trailing 等', () => {
    expect(
      parseResponsibilityLine('责任单位：合肥市经济和信息化局牵头，各县（市）、区人民政府，市卫健委等按照职责分工负责'),
    ).toEqual({ leadUnitIds: ['city-economy-it'], coUnitIds: [...districts, 'city-health'], unknownNames: [] });
  });

  it('treats every unit of a line without 牵头 as lead, and does not repeat a lead unit as co-responsible', () => {
    expect(parseResponsibilityLine('责任单位:市法院、市检察院').leadUnitIds).toEqual([
      'city-court',
      'city-procuratorate',
    ]);
    expect(parseResponsibilityLine('责任单位:市发改委牵头,市发改委、市商务局、市商务局等按责任分工负责。')).toEqual({
      leadUnitIds: ['city-drc'],
      coUnitIds: ['city-commerce'],
      unknownNames: [],
    });
  });

  it('returns unknown names in text order', () => {
    expect(parseResponsibilityLine('责任单位:市火星局、市发改委牵头,市月球办按责任分工负责。')).toEqual({
      leadUnitIds: ['city-drc'],
      coUnitIds: [],
      unknownNames: ['市火星局', '市月球办'],
    });
  });
});

describe('chineseNumeral', () => {
  it.each([
    ['一', 1],
    ['九', 9],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['三十五', 35],
  ])('%s is %i', (text, n) => expect(chineseNumeral(text)).toBe(n));

  it.each(['', '零', '二二', '十十', 'a'])('%j is not a numeral', (text) =>
    expect(chineseNumeral(text)).toBeUndefined(),
  );
});

import { describe, expect, it } from 'vitest';
import type { Unit } from '../api/types';
import {
  actorMessage,
  chineseNumeral,
  clampProgress,
  formatDate,
  formatDateTime,
  formatProgress,
  joinNames,
  policySectionMessage,
  targetValueText,
  unitName,
  unitNames,
} from './task-format';

const UNITS = new Map<string, Unit>([
  ['city-drc', { id: 'city-drc', nameZh: '市发改委', nameEn: 'Development and Reform Commission', kind: 'bureau' }],
  ['city-economy-it', { id: 'city-economy-it', nameZh: '市经信局', nameEn: '', kind: 'bureau' }],
]);

describe('formatDate', () => {
  it('writes a calendar date the way each language does', () => {
    expect(formatDate('2020-12-31', 'zh-CN')).toBe('2020年12月31日');
    expect(formatDate('2020-03-05', 'en')).toBe('5 Mar 2020');
  });

  it('leaves what it cannot read as it came', () => {
    expect(formatDate('end of year', 'zh-CN')).toBe('end of year');
    expect(formatDate('2020-13-01', 'en')).toBe('2020-13-01');
  });
});

describe('formatDateTime', () => {
  it('shows the moment in Hefei time (UTC+8), to the minute', () => {
    expect(formatDateTime('2026-03-01T08:05:59.000Z', 'zh-CN')).toBe('2026年3月1日 16:05');
    expect(formatDateTime('2026-03-01T08:05:00Z', 'en')).toBe('1 Mar 2026, 16:05');
  });

  it('moves to the next day in Hefei late in the UTC evening, and reads offsets', () => {
    expect(formatDateTime('2020-12-31T16:30:00Z', 'en')).toBe('1 Jan 2021, 00:30');
    expect(formatDateTime('2021-01-01T00:30:00+08:00', 'zh-CN')).toBe('2021年1月1日 00:30');
  });

  it('leaves an unreadable timestamp as it came', () => {
    expect(formatDateTime('yesterday', 'en')).toBe('yesterday');
  });
});

describe('progress', () => {
  it('is a whole percentage within 0–100', () => {
    expect(formatProgress(0)).toBe('0%');
    expect(formatProgress(42.6)).toBe('43%');
    expect(clampProgress(140)).toBe(100);
    expect(clampProgress(-3)).toBe(0);
    expect(clampProgress(Number.NaN)).toBe(0);
  });
});

describe('unit names', () => {
  it('names a unit in the language shown, falling back to the other language and then to its id', () => {
    expect(unitName(UNITS, 'city-drc', 'zh-CN')).toBe('市发改委');
    expect(unitName(UNITS, 'city-drc', 'en')).toBe('Development and Reform Commission');
    expect(unitName(UNITS, 'city-economy-it', 'en')).toBe('市经信局');
    expect(unitName(UNITS, 'zone-unknown', 'en')).toBe('zone-unknown');
    expect(unitName(undefined, 'city-drc', 'zh-CN')).toBe('city-drc');
  });

  it('joins names with the list separator of each language', () => {
    expect(joinNames(['市发改委', '市经信局'], 'zh-CN')).toBe('市发改委、市经信局');
    expect(joinNames(['A', 'B'], 'en')).toBe('A, B');
    expect(unitNames(UNITS, ['city-drc', 'city-economy-it'], 'zh-CN')).toBe('市发改委、市经信局');
    expect(unitNames(UNITS, [], 'en')).toBe('');
  });
});

describe('chineseNumeral', () => {
  it.each([
    [1, '一'],
    [4, '四'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [35, '三十五'],
    [99, '九十九'],
    [0, '0'],
    [100, '100'],
    [1.5, '1.5'],
  ])('%d is %s', (n, text) => {
    expect(chineseNumeral(n)).toBe(text);
  });
});

describe('policySectionMessage', () => {
  it('names the part and item in Chinese numerals in Chinese', () => {
    expect(policySectionMessage({ section: 4, sectionTitle: '拓展应用场景', item: 8 }, 'zh-CN')).toEqual({
      key: 'tasks.detail.policySectionText',
      values: { section: '四', title: '拓展应用场景', item: '八' },
    });
  });

  it('names the area of a sub-task too, in digits in English', () => {
    expect(policySectionMessage({ section: 2, sectionTitle: '构建创新体系', item: 2, area: 3 }, 'en')).toEqual({
      key: 'tasks.detail.policySectionAreaText',
      values: { section: 2, title: '构建创新体系', item: 2, area: 3 },
    });
  });
});

describe('targetValueText', () => {
  it('reads comparator, value and unit as the policy writes them', () => {
    expect(targetValueText({ comparator: '>', value: 100, unit: '亿元' })).toBe('> 100 亿元');
  });
});

describe('actorMessage', () => {
  it('calls the signed-in user "you"', () => {
    expect(actorMessage('u-1', 'u-1')).toEqual({ key: 'tasks.detail.historyYou', values: {}, full: 'u-1' });
  });

  it('names anyone else by id, a UUID shortened', () => {
    expect(actorMessage('svc-funding', 'u-1')).toEqual({
      key: 'tasks.detail.historyUser',
      values: { id: 'svc-funding' },
      full: 'svc-funding',
    });
    const uuid = 'bab73e18-ac17-4360-8530-b303858bed06';
    expect(actorMessage(uuid, 'u-1')).toEqual({
      key: 'tasks.detail.historyUser',
      values: { id: 'bab73e18…' },
      full: uuid,
    });
  });
});

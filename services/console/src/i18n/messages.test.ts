import { describe, expect, it } from 'vitest';
import { ROLES } from '../auth/roles';
import { ROLE_HOMES, TARGET_ROWS } from '../home/home-content';
import { FEATURES, PLACEHOLDER_FEATURES } from '../navigation/nav-items';
import { MOVES_NEEDING_REASON } from '../tasks/task-labels';
import { RISK_LEVELS, TASK_MOVES, TASK_STATUSES } from '../tasks/task-types';
import { flattenMessages, placeholders } from './flatten';
import { en } from './messages/en';
import { zhCN } from './messages/zh-CN';

const LANGUAGES = { 'zh-CN': flattenMessages(zhCN), en: flattenMessages(en) };
const zhKeys = [...LANGUAGES['zh-CN'].keys()].sort();
const enKeys = [...LANGUAGES.en.keys()].sort();

describe('message catalogues', () => {
  it('have exactly the same keys in Chinese and English', () => {
    expect(enKeys.filter((key) => !LANGUAGES['zh-CN'].has(key))).toEqual([]);
    expect(zhKeys.filter((key) => !LANGUAGES.en.has(key))).toEqual([]);
  });

  it.each(Object.entries(LANGUAGES))('%s: every message is a non-empty string', (_language, messages) => {
    const bad = [...messages].filter(([, text]) => typeof text !== 'string' || text.trim() === '').map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = zhKeys.filter((key) => {
      const zh = placeholders(String(LANGUAGES['zh-CN'].get(key)));
      const english = placeholders(String(LANGUAGES.en.get(key)));
      return zh.join() !== english.join();
    });
    expect(mismatched).toEqual([]);
  });

  it('differ between the languages (nothing left untranslated)', () => {
    const same = zhKeys.filter((key) => LANGUAGES['zh-CN'].get(key) === LANGUAGES.en.get(key));
    expect(same).toEqual([]);
  });
});

describe('keys built at run time exist in both languages', () => {
  const required = [
    ...FEATURES.map((feature) => `nav.${feature}`),
    ...PLACEHOLDER_FEATURES.flatMap((feature) => [`features.${feature}.availability`, `features.${feature}.summary`]),
    ...ROLES.flatMap((role) => [`roles.${role}.short`, `roles.${role}.name`]),
    ...Object.values(ROLE_HOMES).flatMap((home) => [home.welcome, ...home.duties.map((duty) => duty.text)]),
    ...TARGET_ROWS.flatMap((row) => [row.indicator, row.target2020, row.target2025]),
    ...TASK_STATUSES.map((status) => `tasks.status.${status}`),
    ...TASK_MOVES.map((move) => `tasks.moves.${move}`),
    ...MOVES_NEEDING_REASON.map((move) => `tasks.dialog.prompt.${move}`),
    ...RISK_LEVELS.map((level) => `tasks.risk.${level}`),
  ];

  it.each(Object.entries(LANGUAGES))('%s', (_language, messages) => {
    expect(required.filter((key) => !messages.has(key))).toEqual([]);
  });
});

describe('placeholders', () => {
  it('finds each placeholder once, sorted, ignoring formats', () => {
    expect(placeholders('{{b}} and {{ a }} and {{b}} and {{n, number}}')).toEqual(['a', 'b', 'n']);
    expect(placeholders('none')).toEqual([]);
  });
});

describe('flattenMessages', () => {
  it('joins nested keys with dots', () => {
    expect([...flattenMessages({ a: { b: 'x', c: { d: 'y' } }, e: 'z' })]).toEqual([
      ['a.b', 'x'],
      ['a.c.d', 'y'],
      ['e', 'z'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { allowedMovesOf, isTaskDetail, isTaskPage, isUnitList } from './task-types';

const SUMMARY = {
  code: '2020-2.1',
  title: '布局前沿技术研究',
  status: 'draft',
  leadUnitIds: ['city-science-tech'],
  coUnitIds: [],
  dueDate: '2020-12-31',
  progress: 0,
  riskLevel: 'none',
  overdue: true,
  version: 0,
};

const DETAIL = {
  ...SUMMARY,
  description: '…',
  children: [],
  milestones: [],
  targets: [],
  weight: 1,
  history: [],
  allowedMoves: ['assign', 'cancel'],
};

describe('response guards', () => {
  it('accept what the contract says', () => {
    expect(isTaskPage({ items: [SUMMARY], next: '2020-2.1' })).toBe(true);
    expect(isTaskPage({ items: [] })).toBe(true);
    expect(isTaskDetail(DETAIL)).toBe(true);
    expect(isUnitList({ items: [{ id: 'city-drc', nameZh: '市发改委', nameEn: 'DRC', kind: 'bureau' }] })).toBe(true);
  });

  it('refuse what a page could not show', () => {
    expect(isTaskPage({ items: [{ ...SUMMARY, status: 'lost' }] })).toBe(false);
    expect(isTaskPage([SUMMARY])).toBe(false);
    expect(isTaskDetail(SUMMARY)).toBe(false);
    expect(isTaskDetail(null)).toBe(false);
    expect(isUnitList({ items: [{ nameZh: 'x' }] })).toBe(false);
  });
});

describe('allowedMovesOf', () => {
  it('reads the allowed moves of a refusal, known ones in workflow order', () => {
    expect(allowedMovesOf({ allowedMoves: ['complete', 'flag_risk', 'fly'] })).toEqual(['flag_risk', 'complete']);
    expect(allowedMovesOf({ allowedMoves: [] })).toEqual([]);
  });

  it('is undefined when the problem carries none', () => {
    expect(allowedMovesOf(undefined)).toBeUndefined();
    expect(allowedMovesOf({ currentVersion: 2 })).toBeUndefined();
    expect(allowedMovesOf({ allowedMoves: 'assign' })).toBeUndefined();
  });
});

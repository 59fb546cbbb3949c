import { describe, expect, it } from 'vitest';
import { compareMarks } from './task-progress';

describe('report marks', () => {
  it('orders reports by period, then by revision; a task with no mark takes any report', () => {
    expect(compareMarks('2026-10#1', undefined)).toBeGreaterThan(0);
    expect(compareMarks('2026-10#1', '2026-10#1')).toBe(0);
    expect(compareMarks('2026-10#2', '2026-10#1')).toBeGreaterThan(0);
    expect(compareMarks('2026-11#1', '2026-10#3')).toBeGreaterThan(0);
    // Filled in late: an earlier period never counts as newer, whatever its revision.
    expect(compareMarks('2026-08#4', '2026-10#1')).toBeLessThan(0);
    expect(compareMarks('2026-Q2#1', '2026-Q3#1')).toBeLessThan(0);
  });
});

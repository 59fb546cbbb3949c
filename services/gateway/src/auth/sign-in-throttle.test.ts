import { describe, expect, it } from 'vitest';
import { backoffSeconds } from './sign-in-throttle';

describe('sign-in backoff', () => {
  it('lets the free failures through, then doubles from one second up to the cap', () => {
    expect([1, 5].map((n) => backoffSeconds(n, 5, 900))).toEqual([0, 0]);
    expect([6, 7, 8, 9, 15].map((n) => backoffSeconds(n, 5, 900))).toEqual([1, 2, 4, 8, 512]);
    expect(backoffSeconds(16, 5, 900)).toBe(900);
    expect(backoffSeconds(10_000, 5, 60)).toBe(60);
  });
});

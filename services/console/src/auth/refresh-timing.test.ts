import { describe, expect, it } from 'vitest';
import {
  FALLBACK_REFRESH_DELAY_MS,
  MAX_TIMER_DELAY_MS,
  MIN_REFRESH_DELAY_MS,
  localExpiryMs,
  refreshDelayMs,
  refreshRetryDelayMs,
  remainingLifetimeMs,
} from './refresh-timing';

const NOW = Date.parse('2026-03-01T08:00:00.000Z');
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();
const MINUTE = 60_000;

describe('refreshDelayMs', () => {
  it('refreshes a minute before a 15-minute token expires', () => {
    expect(refreshDelayMs({ expiresAt: at(15 * MINUTE), receivedAt: NOW })).toBe(14 * MINUTE);
  });

  it('refreshes a short-lived token at three quarters of its life, not at once', () => {
    expect(refreshDelayMs({ expiresAt: at(2 * MINUTE), receivedAt: NOW })).toBe(90_000);
    expect(refreshDelayMs({ expiresAt: at(40_000), receivedAt: NOW })).toBe(30_000);
  });

  it('measures the remaining life on the server clock when the response has a Date header', () => {
    // The client clock is 10 minutes fast: on its own clock the token would look nearly expired.
    const clientNow = NOW + 10 * MINUTE;
    const serverDate = new Date(NOW).toUTCString();
    expect(refreshDelayMs({ expiresAt: at(15 * MINUTE), receivedAt: clientNow, serverDate })).toBe(14 * MINUTE);
    expect(localExpiryMs({ expiresAt: at(15 * MINUTE), receivedAt: clientNow, serverDate })).toBe(
      clientNow + 15 * MINUTE,
    );
  });

  it('falls back to the client clock when the Date header is missing or unreadable', () => {
    expect(remainingLifetimeMs({ expiresAt: at(MINUTE), receivedAt: NOW, serverDate: null })).toBe(MINUTE);
    expect(remainingLifetimeMs({ expiresAt: at(MINUTE), receivedAt: NOW, serverDate: 'yesterday-ish' })).toBe(MINUTE);
  });

  it('never schedules sooner than the minimum, even for a token that arrived expired', () => {
    expect(refreshDelayMs({ expiresAt: at(2_000), receivedAt: NOW })).toBe(MIN_REFRESH_DELAY_MS);
    expect(refreshDelayMs({ expiresAt: at(-MINUTE), receivedAt: NOW })).toBe(MIN_REFRESH_DELAY_MS);
  });

  it('stays within what setTimeout can wait', () => {
    expect(refreshDelayMs({ expiresAt: at(90 * 24 * 60 * MINUTE), receivedAt: NOW })).toBe(MAX_TIMER_DELAY_MS);
  });

  it('uses the fallback delay when the expiry cannot be read', () => {
    expect(refreshDelayMs({ expiresAt: 'not a date', receivedAt: NOW })).toBe(FALLBACK_REFRESH_DELAY_MS);
    expect(localExpiryMs({ expiresAt: '', receivedAt: NOW })).toBeUndefined();
  });

  it('accepts expiries with an offset', () => {
    expect(refreshDelayMs({ expiresAt: '2026-03-01T16:15:00+08:00', receivedAt: NOW })).toBe(14 * MINUTE);
  });
});

describe('refreshRetryDelayMs', () => {
  it('backs off exponentially up to a minute', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(refreshRetryDelayMs)).toEqual([
      2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('treats nonsense attempt counts as the first', () => {
    expect(refreshRetryDelayMs(0)).toBe(2_000);
    expect(refreshRetryDelayMs(-3)).toBe(2_000);
  });
});

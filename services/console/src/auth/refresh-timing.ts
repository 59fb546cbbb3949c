/**
 * When to refresh the access token. Pure, so the timing rules are tested without timers.
 *
 * The token's remaining life is measured on the server's clock when the response carried a `Date` header, so a
 * laptop whose clock is minutes off neither refreshes in a loop nor lets the token lapse.
 */

/** Refresh this long before expiry at most… */
export const REFRESH_LEAD_MS = 60_000;
/** …but never earlier than this share of the remaining life, so short-lived tokens are not refreshed at once. */
export const REFRESH_LEAD_SHARE = 0.25;
/** Never schedule sooner than this: a server that hands out already-expired tokens must not cause a refresh storm. */
export const MIN_REFRESH_DELAY_MS = 5_000;
/** Used when the expiry cannot be read. */
export const FALLBACK_REFRESH_DELAY_MS = 60_000;
/** `setTimeout` fires at once for delays above 2^31 − 1 ms (~24.8 days). */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export interface RefreshTimingInput {
  /** `accessTokenExpiresAt` from the auth response (ISO 8601). */
  readonly expiresAt: string;
  /** The client's clock when the response arrived (ms since epoch). */
  readonly receivedAt: number;
  /** The response's `Date` header, if any. */
  readonly serverDate?: string | null;
}

/** Milliseconds of life the token had when it arrived, or undefined when the expiry is unreadable. */
export function remainingLifetimeMs({ expiresAt, receivedAt, serverDate }: RefreshTimingInput): number | undefined {
  const expiry = Date.parse(expiresAt);
  if (Number.isNaN(expiry)) return undefined;
  const serverNow = serverDate ? Date.parse(serverDate) : Number.NaN;
  return expiry - (Number.isNaN(serverNow) ? receivedAt : serverNow);
}

/** Delay from receipt until the refresh should run. */
export function refreshDelayMs(input: RefreshTimingInput): number {
  const remaining = remainingLifetimeMs(input);
  if (remaining === undefined) return FALLBACK_REFRESH_DELAY_MS;
  const lead = Math.min(REFRESH_LEAD_MS, Math.max(0, remaining) * REFRESH_LEAD_SHARE);
  return Math.min(MAX_TIMER_DELAY_MS, Math.max(MIN_REFRESH_DELAY_MS, remaining - lead));
}

/** The local-clock time (ms since epoch) after which the token should be treated as expired. */
export function localExpiryMs(input: RefreshTimingInput): number | undefined {
  const remaining = remainingLifetimeMs(input);
  return remaining === undefined ? undefined : input.receivedAt + remaining;
}

/** Back-off after a refresh that got no answer (network down, gateway restarting): 2 s, 4 s, 8 s … up to 60 s. */
export function refreshRetryDelayMs(failedAttempts: number): number {
  const attempt = Math.max(1, Math.floor(failedAttempts));
  return Math.min(60_000, 1_000 * 2 ** attempt);
}

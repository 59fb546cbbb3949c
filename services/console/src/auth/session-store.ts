import { ApiError, isApiError } from '../api/api-error';
import { sendRequest, type ApiResponse, type RequestOptions } from '../api/http-client';
import { isAuthResponse, isMeResponse, type AuthResponse, type MeResponse, type Unit, type User } from '../api/types';
import { localExpiryMs, refreshDelayMs, refreshRetryDelayMs } from './refresh-timing';

import { fileNameOf } from '../api/file-name';

const AUTH = '/api/v1/auth';
const ME = '/api/v1/me';
const REFRESH_LOCK = 'aiplat.console.refresh';
const CHANNEL = 'aiplat.console.session';

export interface Profile {
  readonly user: User;
  readonly unit: Unit;
  readonly permissions: readonly string[];
}

export type SignedOutReason = 'none' | 'expired' | 'signed-out' | 'signed-out-locally';

export type SessionSnapshot =
  | { readonly status: 'restoring' }
  /** The refresh on page load got no answer: we cannot tell whether the user is signed in. */
  | { readonly status: 'unreachable' }
  | { readonly status: 'signed-out'; readonly reason: SignedOutReason }
  | { readonly status: 'signed-in'; readonly profile: Profile };

type RefreshOutcome = 'refreshed' | 'rejected' | 'unreachable';

/** A 2xx answer that is not what the contract says: treated like a bad gateway. */
function malformed(requestId: string): ApiError {
  return new ApiError('http', requestId, {
    type: 'about:blank',
    title: 'Unexpected response',
    status: 502,
    errors: [],
  });
}

type CrossTabMessage = { readonly type: 'signed-in' } | { readonly type: 'signed-out' };

/**
 * The session: the access token (in memory only — never in storage, so a script injected later cannot lift it from
 * there), the signed-in profile, and the refresh schedule. React reads it through `useSyncExternalStore`.
 *
 * Refreshes are single-flight within a tab and serialised across tabs with the Web Locks API where it exists, so two
 * tabs never present the same rotating refresh cookie at once.
 */
export class SessionStore {
  private snapshot: SessionSnapshot = { status: 'restoring' };
  private readonly listeners = new Set<() => void>();
  private accessToken: string | undefined;
  private expiresAtLocal: number | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private inFlightRefresh: Promise<RefreshOutcome> | undefined;
  private failedRefreshes = 0;
  private channel: BroadcastChannel | undefined;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SessionSnapshot => this.snapshot;

  /** Starts listening for other tabs and for the tab coming back to the foreground, then restores the session. */
  start(): Promise<void> {
    if (typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(CHANNEL);
      this.channel.onmessage = (event: MessageEvent<CrossTabMessage>) => this.onOtherTab(event.data);
    }
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    return this.restore();
  }

  /** On page load: the refresh cookie, if still valid, gives a new access token. */
  async restore(): Promise<void> {
    this.set({ status: 'restoring' });
    const outcome = await this.refresh();
    if (outcome === 'rejected') return this.set({ status: 'signed-out', reason: 'none' });
    if (outcome === 'unreachable') return this.set({ status: 'unreachable' });
    try {
      await this.loadProfile();
    } catch (error) {
      this.clearToken();
      this.set(
        isApiError(error) && error.status === 401
          ? { status: 'signed-out', reason: 'none' }
          : { status: 'unreachable' },
      );
    }
  }

  /** Leaves the unreachable state for the sign-in form. */
  showSignIn(): void {
    this.set({ status: 'signed-out', reason: 'none' });
  }

  /** Signs in; a failure is thrown as `ApiError` for the form to show. */
  async signIn(username: string, password: string): Promise<void> {
    const response = await sendRequest<AuthResponse>(`${AUTH}/sign-in`, {
      method: 'POST',
      body: { username, password },
    });
    if (!isAuthResponse(response.data)) throw malformed(response.requestId);
    this.acceptToken(response);
    try {
      await this.loadProfile();
    } catch (error) {
      this.clearToken();
      throw error;
    }
    this.post({ type: 'signed-in' });
  }

  /**
   * Signs out on the server (which drops the refresh cookie) and here. If the server cannot be told, the session is
   * still dropped here and the user is told that the browser may still hold a valid cookie.
   */
  async signOut(): Promise<void> {
    let reachedServer = true;
    try {
      await this.send<void>(`${AUTH}/sign-out`, { method: 'POST' });
    } catch (error) {
      // 401 means the server had already ended the session: that is a sign-out too.
      reachedServer = isApiError(error) && error.status === 401;
    }
    this.clearToken();
    this.set({ status: 'signed-out', reason: reachedServer ? 'signed-out' : 'signed-out-locally' });
    this.post({ type: 'signed-out' });
  }

  /**
   * An authorised API call. On 401 it refreshes once and retries; if that fails too the session has ended and the
   * console goes to sign-in.
   */
  async request<T>(path: string, options: Omit<RequestOptions, 'accessToken'> = {}): Promise<T> {
    try {
      return (await this.send<T>(path, options)).data;
    } catch (error) {
      if (isApiError(error) && error.status === 401) this.expire();
      throw error;
    }
  }

  /**
   * A file from the API (an export), with the bearer token like any call: a plain link could not send it. The name
   * comes from `Content-Disposition` when the server gives one.
   */
  async download(path: string): Promise<{ readonly blob: Blob; readonly filename?: string }> {
    try {
      const { data, response } = await this.send<Blob>(path, { file: true });
      return { blob: data, filename: fileNameOf(response.headers.get('Content-Disposition')) };
    } catch (error) {
      if (isApiError(error) && error.status === 401) this.expire();
      throw error;
    }
  }

  private async send<T>(path: string, options: Omit<RequestOptions, 'accessToken'>): Promise<ApiResponse<T>> {
    const tokenUsed = this.accessToken;
    try {
      return await sendRequest<T>(path, { ...options, accessToken: tokenUsed });
    } catch (error) {
      if (!isApiError(error) || error.status !== 401) throw error;
      // Another call may already have refreshed while this one was on the wire.
      if (this.accessToken === undefined || this.accessToken === tokenUsed) {
        if ((await this.refresh()) !== 'refreshed') throw error;
      }
      return sendRequest<T>(path, { ...options, accessToken: this.accessToken });
    }
  }

  private async loadProfile(): Promise<void> {
    const me = await this.request<MeResponse>(ME);
    if (!isMeResponse(me)) throw malformed('');
    this.set({ status: 'signed-in', profile: { user: me.user, unit: me.unit, permissions: me.permissions } });
  }

  private refresh(): Promise<RefreshOutcome> {
    this.inFlightRefresh ??= this.withRefreshLock(() => this.refreshNow()).finally(() => {
      this.inFlightRefresh = undefined;
    });
    return this.inFlightRefresh;
  }

  private async withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
    // Web Locks exist only in secure contexts; over plain HTTP tabs refresh independently.
    const locks = typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : undefined;
    return locks ? locks.request(REFRESH_LOCK, work) : work();
  }

  private async refreshNow(): Promise<RefreshOutcome> {
    try {
      const response = await sendRequest<AuthResponse>(`${AUTH}/refresh`, { method: 'POST' });
      if (!isAuthResponse(response.data)) return 'unreachable';
      this.acceptToken(response);
      return 'refreshed';
    } catch (error) {
      const status = isApiError(error) ? error.status : undefined;
      const rejected = status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
      return rejected ? 'rejected' : 'unreachable';
    }
  }

  private acceptToken({ data, response, receivedAt }: ApiResponse<AuthResponse>): void {
    const timing = { expiresAt: data.accessTokenExpiresAt, receivedAt, serverDate: response.headers.get('Date') };
    this.accessToken = data.accessToken;
    this.expiresAtLocal = localExpiryMs(timing);
    this.failedRefreshes = 0;
    this.schedule(refreshDelayMs(timing));
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.scheduledRefresh(), delayMs);
  }

  private async scheduledRefresh(): Promise<void> {
    if (this.accessToken === undefined) return;
    const outcome = await this.refresh();
    if (outcome === 'rejected') return this.expire();
    if (outcome === 'unreachable') this.schedule(refreshRetryDelayMs(++this.failedRefreshes));
  }

  /** Timers in background tabs are throttled; coming back, refresh at once if the token has run out meanwhile. */
  private readonly onVisibilityChange = (): void => {
    if (document.visibilityState !== 'visible' || this.accessToken === undefined) return;
    if (this.expiresAtLocal !== undefined && Date.now() >= this.expiresAtLocal - 5_000) void this.scheduledRefresh();
  };

  private onOtherTab(message: CrossTabMessage): void {
    if (message.type === 'signed-out' && this.snapshot.status === 'signed-in') {
      this.clearToken();
      this.set({ status: 'signed-out', reason: 'signed-out' });
    } else if (message.type === 'signed-in' && ['signed-out', 'unreachable'].includes(this.snapshot.status)) {
      void this.restore();
    }
  }

  private expire(): void {
    if (this.snapshot.status !== 'signed-in') return this.clearToken();
    this.clearToken();
    this.set({ status: 'signed-out', reason: 'expired' });
  }

  private clearToken(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.accessToken = undefined;
    this.expiresAtLocal = undefined;
  }

  private post(message: CrossTabMessage): void {
    this.channel?.postMessage(message);
  }

  private set(snapshot: SessionSnapshot): void {
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener();
  }
}

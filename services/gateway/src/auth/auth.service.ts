import { DomainError, permissionsOf } from '@aiplat/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { GATEWAY_ENV, type GatewayEnv } from '../config/env';
import type { Principal } from '../http/request-context';
import { IdentityRepository } from '../identity/identity.repository';
import type { UserDocument } from '../identity/user.schema';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password';
import { SignInThrottle } from './sign-in-throttle';
import { ShortLivedCache } from './principal-cache';
import { AccessTokens, newRefreshToken, refreshTokenId } from './tokens';

export interface SignedIn {
  sessionId: string;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: UserDocument;
}

export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

/**
 * Two tabs may refresh with the same cookie at the same moment (browsers only
 * serialise them on secure pages). A rotated token presented again within this
 * window is such a race and gets its own successor; later, it means theft.
 */
export const CONCURRENT_REFRESH_GRACE_MS = 10_000;

const BAD_CREDENTIALS = () => new DomainError('unauthenticated', 'the username or password is wrong');

@Injectable()
export class AuthService {
  readonly tokens: AccessTokens;
  private readonly throttle: SignInThrottle;
  /** sessionId → user snapshot for requests in the next few seconds. */
  private readonly live = new ShortLivedCache<{ user: UserDocument }>(5_000);

  constructor(
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
    private readonly repo: IdentityRepository,
  ) {
    this.tokens = new AccessTokens(env.AUTH_TOKEN_SECRET, env.ACCESS_TOKEN_TTL_SECONDS);
    this.throttle = new SignInThrottle(env, repo);
  }

  async signIn(username: string, password: string, client: ClientInfo, now = new Date()): Promise<SignedIn> {
    const key = username.toLowerCase();
    // Counted before the password is checked, so that concurrent guesses cannot slip in under a limit.
    await this.throttle.admit(key, client.ip, now);
    const user = await this.repo.findUserByUsername(username);
    // Verify against a dummy hash when the user is unknown: same timing, nothing learned.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH_PROMISE));
    if (!user || !ok || !user.active) throw BAD_CREDENTIALS();
    await this.throttle.succeeded(key, client.ip);
    const sessionId = randomUUID();
    await this.repo.sessions.create({
      _id: sessionId,
      userId: user._id,
      createdAt: now,
      lastRefreshedAt: now,
      ...(client.ip ? { ip: client.ip } : {}),
      ...(client.userAgent ? { userAgent: client.userAgent.slice(0, 300) } : {}),
    });
    return this.issue(user, sessionId, now);
  }

  /** Rotates a refresh token; a token presented twice revokes its whole session (theft). */
  async refresh(refreshToken: string, now = new Date()): Promise<SignedIn> {
    const id = refreshTokenId(refreshToken);
    const before = await this.repo.refreshTokens
      // $min: the first rotation time stays, so replaying a token cannot keep the grace window open.
      .findOneAndUpdate({ _id: id }, { $min: { rotatedAt: now } }, { new: false })
      .lean()
      .exec();
    if (!before || before.expiresAt <= now)
      throw new DomainError('unauthenticated', 'the session has expired; sign in again');
    if (before.rotatedAt && now.getTime() - new Date(before.rotatedAt).getTime() > CONCURRENT_REFRESH_GRACE_MS) {
      await this.revokeSession(before.familyId, 'refresh token reused', now);
      throw new DomainError('unauthenticated', 'the session was revoked; sign in again');
    }
    const session = await this.repo.findSession(before.familyId);
    const user = await this.repo.findUserById(before.userId);
    if (!session || session.revokedAt || !user || !user.active) {
      throw new DomainError('unauthenticated', 'the session was revoked; sign in again');
    }
    await this.repo.sessions.updateOne({ _id: session._id }, { $set: { lastRefreshedAt: now } }).exec();
    return this.issue(user, session._id, now);
  }

  async signOut(sessionId: string, now = new Date()): Promise<void> {
    await this.revokeSession(sessionId, 'signed out', now);
  }

  async revokeSession(sessionId: string, reason: string, now = new Date()): Promise<void> {
    await this.repo.sessions.updateOne({ _id: sessionId }, { $set: { revokedAt: now, revokedReason: reason } }).exec();
    this.live.delete(sessionId);
  }

  /** Revokes every session of a user (deactivation, password reset). */
  async revokeUserSessions(userId: string, reason: string, now = new Date()): Promise<void> {
    await this.repo.sessions
      .updateMany(
        { userId: { $eq: userId }, revokedAt: { $exists: false } },
        { $set: { revokedAt: now, revokedReason: reason } },
      )
      .exec();
    this.live.deleteWhere((v) => v.user._id === userId);
  }

  /** Bearer token → principal, or undefined when the token or its session is not valid. */
  async authenticate(token: string): Promise<Principal | undefined> {
    const claims = await this.tokens.verify(token);
    if (!claims) return undefined;
    let entry = this.live.get(claims.sessionId);
    if (!entry) {
      const session = await this.repo.findSession(claims.sessionId);
      if (!session || session.revokedAt) return undefined;
      const user = await this.repo.findUserById(session.userId);
      if (!user || !user.active) return undefined;
      entry = { user };
      this.live.set(claims.sessionId, entry);
    }
    const { user } = entry;
    // Roles and unit come from the user record, not the token, so a change applies within seconds.
    return {
      userId: user._id,
      username: user.username,
      unitId: user.unitId,
      roles: user.roles,
      permissions: permissionsOf(user.roles),
      sessionId: claims.sessionId,
    };
  }

  /** The user record behind a principal (cached with its session). */
  async userOf(principal: Principal): Promise<UserDocument> {
    const cached = this.live.get(principal.sessionId)?.user;
    const user = cached ?? (await this.repo.findUserById(principal.userId));
    if (!user) throw new DomainError('unauthenticated', 'the account no longer exists');
    return user;
  }

  /** Forgets cached sessions of a user whose roles or unit just changed. */
  forgetUser(userId: string): void {
    this.live.deleteWhere((v) => v.user._id === userId);
  }

  private async issue(user: UserDocument, sessionId: string, now: Date): Promise<SignedIn> {
    const access = await this.tokens.issue(
      { userId: user._id, username: user.username, unitId: user.unitId, roles: user.roles, sessionId },
      now,
    );
    const refreshToken = newRefreshToken();
    const refreshTokenExpiresAt = new Date(now.getTime() + this.env.REFRESH_TOKEN_TTL_SECONDS * 1000);
    await this.repo.refreshTokens.create({
      _id: refreshTokenId(refreshToken),
      familyId: sessionId,
      userId: user._id,
      expiresAt: refreshTokenExpiresAt,
      createdAt: now,
    });
    return {
      sessionId,
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken,
      refreshTokenExpiresAt,
      user,
    };
  }
}

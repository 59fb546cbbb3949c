import { DomainError } from '@aiplat/contracts';
import type { GatewayEnv } from '../config/env';
import { isDuplicateKey } from '../database/errors';
import type { IdentityRepository } from '../identity/identity.repository';

/** Raised with the seconds to wait when sign-ins are throttled. */
export class SignInLockedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('rate_limited', `too many failed sign-ins; try again in ${retryAfterSeconds} s`, undefined, {
      retryAfterSeconds,
    });
    this.name = 'SignInLockedError';
  }
}

/** Failures of one account tolerated from all addresses together before it, too, backs off. */
const ACCOUNT_FAILURES_FACTOR = 4;
/** The longest wait the account-wide backoff imposes: others can slow an account down, never lock it out. */
const ACCOUNT_MAX_WAIT_SECONDS = 60;
const CLIENT_WINDOW_MS = 60_000;

/**
 * Seconds to wait after `failures` failed attempts when `free` are allowed without waiting: 0 up to
 * the limit, then doubling from 1 s with every further failure, capped at `maxSeconds`.
 */
export function backoffSeconds(failures: number, free: number, maxSeconds: number): number {
  if (failures <= free) return 0;
  return Math.min(maxSeconds, 2 ** Math.min(failures - free - 1, 30));
}

/**
 * Sign-in throttling that an attacker cannot turn against an account's owner:
 *  - per account and client address: `SIGN_IN_MAX_FAILURES` failures are free, then every attempt
 *    from that address waits a backoff that doubles up to `SIGN_IN_LOCK_SECONDS` — the owner at
 *    another address is not affected;
 *  - per account from all addresses: four times as many failures are free, then a backoff capped at
 *    a minute, which slows a distributed guess without locking anyone out;
 *  - per client address across usernames: at most `SIGN_IN_CLIENT_FAILURES_PER_MINUTE` failed
 *    attempts a minute (password spraying), successes not counted.
 * Each attempt is counted before the password is checked, atomically, so that a concurrent burst
 * cannot slip in under a limit; a success takes its count back. Unknown usernames are counted
 * like known ones, so throttling reveals nothing about which exist.
 */
export class SignInThrottle {
  constructor(
    private readonly env: GatewayEnv,
    private readonly repo: IdentityRepository,
  ) {}

  /** Counts the attempt, or refuses it (429) while one of the limits holds. */
  async admit(username: string, ip: string | undefined, now: Date): Promise<void> {
    const address = ip ?? 'unknown';
    await this.admitClient(address, now);
    const max = this.env.SIGN_IN_MAX_FAILURES;
    await this.admitKey(`${username}|${address}`, max, this.env.SIGN_IN_LOCK_SECONDS, now);
    await this.admitKey(username, max * ACCOUNT_FAILURES_FACTOR, ACCOUNT_MAX_WAIT_SECONDS, now);
  }

  /** A signed-in user: the account's counts are cleared and the address's attempt is taken back. */
  async succeeded(username: string, ip: string | undefined): Promise<void> {
    const address = ip ?? 'unknown';
    await this.repo.throttle.deleteMany({ _id: { $in: [`${username}|${address}`, username] } }).exec();
    await this.repo.throttle.updateOne({ _id: clientKey(address) }, { $inc: { failures: -1 } }).exec();
  }

  /**
   * One key's limit: `free` failures, then a wait that doubles with every further failure. When the
   * limit is first passed the attempt is refused and the first wait begins; after each wait exactly
   * one attempt is let through (it claims the next, longer wait), however many arrive at once.
   */
  private async admitKey(key: string, free: number, maxSeconds: number, now: Date): Promise<void> {
    const count = () =>
      this.repo.throttle
        .findOneAndUpdate(
          { _id: key },
          { $inc: { failures: 1 }, $set: { updatedAt: now } },
          { upsert: true, new: true },
        )
        .lean()
        .exec();
    // Two first attempts at once race to create the record; the loser counts on the winner's.
    const after = await count().catch((err: unknown) => {
      if (isDuplicateKey(err)) return count();
      throw err;
    });
    if (!after || after.failures <= free) return;
    const refuse = async (until: Date | undefined) => {
      // An attempt refused during a wait is not a failure: it does not make the next wait longer.
      await this.repo.throttle.updateOne({ _id: key }, { $inc: { failures: -1 } }).exec();
      throw lockedFor(until, now);
    };
    if (after.lockedUntil && after.lockedUntil > now) await refuse(after.lockedUntil);
    const wait = backoffSeconds(after.failures, free, maxSeconds);
    const lockedUntil = new Date(now.getTime() + wait * 1000);
    const claimed = await this.repo.throttle
      .findOneAndUpdate(
        { _id: key, $or: [{ lockedUntil: { $exists: false } }, { lockedUntil: { $lte: now } }] },
        { $set: { lockedUntil, updatedAt: now } },
        { new: false },
      )
      .lean()
      .exec();
    // Another attempt claimed this turn: wait for the end of the one it started.
    if (!claimed) await refuse((await this.repo.throttle.findById(key).lean().exec())?.lockedUntil);
    // The first time past the limit: this attempt (counted) is refused and the first wait starts.
    else if (!claimed.lockedUntil) throw lockedFor(lockedUntil, now);
  }

  /** At most the limit of failed attempts a minute from one address; `lockedUntil` ends its window here. */
  private async admitClient(address: string, now: Date): Promise<void> {
    const key = clientKey(address);
    const counted = await this.repo.throttle
      .findOneAndUpdate({ _id: key, lockedUntil: { $gt: now } }, { $inc: { failures: 1 } }, { new: true })
      .lean()
      .exec();
    const failures = counted?.failures ?? 1;
    const windowEnds = counted?.lockedUntil ?? new Date(now.getTime() + CLIENT_WINDOW_MS);
    if (!counted) {
      // A new window. Two requests opening it at once may both count 1.
      await this.repo.throttle
        .updateOne({ _id: key }, { $set: { failures, lockedUntil: windowEnds, updatedAt: now } }, { upsert: true })
        .exec()
        .catch((err: unknown) => {
          if (!isDuplicateKey(err)) throw err;
        });
    }
    if (failures > this.env.SIGN_IN_CLIENT_FAILURES_PER_MINUTE) {
      await this.repo.throttle.updateOne({ _id: key }, { $inc: { failures: -1 } }).exec();
      throw lockedFor(windowEnds, now);
    }
  }
}

const clientKey = (address: string) => `client:${address}`;

/** 429 with the whole seconds left until `until` (at least 1). */
const lockedFor = (until: Date | undefined, now: Date) =>
  new SignInLockedError(Math.max(1, Math.ceil(((until?.getTime() ?? now.getTime()) - now.getTime()) / 1000)));

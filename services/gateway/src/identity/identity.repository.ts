import { Inject, Injectable } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { DB_CONNECTION } from '../database/database.module';
import {
  refreshTokenSchema,
  sessionSchema,
  signInThrottleSchema,
  type RefreshTokenDocument,
  type SessionDocument,
  type SignInThrottleDocument,
} from './session.schema';
import { userSchema, type UserDocument } from './user.schema';

/**
 * All mongoose access of the identity module. Hot paths (authenticating a
 * request, refreshing) filter on `_id` alone: FerretDB serves only those from
 * an index. Lookups by username scan the (small) users collection.
 */
@Injectable()
export class IdentityRepository {
  readonly users: Model<UserDocument>;
  readonly sessions: Model<SessionDocument>;
  readonly refreshTokens: Model<RefreshTokenDocument>;
  readonly throttle: Model<SignInThrottleDocument>;

  constructor(@Inject(DB_CONNECTION) connection: Connection) {
    this.users = connection.model('User', userSchema);
    this.sessions = connection.model('Session', sessionSchema);
    this.refreshTokens = connection.model('RefreshToken', refreshTokenSchema);
    this.throttle = connection.model('SignInThrottle', signInThrottleSchema);
  }

  async ensureIndexes(): Promise<void> {
    await Promise.all([this.users.syncIndexes(), this.sessions.syncIndexes()]);
  }

  findUserById(id: string) {
    return this.users.findById(id).lean<UserDocument>().exec();
  }

  findUserByUsername(username: string) {
    return this.users
      .findOne({ username: { $eq: username } })
      .lean<UserDocument>()
      .exec();
  }

  findSession(id: string) {
    return this.sessions.findById(id).lean<SessionDocument>().exec();
  }
}

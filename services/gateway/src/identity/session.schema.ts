import { Schema } from 'mongoose';

/**
 * One refresh token. `_id` is the SHA-256 of the token (never the token).
 * Refreshing marks it `rotatedAt` and issues the next one in the same family;
 * presenting a rotated token again means it was stolen: the family is revoked.
 */
export interface RefreshTokenDocument {
  _id: string;
  familyId: string;
  userId: string;
  expiresAt: Date;
  rotatedAt?: Date;
  createdAt: Date;
}

export const refreshTokenSchema = new Schema<RefreshTokenDocument>(
  {
    _id: { type: String, required: true },
    familyId: { type: String, required: true },
    userId: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    rotatedAt: { type: Date },
    createdAt: { type: Date, required: true },
  },
  { collection: 'refresh_tokens', versionKey: false },
);

/** A sign-in session: its access and refresh tokens live while it is not revoked. */
export interface SessionDocument {
  _id: string;
  userId: string;
  createdAt: Date;
  lastRefreshedAt: Date;
  revokedAt?: Date;
  revokedReason?: string;
  userAgent?: string;
  ip?: string;
}

export const sessionSchema = new Schema<SessionDocument>(
  {
    _id: { type: String, required: true },
    userId: { type: String, required: true, index: true },
    createdAt: { type: Date, required: true },
    lastRefreshedAt: { type: Date, required: true },
    revokedAt: { type: Date },
    revokedReason: { type: String },
    userAgent: { type: String },
    ip: { type: String },
  },
  { collection: 'sessions', versionKey: false },
);

/** Failed sign-ins per username (whether or not it exists, so lockout reveals nothing). */
export interface SignInThrottleDocument {
  _id: string;
  failures: number;
  lockedUntil?: Date;
  updatedAt: Date;
}

export const signInThrottleSchema = new Schema<SignInThrottleDocument>(
  {
    _id: { type: String, required: true },
    failures: { type: Number, required: true, default: 0 },
    lockedUntil: { type: Date },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'sign_in_throttle', versionKey: false },
);

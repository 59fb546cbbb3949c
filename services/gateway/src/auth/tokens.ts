import { roleSchema, type Role } from '@aiplat/contracts';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

const ISSUER = 'aiplat-gateway';
const AUDIENCE = 'aiplat-api';

const claimsSchema = z.object({
  sub: z.string(),
  sid: z.string(),
  unit: z.string(),
  roles: z.array(roleSchema),
  name: z.string(),
});

export interface AccessClaims {
  userId: string;
  username: string;
  unitId: string;
  roles: Role[];
  /** Session family id: revoking the family revokes its access tokens too. */
  sessionId: string;
}

/** Short-lived access tokens (HS256 JWT) carrying who the user is; permissions are derived on each request. */
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async issue(claims: AccessClaims, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(now.getTime() + this.ttlSeconds * 1000);
    const token = await new SignJWT({
      sid: claims.sessionId,
      unit: claims.unitId,
      roles: claims.roles,
      name: claims.username,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setJti(randomUUID())
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  /** Returns the claims of a valid, unexpired token, or undefined. */
  async verify(token: string): Promise<AccessClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      const c = claimsSchema.parse(payload);
      return { userId: c.sub, username: c.name, unitId: c.unit, roles: c.roles, sessionId: c.sid };
    } catch {
      return undefined;
    }
  }
}

/** Opaque refresh tokens: only their SHA-256 is stored, as the session document's `_id`. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function refreshTokenId(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

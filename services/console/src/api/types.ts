/** Wire types of the gateway's auth and identity endpoints, exactly as the console reads them. */

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly unitId: string;
  readonly roles: readonly string[];
}

export interface Unit {
  readonly id: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly kind: string;
}

/** `POST /api/v1/auth/sign-in` and `POST /api/v1/auth/refresh`. The refresh token travels only as an httpOnly cookie. */
export interface AuthResponse {
  readonly accessToken: string;
  readonly accessTokenExpiresAt: string;
  readonly user: User;
}

/** `GET /api/v1/me`. */
export interface MeResponse {
  readonly user: User;
  readonly unit: Unit;
  readonly permissions: readonly string[];
}

export function isAuthResponse(value: unknown): value is AuthResponse {
  if (value === null || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return typeof record.accessToken === 'string' && typeof record.accessTokenExpiresAt === 'string';
}

export function isMeResponse(value: unknown): value is MeResponse {
  if (value === null || typeof value !== 'object') return false;
  const { user, unit, permissions } = value as Record<string, unknown>;
  return (
    user !== null &&
    typeof user === 'object' &&
    Array.isArray((user as Record<string, unknown>).roles) &&
    unit !== null &&
    typeof unit === 'object' &&
    Array.isArray(permissions) &&
    permissions.every((permission) => typeof permission === 'string')
  );
}

import { DomainError, permissionsOf } from '@aiplat/contracts';
import { Controller, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { GATEWAY_ENV, type GatewayEnv } from '../config/env';
import { ApiRoute } from '../http/api-route';
import { CurrentPrincipal, ValidBody, type GatewayRequest, type Principal } from '../http/request-context';
import { meView, signedInView, signInBody } from '../identity/identity.dto';
import { UnitsService } from '../identity/units.service';
import { AuthService, type SignedIn } from './auth.service';

export const REFRESH_COOKIE = 'aiplat_refresh';

/** Who signed in or refreshed: recorded by the audit hook as the actor. */
function principalOf(result: SignedIn): Principal {
  const u = result.user;
  return {
    userId: u._id,
    username: u.username,
    unitId: u.unitId,
    roles: u.roles,
    permissions: permissionsOf(u.roles),
    sessionId: result.sessionId,
  };
}
const REFRESH_COOKIE_PATH = '/api/v1/auth';

/** Sign-in, refresh, sign-out and "who am I". The refresh token travels only in an httpOnly cookie. */
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly units: UnitsService,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/auth/sign-in',
    operationId: 'signIn',
    summary: 'Sign in with username and password',
    tag: 'auth',
    access: 'public',
    body: signInBody,
    success: {
      status: 200,
      description: 'Signed in; the refresh token is set as an httpOnly cookie',
      schema: signedInView,
    },
    // A wrong username or password: 401 (the route itself needs no token).
    errors: [401, 429],
    audit: { action: 'auth.sign_in', target: (r) => (r.body as { username?: string })?.username },
  })
  async signIn(
    @ValidBody() body: z.infer<typeof signInBody>,
    @Req() req: GatewayRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.auth.signIn(body.username, body.password, {
      ip: req.ip,
      ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
    });
    req.principal = principalOf(result);
    return this.respond(result, reply);
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/auth/refresh',
    operationId: 'refresh',
    summary: 'Exchange the refresh cookie for a new access token (the refresh token rotates)',
    tag: 'auth',
    access: 'public',
    success: { status: 200, description: 'A new access token', schema: signedInView },
    audit: { action: 'auth.refresh' },
  })
  async refresh(@Req() req: GatewayRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const token = req.cookies?.[REFRESH_COOKIE];
    if (!token) throw new DomainError('unauthenticated', 'no session: sign in first');
    const result = await this.auth.refresh(token);
    req.principal = principalOf(result);
    return this.respond(result, reply);
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/auth/sign-out',
    operationId: 'signOut',
    summary: 'Sign out: revokes the session, its refresh token and its access tokens',
    tag: 'auth',
    access: 'authenticated',
    success: { status: 204, description: 'Signed out' },
    audit: { action: 'auth.sign_out' },
  })
  async signOut(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.auth.signOut(principal.sessionId);
    reply.clearCookie(REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH });
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/me',
    operationId: 'me',
    summary: 'The signed-in user, their unit and their permissions',
    tag: 'auth',
    access: 'authenticated',
    success: { status: 200, description: 'Who you are', schema: meView },
  })
  async me(@CurrentPrincipal() principal: Principal): Promise<z.infer<typeof meView>> {
    const unit = await this.units.get(principal.unitId);
    const user = await this.auth.userOf(principal);
    return {
      user: {
        id: principal.userId,
        username: principal.username,
        displayName: user.displayName,
        unitId: principal.unitId,
        roles: principal.roles,
      },
      unit,
      permissions: principal.permissions,
    };
  }

  private respond(result: SignedIn, reply: FastifyReply): z.infer<typeof signedInView> {
    // Tokens must not be kept by browsers' or proxies' caches.
    void reply.header('Cache-Control', 'no-store');
    reply.setCookie(REFRESH_COOKIE, result.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.env.COOKIE_SECURE === 'true',
      path: REFRESH_COOKIE_PATH,
      expires: result.refreshTokenExpiresAt,
    });
    const u = result.user;
    return {
      accessToken: result.accessToken,
      accessTokenExpiresAt: result.accessTokenExpiresAt.toISOString(),
      user: { id: u._id, username: u.username, displayName: u.displayName, unitId: u.unitId, roles: u.roles },
    };
  }
}

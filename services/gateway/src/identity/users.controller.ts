import { Controller, Req } from '@nestjs/common';
import { auditChanges } from '../audit/audit-changes';
import { z } from 'zod';
import { ApiRoute } from '../http/api-route';
import {
  CurrentPrincipal,
  ValidBody,
  ValidParams,
  ValidQuery,
  type GatewayRequest,
  type Principal,
} from '../http/request-context';
import {
  createUserBody,
  listUsersQuery,
  resetPasswordBody,
  updateUserBody,
  userIdParams,
  userView,
} from './identity.dto';
import { UsersService } from './users.service';

const userTarget = (r: { params: Record<string, string> }) => (r.params.id ? `user:${r.params.id}` : undefined);

/** User administration: admins create users, assign roles and units, deactivate and reset passwords. */
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/users',
    operationId: 'listUsers',
    summary: 'List users',
    tag: 'users',
    access: 'users.manage',
    query: listUsersQuery,
    success: { status: 200, description: 'Users', schema: z.object({ items: z.array(userView) }) },
  })
  async list(@ValidQuery() query: z.infer<typeof listUsersQuery>) {
    return { items: await this.users.list(query) };
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/users',
    operationId: 'createUser',
    summary: 'Create a user with an initial password',
    tag: 'users',
    access: 'users.manage',
    body: createUserBody,
    success: { status: 201, description: 'Created', schema: userView },
    errors: [409, 422],
    idempotent: true,
    audit: { action: 'user.create', target: (r) => `username:${(r.body as { username?: string })?.username ?? '?'}` },
  })
  async create(@ValidBody() body: z.infer<typeof createUserBody>, @CurrentPrincipal() principal: Principal) {
    return this.users.create(body, principal.userId);
  }

  @ApiRoute({
    method: 'GET',
    path: '/api/v1/users/{id}',
    operationId: 'getUser',
    summary: 'One user',
    tag: 'users',
    access: 'users.manage',
    params: userIdParams,
    success: { status: 200, description: 'The user', schema: userView },
    errors: [404],
  })
  async get(@ValidParams() params: z.infer<typeof userIdParams>) {
    return this.users.get(params.id);
  }

  @ApiRoute({
    method: 'PATCH',
    path: '/api/v1/users/{id}',
    operationId: 'updateUser',
    summary: 'Change a user’s name, unit or roles (applies to their sessions within seconds)',
    tag: 'users',
    access: 'users.manage',
    params: userIdParams,
    body: updateUserBody,
    success: { status: 200, description: 'Updated', schema: userView },
    errors: [404, 422],
    audit: { action: 'user.update', target: userTarget },
  })
  async update(
    @ValidParams() params: z.infer<typeof userIdParams>,
    @ValidBody() body: z.infer<typeof updateUserBody>,
    @Req() req: GatewayRequest,
  ) {
    const before = await this.users.get(params.id);
    const after = await this.users.update(params.id, body);
    auditChanges(req, before, after, Object.keys(body));
    return after;
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/users/{id}/deactivate',
    operationId: 'deactivateUser',
    summary: 'Deactivate a user and revoke their sessions',
    tag: 'users',
    access: 'users.manage',
    params: userIdParams,
    success: { status: 200, description: 'Deactivated', schema: userView },
    errors: [404, 422],
    audit: { action: 'user.deactivate', target: userTarget },
  })
  async deactivate(@ValidParams() params: z.infer<typeof userIdParams>, @CurrentPrincipal() principal: Principal) {
    return this.users.setActive(params.id, false, principal.userId);
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/users/{id}/activate',
    operationId: 'activateUser',
    summary: 'Reactivate a user',
    tag: 'users',
    access: 'users.manage',
    params: userIdParams,
    success: { status: 200, description: 'Activated', schema: userView },
    errors: [404],
    audit: { action: 'user.activate', target: userTarget },
  })
  async activate(@ValidParams() params: z.infer<typeof userIdParams>, @CurrentPrincipal() principal: Principal) {
    return this.users.setActive(params.id, true, principal.userId);
  }

  @ApiRoute({
    method: 'POST',
    path: '/api/v1/users/{id}/password',
    operationId: 'resetUserPassword',
    summary: 'Set a new password for a user and revoke their sessions',
    tag: 'users',
    access: 'users.manage',
    params: userIdParams,
    body: resetPasswordBody,
    success: { status: 204, description: 'Password set' },
    errors: [404],
    audit: { action: 'user.reset_password', target: userTarget },
  })
  async resetPassword(
    @ValidParams() params: z.infer<typeof userIdParams>,
    @ValidBody() body: z.infer<typeof resetPasswordBody>,
  ) {
    await this.users.resetPassword(params.id, body.password);
  }
}

import { conflict, DomainError, notFound, type Role } from '@aiplat/contracts';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuthService } from '../auth/auth.service';
import { hashPassword } from '../auth/password';
import { isDuplicateKey } from '../database/errors';
import { IdentityRepository } from './identity.repository';
import type { UserDocument } from './user.schema';
import type { UserView } from './identity.dto';
import { UnitsService } from './units.service';

export interface NewUser {
  username: string;
  displayName: string;
  unitId: string;
  roles: Role[];
  password: string;
}

/** Administration of user accounts (users.manage). */
@Injectable()
export class UsersService {
  constructor(
    private readonly repo: IdentityRepository,
    private readonly units: UnitsService,
    private readonly auth: AuthService,
  ) {}

  async create(input: NewUser, createdBy: string): Promise<UserView> {
    await this.assertUnit(input.unitId);
    if (await this.repo.findUserByUsername(input.username)) throw conflict(`the username ${input.username} is taken`);
    try {
      const doc = await this.repo.users.create({
        _id: randomUUID(),
        username: input.username,
        displayName: input.displayName,
        unitId: input.unitId,
        roles: [...new Set(input.roles)],
        passwordHash: await hashPassword(input.password),
        active: true,
        createdBy,
      });
      return toUserView(doc.toObject());
    } catch (err) {
      if (isDuplicateKey(err)) throw conflict(`the username ${input.username} is taken`);
      throw err;
    }
  }

  async list(filter: { unitId?: string; role?: Role; active?: 'true' | 'false' }): Promise<UserView[]> {
    const query: Record<string, unknown> = {};
    if (filter.unitId) query.unitId = { $eq: filter.unitId };
    if (filter.role) query.roles = { $eq: filter.role };
    if (filter.active) query.active = { $eq: filter.active === 'true' };
    const docs = await this.repo.users.find(query).sort({ username: 1 }).lean<UserDocument[]>().exec();
    return docs.map(toUserView);
  }

  async get(id: string): Promise<UserView> {
    return toUserView(await this.load(id));
  }

  async update(id: string, change: { displayName?: string; unitId?: string; roles?: Role[] }): Promise<UserView> {
    const current = await this.load(id);
    if (change.roles && current.roles.includes('admin') && !change.roles.includes('admin')) {
      await this.assertNotLastAdmin(id, 'remove the admin role from');
    }
    if (change.unitId) await this.assertUnit(change.unitId);
    const set: Record<string, unknown> = {};
    if (change.displayName) set.displayName = change.displayName;
    if (change.unitId) set.unitId = change.unitId;
    if (change.roles) set.roles = [...new Set(change.roles)];
    const doc = await this.repo.users.findByIdAndUpdate(id, { $set: set }, { new: true }).lean<UserDocument>().exec();
    this.auth.forgetUser(id);
    return toUserView(doc ?? (await this.load(id)));
  }

  async setActive(id: string, active: boolean, actorId: string): Promise<UserView> {
    if (!active && id === actorId) throw new DomainError('unprocessable', 'you cannot deactivate your own account');
    const current = await this.load(id);
    if (!active && current.roles.includes('admin')) await this.assertNotLastAdmin(id, 'deactivate');
    const doc = await this.repo.users
      .findByIdAndUpdate(id, { $set: { active } }, { new: true })
      .lean<UserDocument>()
      .exec();
    if (!active) await this.auth.revokeUserSessions(id, 'user deactivated');
    return toUserView(doc ?? (await this.load(id)));
  }

  async resetPassword(id: string, password: string): Promise<void> {
    await this.load(id);
    await this.repo.users.updateOne({ _id: id }, { $set: { passwordHash: await hashPassword(password) } }).exec();
    await this.auth.revokeUserSessions(id, 'password reset');
  }

  /** The platform must keep at least one active admin, or nobody could manage accounts again. */
  private async assertNotLastAdmin(id: string, what: string): Promise<void> {
    const others = await this.repo.users
      .countDocuments({ roles: { $eq: 'admin' }, active: { $eq: true }, _id: { $ne: id } })
      .exec();
    if (others === 0) throw new DomainError('unprocessable', `you cannot ${what} the last active admin`);
  }

  private async load(id: string): Promise<UserDocument> {
    const doc = await this.repo.findUserById(id);
    if (!doc) throw notFound(`user ${id}`);
    return doc;
  }

  private async assertUnit(unitId: string): Promise<void> {
    if (!(await this.units.exists(unitId))) {
      throw new DomainError('unprocessable', `unit ${unitId} is not in the unit registry`, [
        { path: 'body.unitId', message: 'unknown unit' },
      ]);
    }
  }
}

export function toUserView(d: UserDocument): UserView {
  return {
    id: d._id,
    username: d.username,
    displayName: d.displayName,
    unitId: d.unitId,
    roles: d.roles,
    active: d.active,
    createdAt: new Date(d.createdAt).toISOString(),
    updatedAt: new Date(d.updatedAt).toISOString(),
  };
}

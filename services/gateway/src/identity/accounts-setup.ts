import type { Role } from '@aiplat/contracts';
import { generatePassword } from '../auth/password';
import { IdentityRepository } from './identity.repository';
import { UsersService } from './users.service';

export interface AccountSpec {
  username: string;
  displayName: string;
  unitId: string;
  roles: Role[];
}

/**
 * Creates an account, or sets a new password when it already exists (the
 * platform runner prints fresh passwords at each start). Returns the password.
 */
export async function ensureAccount(
  users: UsersService,
  repo: IdentityRepository,
  spec: AccountSpec,
  password = generatePassword(),
): Promise<string> {
  const existing = await repo.findUserByUsername(spec.username);
  if (existing) {
    await users.update(existing._id, { displayName: spec.displayName, unitId: spec.unitId, roles: spec.roles });
    await users.setActive(existing._id, true, 'setup');
    await users.resetPassword(existing._id, password);
  } else {
    await users.create({ ...spec, password }, 'setup');
  }
  return password;
}

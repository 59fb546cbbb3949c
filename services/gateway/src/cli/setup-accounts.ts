import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GatewayModule } from '../app.module';
import { loadGatewayEnv } from '../config/env';
import { ensureAccount } from '../identity/accounts-setup';
import { passwordSchema } from '../identity/identity.dto';
import { DEMO_USERS } from '../identity/demo-users';
import { IdentityRepository } from '../identity/identity.repository';
import { UnitsService } from '../identity/units.service';
import { UsersService } from '../identity/users.service';

const USAGE = `usage: node dist/cli/setup-accounts.js <command>
  admin   create the first admin (or reset its password): BOOTSTRAP_ADMIN_USERNAME (default admin),
          BOOTSTRAP_ADMIN_PASSWORD (optional; generated and printed once when absent)
  demo    one demo account per role with fresh random passwords, printed once`;

async function main(): Promise<void> {
  const command = process.argv[2];
  if (command !== 'admin' && command !== 'demo') {
    console.log(USAGE);
    process.exit(command ? 2 : 0);
  }
  const env = loadGatewayEnv();
  const ctx = await NestFactory.createApplicationContext(GatewayModule.forRoot(env), { logger: ['error'] });
  try {
    await ctx.get(UnitsService).seedFromRegistry();
    const users = ctx.get(UsersService);
    const repo = ctx.get(IdentityRepository);
    const rows: Array<[string, string, string, string]> = [];
    if (command === 'admin') {
      const username = process.env.BOOTSTRAP_ADMIN_USERNAME ?? 'admin';
      const given = process.env.BOOTSTRAP_ADMIN_PASSWORD;
      const problem = given === undefined ? undefined : passwordSchema.safeParse(given).error?.issues[0]?.message;
      if (problem) throw new Error(`BOOTSTRAP_ADMIN_PASSWORD is not acceptable: ${problem}`);
      const password = await ensureAccount(
        users,
        repo,
        { username, displayName: '系统管理员', unitId: 'lg-office', roles: ['admin'] },
        given,
      );
      rows.push([username, 'admin', 'lg-office', given ? '(from BOOTSTRAP_ADMIN_PASSWORD)' : password]);
    } else {
      for (const spec of DEMO_USERS) {
        rows.push([spec.username, spec.roles.join(','), spec.unitId, await ensureAccount(users, repo, spec)]);
      }
    }
    const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), 8));
    console.log(
      ['username'.padEnd(w[0]!), 'roles'.padEnd(w[1]!), 'unit'.padEnd(w[2]!), 'password (shown once)'].join('  '),
    );
    for (const r of rows) console.log([r[0].padEnd(w[0]!), r[1].padEnd(w[1]!), r[2].padEnd(w[2]!), r[3]].join('  '));
  } finally {
    await ctx.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

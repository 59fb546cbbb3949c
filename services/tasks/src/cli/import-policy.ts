import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { readFileSync } from 'node:fs';
import { loadTasksEnv } from '../config/env';
import { ImportPolicy } from '../plan/import-policy';
import { TasksModule } from '../tasks.module';

/** `node dist/cli/import-policy.js <file> [year]`: imports a policy text as the draft work plan of `year`. */
async function main(): Promise<void> {
  const [file, yearArg] = process.argv.slice(2);
  if (!file) {
    console.log('usage: node dist/cli/import-policy.js <policy text file> [year, default 2020]');
    process.exit(2);
  }
  const year = Number(yearArg ?? 2020);
  const text = readFileSync(file, 'utf8');
  const ctx = await NestFactory.createApplicationContext(TasksModule.forRoot(loadTasksEnv()), { logger: ['error'] });
  try {
    process.stderr.write(`[import] reading ${file} as the ${year} work plan…\n`);
    const r = await ctx
      .get(ImportPolicy)
      .execute(
        { actor: { kind: 'system', id: 'import-policy-cli' }, requestId: `import-${year}-${Date.now()}` },
        year,
        text,
      );
    console.log(
      `${r.title}: ${r.created.length} tasks created, ${r.unchanged.length} already there, ${r.targets} plan targets`,
    );
    for (const c of r.changed) {
      const fields = c.changes.map((f) => f.field).join(', ');
      console.log(`task ${c.code}: the text now says another ${fields}; not applied (the office decides)`);
    }
    for (const u of r.unknownUnits)
      console.log(`unknown unit "${u.name}" in task ${u.taskCode}: map it or add it to the registry`);
  } finally {
    await ctx.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

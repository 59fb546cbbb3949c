import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
// Importing the module declares every controller, which fills the route registry.
import '../app.module';
import { API_ROUTES } from '../http/api-route';
import { buildOpenApiDocument } from '../http/openapi';
import { renderPermissionsDoc } from '../http/permissions-doc';

/**
 * `pnpm docs:generate` writes docs/openapi.json and docs/permissions.md from the
 * code; with --check it fails when a committed file is stale.
 */
const docs = resolve(__dirname, '../../../../docs');
const outputs: Array<[string, string]> = [
  ['openapi.json', `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`],
  ['permissions.md', renderPermissionsDoc(API_ROUTES)],
];
let stale = false;
for (const [name, rendered] of outputs) {
  const target = resolve(docs, name);
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      /* missing counts as stale */
    }
    if (current !== rendered) {
      console.error(`docs/${name} is stale: run \`pnpm build && pnpm docs:generate\` and commit it`);
      stale = true;
    } else console.log(`docs/${name} is current`);
  } else {
    writeFileSync(target, rendered);
    console.log(`wrote docs/${name}`);
  }
}
if (stale) process.exit(1);

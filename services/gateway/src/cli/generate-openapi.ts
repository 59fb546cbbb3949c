import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
// Importing the module declares every controller, which fills the route registry.
import '../app.module';
import { buildOpenApiDocument } from '../http/openapi';

/** `pnpm openapi` writes docs/openapi.json; with --check it fails when the committed file is stale. */
const target = resolve(__dirname, '../../../../docs/openapi.json');
const rendered = `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    /* missing counts as stale */
  }
  if (current !== rendered) {
    console.error('docs/openapi.json is stale: run `pnpm build && pnpm openapi` and commit it');
    process.exit(1);
  }
  console.log('docs/openapi.json is current');
} else {
  writeFileSync(target, rendered);
  console.log(`wrote ${target}`);
}

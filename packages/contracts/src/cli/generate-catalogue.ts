import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderCatalogue } from '../catalogue';
import { platformEvents } from '../events';
import { platformRpcs } from '../rpc';

/** `pnpm docs:generate` writes docs/event-catalogue.md; with --check it fails when the file is stale. */
const target = resolve(__dirname, '../../../../docs/event-catalogue.md');
const rendered = renderCatalogue(platformEvents, platformRpcs);
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    /* missing counts as stale */
  }
  if (current !== rendered) {
    console.error(`docs/event-catalogue.md is stale: run \`pnpm build && pnpm docs:generate\` and commit it`);
    process.exit(1);
  }
  console.log('docs/event-catalogue.md is current');
} else {
  writeFileSync(target, rendered);
  console.log(`wrote ${target}`);
}

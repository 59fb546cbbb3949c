import { resolve } from 'node:path';
import { renderCatalogue } from '../catalogue';
import { platformEvents } from '../events';
import { writeOrCheckGenerated } from '../generated-files';
import { platformRpcs } from '../rpc';

/** `pnpm docs:generate` writes docs/event-catalogue.md; with --check it fails when the file is stale. */
const ok = writeOrCheckGenerated(
  resolve(__dirname, '../../../../docs'),
  [['event-catalogue.md', renderCatalogue(platformEvents, platformRpcs)]],
  process.argv.includes('--check'),
);
if (!ok) process.exit(1);

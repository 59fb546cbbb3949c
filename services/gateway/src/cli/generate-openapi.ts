import 'reflect-metadata';
import { writeOrCheckGenerated } from '@aiplat/contracts';
import { resolve } from 'node:path';
// Importing the module declares every controller, which fills the route registry.
import '../app.module';
import { API_ROUTES } from '../http/api-route';
import { buildOpenApiDocument } from '../http/openapi';
import { renderPermissionsDoc } from '../http/permissions-doc';

/** `pnpm docs:generate` writes docs/openapi.json and docs/permissions.md; with --check it fails when one is stale. */
const ok = writeOrCheckGenerated(
  resolve(__dirname, '../../../../docs'),
  [
    ['openapi.json', `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`],
    ['permissions.md', renderPermissionsDoc(API_ROUTES)],
  ],
  process.argv.includes('--check'),
);
if (!ok) process.exit(1);

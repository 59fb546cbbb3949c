import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Tests import workspace packages from source, so a test never runs against a stale build.
const alias = Object.fromEntries(
  ['contracts', 'messaging', 'observability', 'testing'].map((p) => [
    `@aiplat/${p}`,
    resolve(__dirname, `packages/${p}/src/index.ts`),
  ]),
);

// SWC emits decorator metadata (esbuild does not), which NestJS dependency injection needs.
const plugins = [swc.vite({ module: { type: 'es6' } })];

export default defineConfig({
  test: {
    reporters: ['default', './scripts/vitest-summary-reporter.ts'],
    projects: [
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['{packages,services}/*/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**', '**/dist/**'],
          pool: 'forks',
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['{packages,services}/*/{src,test}/**/*.int.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**'],
          globalSetup: ['packages/testing/src/global-setup.ts'],
          pool: 'forks',
          // Two cores: suites run one after another so timing-sensitive crash tests stay deterministic.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

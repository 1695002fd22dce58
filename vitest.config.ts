import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Engine-independent tests; the CLI test always uses its own PGlite directory.
          include: [
            'packages/*/src/**/*.test.ts',
            'apps/api/src/**/*.test.ts',
            'apps/web/src/**/*.test.{ts,tsx}',
            'apps/api/test/cli.test.ts',
          ],
          testTimeout: 120_000,
          sequence: { groupOrder: 0 },
          exclude: ['**/*.routes.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'api',
          include: ['apps/api/src/**/*.routes.test.ts', 'apps/api/test/**/*.test.ts'],
          exclude: ['apps/api/test/cli.test.ts', '**/node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

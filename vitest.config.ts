import { defineConfig } from 'vitest/config';

// Each test file runs in its own forked process: chDB binds one data folder per process, and each
// file starts its own redis-server on a free port.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});

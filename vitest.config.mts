import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The Temporal native bridge breaks under worker threads.
    pool: 'forks',
    globalSetup: ['./test/setup/global.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    reporters: ['default'],
  },
});

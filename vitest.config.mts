import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The Temporal native bridge breaks under worker threads.
    pool: 'forks',
    globalSetup: ['./test/setup/global.ts'],
    include: ['test/**/*.test.{ts,tsx}'],
    // The suite runs in test mode: development secrets (the public CLAIM_SUBJECT_KEY default, the
    // signing key in ANSINH_HOME) are allowed, as for `npm start` (runtime/config.ts Mode). The CLI's
    // child processes inherit it.
    env: { ANSINH_MODE: 'test' },
    testTimeout: 120_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
    reporters: ['default'],
  },
});

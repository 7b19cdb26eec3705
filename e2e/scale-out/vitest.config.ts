import { defineConfig } from 'vitest/config';

// The scale-out suite: its own replicated portal (redis-server, HAProxy, two BFF processes) beside the
// running test stack, whose identity provider, ARM, Graph and login servers it uses. Its own step of
// `npm test` (not a project of the root config): it kills and stops processes, so it runs alone.
export default defineConfig({
  test: {
    name: 'scale-out',
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});

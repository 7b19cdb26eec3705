import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@ctp/notary',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@ctp/cli',
    include: ['test/**/*.test.ts'],
    // The same real notary-server + notary-CLI fixture repositories as @ctp/notary's suite, plus the
    // CLI's own oracle scenarios on that server.
    globalSetup: ['../notary/test/support/global-setup.ts', './test/support/scenarios-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

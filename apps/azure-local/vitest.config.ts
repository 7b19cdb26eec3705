import { defineProject } from 'vitest/config';

// Tests that talk HTTPS to the local servers need the local CA trusted by Node at start:
// run with NODE_EXTRA_CA_CERTS=<repo>/.data/pki/ca.crt (the root `npm test` sets it).
export default defineProject({
  test: {
    name: '@ctp/azure-local',
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

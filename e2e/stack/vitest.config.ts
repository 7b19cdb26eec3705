import { defineProject } from 'vitest/config';

// Integration tests of the whole local stack (control plane + data plane + CLI) against the running
// stack that `npm test` starts (found through <CTP_DATA_DIR>/stack.json). Node must trust the local CA
// from the start: run with NODE_EXTRA_CA_CERTS=<repo>/.data/pki/ca.crt (the root `npm test` sets it).
export default defineProject({
  test: {
    name: 'stack',
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

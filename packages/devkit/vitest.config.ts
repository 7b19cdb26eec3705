import { defineProject } from 'vitest/config';

// The README's two commands, run as a newcomer would: from a fresh copy of the checkout.
export default defineProject({
  test: {
    name: '@ctp/devkit',
    include: ['test/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});

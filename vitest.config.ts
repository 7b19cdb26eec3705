import { defineConfig } from 'vitest/config';

// One Vitest run covers every workspace package; each folder is a project named after its package.
// Integration tests find the running local stack through .data/stack.json (see @ctp/devkit).
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'e2e/stack', 'bench'],
    // A stray it.only must not turn a CI run into a one-test run.
    allowOnly: !process.env.CI,
  },
});

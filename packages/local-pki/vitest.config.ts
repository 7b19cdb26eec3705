import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: '@ctp/local-pki', include: ['test/**/*.test.ts'], testTimeout: 30_000 },
});

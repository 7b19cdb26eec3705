import { defineProject } from 'vitest/config';

// Only the bench's pure logic (ratios, report, statistics, bundle closure); the benchmarks themselves
// run with `pnpm bench`, never in `npm test`.
export default defineProject({
  test: { name: '@ctp/bench', include: ['test/**/*.test.ts'], environment: 'node' },
});

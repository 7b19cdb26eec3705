import { defineConfig } from 'vitest/config';

// The reliability and hostile-input suite of issue 17, run by `npm test` after every other suite, against
// the same shared stack (found through <CTP_DATA_DIR>/stack.json; NODE_EXTRA_CA_CERTS must name the local
// CA). Two groups run one after the other: the probes that leave the stack as it is run in parallel
// (group 1); the faults, which stop, pause and restart shared processes or switch ARM's throttling on,
// run one file at a time (group 2), so no probe sees another test's fault. The log grep runs last (group 3).
const shared = { root: import.meta.dirname, testTimeout: 120_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    // The probes wait on the network, not the CPU: run them side by side even on two cores (Vitest's
    // default would be one worker there, and the group would take the sum of its files).
    maxWorkers: 6,
    projects: [
      {
        test: {
          ...shared,
          name: 'reliability-probes',
          include: ['probes/*.test.ts'],
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          ...shared,
          name: 'reliability-faults',
          include: ['faults/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          ...shared,
          name: 'reliability-logs',
          include: ['logs/*.test.ts'],
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});

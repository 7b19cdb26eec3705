import { defineConfig } from 'vitest/config';

// The reliability and hostile-input suite of issue 17, run by `npm test` after every other suite, against
// the same shared stack (found through <CTP_DATA_DIR>/stack.json; NODE_EXTRA_CA_CERTS must name the local
// CA). Groups run one after the other: the probes that leave the stack as it is run in parallel
// (group 1), the slow clients alone (group 2); the faults, which stop, pause and restart shared processes or switch the
// emulator's fault switches on (one kills a whole stack of its own), run one file at a time (group 3), so no probe
// sees another test's fault. The log grep runs last (group 4).
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
          exclude: ['probes/slow-clients.test.ts'],
          sequence: { groupOrder: 1 },
        },
      },
      {
        // Alone: "others are served meanwhile" must not measure the 200-client load probe's contention
        // (beside it, a health check once waited past its 10 s connect timeout on two cores).
        test: {
          ...shared,
          name: 'reliability-slow-clients',
          include: ['probes/slow-clients.test.ts'],
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          ...shared,
          name: 'reliability-faults',
          include: ['faults/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 3 },
        },
      },
      {
        test: {
          ...shared,
          name: 'reliability-logs',
          include: ['logs/*.test.ts'],
          sequence: { groupOrder: 4 },
        },
      },
    ],
  },
});

import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (pure code, no servers) and `integration` (real Neo4j and Temporal,
 * found or started by test/support/global-setup.ts). `npm test` runs both;
 * `npm run test:unit` runs the pure ones alone: every test that needs no server belongs there.
 */
const unitFolders = [
  'test/model/**/*.test.ts',
  'test/expectations/**/*.test.ts',
  'test/infra/**/*.test.ts',
  'test/runtime/**/*.test.ts',
  'test/api/official-schemas.test.ts',
  'test/api/tmf-query.test.ts',
  'test/workflows/reconcile-replay.test.ts', // recorded histories replay without a server
  'test/lint/**/*.test.ts',
  'test/bin/**/*.test.ts',
  'test/cli/yaml-flow-depth.test.ts',
  'test/cli/event-line.test.ts',
  'test/graph/batches-by-key.test.ts',
  'test/web/**/*.test.ts', // the live view's pure browser code
];
/**
 * The tests that stop, kill or restart servers and workers: a quarter of the suite's time.
 * DIFFO_FAULT_TESTS=off leaves them out; CI runs them on its first Node version only (.ci/run).
 */
const faultFiles = [
  'test/faults/**/*.test.ts',
  'test/workflows/worker-crash.test.ts',
  'test/hub/hub-worker-killed.test.ts',
];
const withoutFaults = process.env.DIFFO_FAULT_TESTS === 'off' ? faultFiles : [];

export default defineConfig({
  test: {
    pool: 'forks', // the Temporal worker's native core is happiest in its own process
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        // pure code: the files share one process per worker instead of a fresh one each (half the time)
        test: { name: 'unit', include: unitFolders, isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...unitFolders, ...withoutFaults],
          globalSetup: ['test/support/global-setup.ts'],
          // One file at a time: 2-core machines gain nothing from parallel files, and tests that
          // check "the graph is unchanged after a bad input" need no other writer meanwhile.
          fileParallelism: false,
        },
      },
    ],
  },
});

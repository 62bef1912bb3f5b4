import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC compiles the server's decorators with metadata (Nest's dependency injection needs it).
const decorators = swc.vite({
  module: { type: 'es6' },
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
  },
});

// CI proves that a failing test makes `npm test` exit non-zero by running, in place of the integration suite,
// a deliberately failing file through the same global setup (VITEST_EXIT_CODE_CHECK=1 npm test -- --project integration).
const exitCodeCheck = process.env.VITEST_EXIT_CODE_CHECK === '1';

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [decorators],
        test: {
          name: 'unit',
          include: ['src/**/*.spec.ts', 'client/src/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        plugins: [decorators],
        test: {
          name: 'integration',
          include: exitCodeCheck ? ['test/exit-code/*.fixture.ts'] : ['test/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          pool: 'forks',
          // Each worker imports the application once and runs its files one after the other: importing Nest,
          // TypeORM and BullMQ per file cost most of the suite's time. Files stay independent: each boots its
          // own application on its own database, and no test mocks a module.
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file gets its own database; two at a time suits a two-core machine.
          maxWorkers: 2,
          // Browser tests poll the page: give a loaded CI machine time before calling it a failure.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          // VITEST_SHUFFLE=1 runs each file's tests in a random order (seed printed, `--sequence.seed` replays
          // it): a test that only passes after another one shows up there.
          sequence: { groupOrder: 1, shuffle: { files: false, tests: process.env.VITEST_SHUFFLE === '1' } },
        },
      },
    ],
  },
});

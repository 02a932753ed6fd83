import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts so tests do not load the SvelteKit plugin: unit tests sit beside the
// source, browser tests drive the BUILT app (see test/browser/harness.ts).
//
// Two projects. Unit tests run in parallel. Each browser test file starts its own stack (API + the
// built web server as a child process + chromium) over its own temp database; several such stacks
// at once overload a 2-core CI runner that turbo already shares with other packages' tests, and
// the stacks then fail in setup. So browser files run one at a time (they share no data; this is
// about CPU, not isolation), after the unit tests (a different group, so the worker counts may differ).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          setupFiles: ['test/browser/failure-screenshots.ts'],
          // On CI only, a failed browser test runs once more: a one-off slow start on a loaded runner
          // should not fail the build, a real fault fails twice (docs/adr/0008-browser-tests-stay-on-vitest.md).
          retry: process.env.CI ? 1 : 0,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          // Generous on purpose: a loaded runner can take tens of seconds to start chromium and the
          // server. The waits themselves poll for readiness (harness.ts), so a fast machine is not slowed.
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});

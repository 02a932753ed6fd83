import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts so tests do not load the SvelteKit plugin: unit tests sit beside the
// source, browser tests drive the BUILT app (see test/browser/harness.ts).
//
// Two projects. Unit tests run in parallel. Each browser test file starts its own stack (API + the
// built web server as a child process + chromium) over its own temp database; they share no data.
// Browser files used to run one at a time because several stacks overloaded a 2-core runner. Now
// that turbo runs one task per core (not 10) and no test waits on real rate-limit sleeps, two at once
// fit: measured on the 2-core dev machine (load 3–5 from other work), `vitest run --project browser`
// took 68 s one file at a time and 41 s with two workers, all passing; more than two would again
// put more stacks than cores. Browser files run after the unit tests (a different group).
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
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          // Generous on purpose: a loaded runner can take tens of seconds to start chromium and the
          // server. The waits themselves poll for readiness (harness.ts), so a fast machine is not slowed.
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // The UI answers asynchronously (hydration, a fetch, a re-render): expect.poll's default of 1 s
          // was once too short on a loaded runner (a citation card's 'copied' status). Polls still
          // end as soon as their condition holds.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});

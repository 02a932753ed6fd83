import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts so tests do not load the SvelteKit plugin: unit tests sit beside the
// source, browser tests drive the BUILT app (see test/browser/harness.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/browser/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 90_000,
  },
});

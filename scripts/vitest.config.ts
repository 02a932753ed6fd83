import { defineConfig } from 'vitest/config';

// The commands' own tests: argument parsing, and the real entry points run as child processes.
// Every file has its own temporary databases and fixture servers, so files run in parallel; two
// workers (vitest's default on 2 cores is one) overlap files that mostly wait on their child
// processes (imports, signals, servers starting): one at a time they took 210 s under turbo.
export default defineConfig({
  test: {
    include: ['*.test.ts', 'ingest/**/*.test.ts', 'retag/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    maxWorkers: 2,
  },
});

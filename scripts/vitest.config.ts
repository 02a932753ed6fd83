import { defineConfig } from 'vitest/config';

// The commands' own tests: argument parsing, and the real entry points run as child processes.
export default defineConfig({
  test: { include: ['ingest/**/*.test.ts', 'retag/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 },
});

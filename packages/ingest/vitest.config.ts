import { defineConfig } from 'vitest/config';

// The integration tests run the engine against a real SQLite file and the fixture E-utilities server.
// Each file has its own, so files run in parallel: two workers (vitest's default on 2 cores is one).
export default defineConfig({
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000, maxWorkers: 2 },
});

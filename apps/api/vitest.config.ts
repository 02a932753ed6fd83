import { defineConfig } from 'vitest/config';

// Integration tests run the real ingestion command, which the NCBI rate limit (3 requests/s) paces
// unless the test passes EUTILS_REQUESTS_PER_SECOND for the loopback fixture server.
// Every file opens its own temporary SQLite file and fixture server, so files run in parallel; two
// workers (vitest's default on 2 cores is one) overlap the files that mostly wait on child processes.
export default defineConfig({
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000, maxWorkers: 2 },
});

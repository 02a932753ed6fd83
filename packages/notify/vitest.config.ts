import { defineConfig } from 'vitest/config';

// Tests run against a real SMTP server and a real HTTP server on 127.0.0.1, and a real SQLite file.
export default defineConfig({
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000, maxWorkers: 2 },
});

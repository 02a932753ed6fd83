import { defineConfig } from 'vitest/config';

// The integration tests run the engine against a real SQLite file and the fixture E-utilities server.
export default defineConfig({ test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 } });

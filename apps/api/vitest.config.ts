import { defineConfig } from 'vitest/config';

// Integration tests run the real ingestion command, which the NCBI rate limit (3 requests/s) paces.
export default defineConfig({ test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } });

import { defineConfig } from 'vitest/config';

// Files share no state (each starts its own fixture server; rate tests run on fake timers), so they
// run in parallel. Vitest's default on a 2-core machine is one worker (cores − 1); two let the two
// CPU-heavy parser files (stream, shared samples) overlap with each other and the loopback tests.
export default defineConfig({ test: { include: ['src/**/*.test.ts'], maxWorkers: 2 } });

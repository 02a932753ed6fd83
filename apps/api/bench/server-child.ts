// One server for the benchmark, in its own process so the load generator does not share its event loop:
// `api DB_PATH [OPTIONS_JSON]` serves the real app over a database (OPTIONS_JSON: createApp options
// such as {"readers":2,"readTimeoutMs":2000,"studyIndex":false}), `hello` a bare Hono hello-world.
import { serve } from '@hono/node-server';
import { openDatabase } from '@evidence/schema';
import { Hono } from 'hono';
import { createApp, type AppOptions } from '../src/app.ts';

const [mode, path, options] = process.argv.slice(2);
const fetchHandler =
  mode === 'api'
    ? createApp({ ...(JSON.parse(options ?? '{}') as Omit<AppOptions, 'database'>), database: openDatabase(path!, { migrate: false }) })
        .fetch
    : new Hono().get('/hello', (c) => c.text('Hello, world')).fetch;
serve({ fetch: fetchHandler, hostname: '127.0.0.1', port: 0 }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
});
// Exit normally on SIGTERM, so --cpu-prof can write its profile when profiling a run.
process.on('SIGTERM', () => process.exit(0));

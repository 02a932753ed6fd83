import { serve } from '@hono/node-server';
import { DatabaseRefused, openDatabase } from '@evidence/schema';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createApp } from './app.ts';
import { InvalidEnv, readApiEnv, readApiEnvOrExit } from './env.ts';

/** Appends each line to `path` (its folder created): request lines in a terminal session stay out of the way. */
function fileLog(path: string): (line: string) => void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, '');
  } catch (error) {
    throw new InvalidEnv(`LOG_FILE: cannot write '${path}' (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  // Synchronous appends keep lines whole and in order; one short line per request costs microseconds.
  return (line) => appendFileSync(path, line);
}

export function startApiServer(env = readApiEnv()) {
  // A read-only file at the current schema is served: reads work, writes answer 503 read_only.
  const database = openDatabase(env.DATABASE_URL, { allowReadOnly: true });
  const app = createApp({
    database,
    corsOrigins: env.CORS_ORIGINS,
    readToken: env.EVIDENCE_READ_TOKEN,
    editorToken: env.EVIDENCE_EDITOR_TOKEN,
    ...(env.METRICS_TOKEN ? { metricsToken: env.METRICS_TOKEN } : {}),
    logRequests: env.LOG_REQUESTS,
    ...(env.LOG_FILE ? { logLine: fileLog(env.LOG_FILE) } : {}),
    readers: env.API_READERS,
    readTimeoutMs: env.API_READ_TIMEOUT_MS,
    readQueuePerReader: env.API_READ_QUEUE,
    readQueueWaitMs: env.API_READ_QUEUE_WAIT_MS,
    ...(env.DIGEST_SECRET ? { digestSecret: env.DIGEST_SECRET } : {}),
  });
  return new Promise<{ url: string; close(): Promise<void> }>((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: env.API_HOST, port: env.API_PORT }, (info) => {
      resolve({
        url: `http://${env.API_HOST}:${info.port}`,
        close: () =>
          new Promise((done) =>
            server.close(() => {
              database.close();
              done();
            }),
          ),
      });
    });
  });
}

if (import.meta.main) {
  try {
    const { url } = await startApiServer(readApiEnvOrExit());
    console.log(`API listening on ${url}/api`);
  } catch (error) {
    if (!(error instanceof DatabaseRefused || error instanceof InvalidEnv)) throw error;
    console.error(`api: ${error.message}`);
    process.exitCode = 1;
  }
}

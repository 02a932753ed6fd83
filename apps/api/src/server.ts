import { serve } from '@hono/node-server';
import { openDatabase } from '@evidence/schema';
import { createApp } from './app.ts';
import { readApiEnv, readApiEnvOrExit } from './env.ts';

export function startApiServer(env = readApiEnv()) {
  const database = openDatabase(env.DATABASE_URL);
  const app = createApp({
    database,
    corsOrigins: env.CORS_ORIGINS,
    readToken: env.EVIDENCE_READ_TOKEN,
    editorToken: env.EVIDENCE_EDITOR_TOKEN,
    logRequests: env.LOG_REQUESTS,
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
  const { url } = await startApiServer(readApiEnvOrExit());
  console.log(`API listening on ${url}/api`);
}

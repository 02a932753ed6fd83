import { serve } from '@hono/node-server';
import { createTestDatabase } from '@evidence/schema/testing';
import { createApp, type AppOptions } from '../src/app.ts';

export interface RunningApi {
  url: string;
  db: ReturnType<typeof createTestDatabase>;
  close(): Promise<void>;
}

/** The real API on a free loopback port over its own migrated temporary SQLite file. */
export async function startApi(
  options: Omit<AppOptions, 'database'> & { seed?: (db: ReturnType<typeof createTestDatabase>) => void } = {},
): Promise<RunningApi> {
  const db = createTestDatabase();
  options.seed?.(db);
  const app = createApp({ ...options, database: db });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        db,
        close: () =>
          new Promise<void>((done) => {
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => {
              db.remove();
              done();
            });
          }),
      });
    });
  });
}

export async function getJson<T = any>(url: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as T, headers: res.headers };
}

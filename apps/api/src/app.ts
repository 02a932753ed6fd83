import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import type { AppEnv, AppServices } from './context.ts';
import { handleError, validationHook } from './errors.ts';
import { healthApp } from './routes/health.ts';
import { studiesApp } from './routes/studies/index.ts';
import { aggregatesApp } from './routes/aggregates/index.ts';
import { runsApp } from './routes/runs/index.ts';
import { vocabulariesApp } from './routes/vocabularies/index.ts';
import { docsApp } from './routes/docs/index.ts';
import { exportApp } from './routes/export/index.ts';
import { feedApp } from './routes/feed/index.ts';

export interface AppOptions extends Partial<Pick<AppServices, 'now'>> {
  database: AppServices['database'];
  corsOrigins?: string[];
}

/** Builds the API over an opened database; the server and the tests both call this. */
export function createApp(options: AppOptions) {
  const now = options.now ?? (() => new Date());
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use(requestId());
  app.use(async (c, next) => {
    c.set('database', options.database);
    c.set('now', now);
    await next();
  });
  if (options.corsOrigins?.length) app.use('/api/*', cors({ origin: options.corsOrigins }));
  app.onError(handleError);
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}`, requestId: c.get('requestId') } }, 404));

  const routes = app
    .route('/api/health', healthApp)
    .route('/api/studies', studiesApp)
    .route('/api', aggregatesApp)
    .route('/api', vocabulariesApp)
    .route('/api/runs', runsApp)
    .route('/api', exportApp)
    .route('/api', feedApp)
    .route('/api', docsApp);
  app.doc31('/api/openapi.json', { openapi: '3.1.0', info: { title: 'Evidence tracker API', version: '0.1.0' } });
  return routes;
}

/** The app's type, for `hono/client` in the dashboard. */
export type AppType = ReturnType<typeof createApp>;

import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { parseTokens, requireEditor, requireReader } from './auth.ts';
import type { AppEnv, AppServices } from './context.ts';
import { handleError, validationHook } from './errors.ts';
import { createDataGeneration } from './data-generation.ts';
import { createResponseCache } from './http-cache.ts';
import { createMetrics } from './metrics.ts';
import { createLogger, requestLog } from './request-log.ts';
import { aggregatesApp } from './routes/aggregates/index.ts';
import { claimsApp } from './routes/claims/index.ts';
import { curationApp } from './routes/curation/index.ts';
import { docsApp } from './routes/docs/index.ts';
import { exportApp } from './routes/export/index.ts';
import { feedApp } from './routes/feed/index.ts';
import { healthApp } from './routes/health.ts';
import { INDEX_LAG_HEADER } from './routes/index-lag.ts';
import { runsApp } from './routes/runs/index.ts';
import { studiesApp } from './routes/studies/index.ts';
import { subscriptionsApp, unsubscribeApp } from './routes/subscriptions/index.ts';
import { vocabulariesApp } from './routes/vocabularies/index.ts';
import { createReads } from './read-pool/reads.ts';
import { createStudyIndex, type StudyIndexOptions } from './study-index/index.ts';
import { apiIndex } from './routes/api-index.ts';

export interface AppOptions extends Partial<Pick<AppServices, 'now'>> {
  /** The key that signs the digests' unsubscribe links (DIGEST_SECRET); without it unsubscribe answers 503. */
  digestSecret?: string;
  database: AppServices['database'];
  corsOrigins?: string[];
  /** Bare token or "name:token,name:token"; reads need one when set (EVIDENCE_READ_TOKEN). */
  readToken?: string;
  /** Same form; curation writes need one (EVIDENCE_EDITOR_TOKEN). */
  editorToken?: string;
  /** A JSON line per request (default off here; the server turns them on unless LOG_REQUESTS=0; the benchmark leaves them off). Server errors are logged either way. */
  logRequests?: boolean;
  /** Where log lines go (default: stdout with request logs on, stderr with only errors to log). */
  logLine?: (line: string) => void;
  /** When set, GET /metrics needs `Authorization: Bearer <token>` (METRICS_TOKEN). */
  metricsToken?: string;
  /** The in-memory study index behind facets, matrix, timeline and list totals; false turns it off. */
  studyIndex?: StudyIndexOptions | false;
  /** Reader threads for uncached reads (API_READERS); default one per core; 0 reads on the HTTP thread. */
  readers?: number;
  /** A read running longer than this many ms is cancelled with a 503 query_too_expensive (API_READ_TIMEOUT_MS; default 2,000). */
  readTimeoutMs?: number;
  /** Uncached reads that may wait per reader thread before more are refused with 503 readers_busy (API_READ_QUEUE; default 32). */
  readQueuePerReader?: number;
  /** An uncached read that waited this many ms for a reader is refused with 503 readers_busy (API_READ_QUEUE_WAIT_MS; default 10,000). */
  readQueueWaitMs?: number;
}

const UNSUBSCRIBE_PATH = '/api/unsubscribe';

const API_INFO = { title: 'Evidence tracker API', version: '0.1.0' };

/** Builds the API over an opened database; the server and the tests both call this. */
export function createApp(options: AppOptions) {
  const now = options.now ?? (() => new Date());
  const auth = { readTokens: parseTokens(options.readToken, 'reader'), editorTokens: parseTokens(options.editorToken, 'editor') };
  const data = createDataGeneration(options.database);
  const metrics = createMetrics(options.database);
  const responseCache = createResponseCache(data, { onLookup: metrics.cacheLookup });
  const studyIndex = options.studyIndex === false ? null : createStudyIndex(options.database, data, options.studyIndex);
  studyIndex?.warm();
  const reads = createReads(options.database, {
    ...(options.readers !== undefined ? { readers: options.readers } : {}),
    ...(options.readTimeoutMs !== undefined ? { readTimeoutMs: options.readTimeoutMs } : {}),
    ...(options.readQueuePerReader !== undefined ? { queuePerReader: options.readQueuePerReader } : {}),
    ...(options.readQueueWaitMs !== undefined ? { maxWaitMs: options.readQueueWaitMs } : {}),
  });
  // Reader threads take about half a second each to load the query modules: start them now.
  reads.warm();
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  // First, so it times everything the others do, and sees the status each request ends with.
  app.use(metrics.middleware);
  app.use(requestId());
  // Browsers must never sniff a JSON body, feed or export into HTML (issue #12).
  // Set before the route runs, so every response made through the context carries it and the
  // response cache keeps it with the route's headers: setting it afterwards made Hono copy each
  // (cached) response into a new one, a third of a cache hit's time.
  app.use(async (c, next) => {
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
  });
  const everyRequest = options.logRequests ?? false;
  // Without request lines only errors are written: to stderr, where a terminal or journal shows them.
  const logger = createLogger(
    options.logLine ?? (everyRequest ? (line) => process.stdout.write(line) : (line) => process.stderr.write(line)),
  );
  app.use(requestLog(logger, { everyRequest }));
  app.use(async (c, next) => {
    c.set('database', options.database);
    c.set('now', now);
    c.set('studyIndex', studyIndex);
    c.set('reads', reads);
    c.set('digestSecret', options.digestSecret ?? null);
    await next();
  });
  if (options.corsOrigins?.length) {
    app.use(
      '/api/*',
      cors({
        origin: options.corsOrigins,
        allowHeaders: ['Authorization', 'Content-Type'],
        exposeHeaders: ['ETag', 'X-Request-Id', 'Content-Disposition', 'X-Result-Count', INDEX_LAG_HEADER],
      }),
    );
  }
  app.onError(handleError);
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}`, requestId: c.get('requestId') } }, 404),
  );

  // Health, the API description and its reference page hold no data: open even with a read token.
  const open = (path: string) =>
    path === '/api' ||
    path === '/api/' ||
    path === '/api/health' ||
    path === '/api/openapi.json' ||
    path === '/api/docs' ||
    // The signed token in the link is the permission: subscribers have no API token.
    path === UNSUBSCRIBE_PATH ||
    path.startsWith('/api/docs/');
  app.use('/api/*', async (c, next) => (open(c.req.path) ? next() : requireReader(auth)(c, next)));
  // Writes: an editor token, and the response cache learns that this process changed the data.
  const editor = requireEditor(auth);
  app.on(
    ['POST', 'PUT', 'PATCH', 'DELETE'],
    '/api/*',
    (c, next) => (c.req.path === UNSUBSCRIBE_PATH ? next() : editor(c, next)),
    async (_c, next) => {
      await next();
      data.markWrite();
    },
  );
  // Subscriptions hold e-mail addresses: reading them needs an editor token too, not just a reader's.
  app.use('/api/subscriptions', editor);
  app.use('/api/subscriptions/*', editor);
  // Health never goes through the cache: it is never kept (no-store), and the cache's generation
  // check reads the database, which would wait out the 10 s busy timeout on a locked one.
  app.use('/api/*', (c, next) => (c.req.path === '/api/health' ? next() : responseCache.middleware(c, next)));

  const routes = app
    .route('/api/health', healthApp)
    .route('/api/studies', studiesApp)
    .route('/api/studies', curationApp)
    .route('/api', aggregatesApp)
    .route('/api', vocabulariesApp)
    .route('/api/runs', runsApp)
    .route('/api/claims', claimsApp)
    .route('/api/subscriptions', subscriptionsApp)
    .route(UNSUBSCRIBE_PATH, unsubscribeApp)
    .route('/api', exportApp)
    .route('/api', feedApp)
    .route('/api', docsApp);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'EVIDENCE_EDITOR_TOKEN for writes; EVIDENCE_READ_TOKEN for reads when the server sets one.',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      ...API_INFO,
      description: 'Studies from PubMed on nervous-system-based care, tagged by outcome, design and sample size with evidence sentences.',
    },
  });
  // Outside /api: no reader token, no response cache; its own optional token (METRICS_TOKEN).
  app.get('/metrics', metrics.handler(options.metricsToken));
  app.get('/api', apiIndex(app, API_INFO));
  app.get('/api/', apiIndex(app, API_INFO));
  return routes;
}

/** The app's type, for `hono/client` in the dashboard. */
export type AppType = ReturnType<typeof createApp>;

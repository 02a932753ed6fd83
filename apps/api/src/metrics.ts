// GET /metrics: Prometheus text format via prom-client. Request counts and latency per route
// pattern, response-cache lookups, and what the database says at scrape time (ingestion runs,
// stored studies, each topic's last success, digest sends). Choices: docs/adr/0021-metrics-and-logs.md.
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { timingSafeEqual } from 'node:crypto';
import type { OpenedDatabase } from '@evidence/schema';
import type { AppEnv } from './context.ts';
import type { CacheLookup } from './http-cache.ts';
import { digestSendCounts, lastSuccessPerTopic, runCounts, storedStudies } from './queries/operations.ts';

/**
 * The route pattern that answered (`/api/studies/:pmid`), never the raw path: one series per route,
 * however many studies are asked for. Middleware (ALL, or a `/*` pattern) does not count;
 * a request no route matched is `unmatched`.
 */
function routeOf(c: Context): string {
  const route = matchedRoutes(c).findLast((r) => r.method !== 'ALL' && !r.path.endsWith('/*'));
  return route?.path ?? 'unmatched';
}

export interface Metrics {
  /** Times and counts every request; put before every other middleware. */
  middleware: MiddlewareHandler<AppEnv>;
  /** Counts response-cache lookups (http-cache.ts calls it). */
  cacheLookup(result: CacheLookup): void;
  /** The /metrics handler; with a token, only `Authorization: Bearer <token>` may read it. */
  handler(token?: string): (c: Context<AppEnv>) => Promise<Response>;
}

export function createMetrics(database: OpenedDatabase): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'evidence_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'evidence_http_request_duration_seconds',
    help: 'Time from a request arriving to its response being ready, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    // Cache hits take ~1 ms, uncached list pages tens of ms, reads are cancelled at 2 s by default.
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const cache = new Counter({
    name: 'evidence_response_cache_lookups_total',
    help: 'Response-cache lookups for GET/HEAD API reads: hit, shared (waited for the same answer being computed) or miss.',
    labelNames: ['result'] as const,
    registers: [registry],
  });

  const { sqlite } = database;
  new Gauge({
    name: 'evidence_ingestion_runs',
    help: 'Ingestion runs recorded in ingestion_runs, by kind (search, import, retag) and status.',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const row of runCounts(sqlite)) this.set({ kind: row.kind, status: row.status }, row.runs);
    },
  });
  new Gauge({
    name: 'evidence_studies_stored',
    help: 'Studies stored (not deleted).',
    registers: [registry],
    collect() {
      this.set(storedStudies(sqlite));
    },
  });
  new Gauge({
    name: 'evidence_topic_last_success_timestamp_seconds',
    help: "When each topic's newest successful ingestion run ended (Unix seconds); alert on time() minus this.",
    labelNames: ['topic'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const row of lastSuccessPerTopic(sqlite)) this.set({ topic: row.topic }, Date.parse(row.endedAt) / 1000);
    },
  });
  new Gauge({
    name: 'evidence_digest_sends',
    help: 'Digest e-mails recorded in digest_sends, by status (pending, sent, failed, assumed_sent: ADR 0019).',
    labelNames: ['status'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const row of digestSendCounts(sqlite)) this.set({ status: row.status }, row.sends);
    },
  });

  return {
    middleware: async (c, next) => {
      const started = performance.now();
      await next();
      const route = routeOf(c);
      requests.inc({ method: c.req.method, route, status: String(c.res.status) });
      latency.observe({ method: c.req.method, route }, (performance.now() - started) / 1000);
    },
    cacheLookup: (result) => cache.inc({ result }),
    handler: (token) => async (c) => {
      if (token && !bearerMatches(c.req.header('Authorization'), token)) {
        c.header('WWW-Authenticate', 'Bearer realm="metrics"');
        return c.text('metrics need Authorization: Bearer <METRICS_TOKEN>\n', 401);
      }
      c.header('Cache-Control', 'no-store');
      return c.body(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
    },
  };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

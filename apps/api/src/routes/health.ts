import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { readHealth } from '../queries/health.ts';

const studyIndexSchema = z.enum(['ready', 'stale', 'building', 'off']).openapi({
  description:
    'The in-memory index behind facets, matrix and totals: ready; stale (another process is writing: answers from it carry X-Index-Lag-Ms, at most 20 s behind, while it is rebuilt); building (SQLite answers meanwhile); or off (small database).',
});

const diskSchema = z
  .object({
    path: z.string().openapi({ description: "The database's folder (the WAL and backups' default folder live there too)." }),
    freeBytes: z.number().int().openapi({ description: 'Bytes this process may still write there (statfs bavail × bsize).' }),
    totalBytes: z.number().int(),
  })
  .nullable()
  .openapi({ description: "Space on the database's volume; null for an in-memory database or where the system cannot tell." });

const lastRunSchema = z.object({
  topic: z.string(),
  status: z.string().openapi({ example: 'succeeded', description: 'running, succeeded, failed or interrupted' }),
  endedAt: z.string().nullable(),
});

const healthySchema = z
  .object({
    status: z.literal('ok'),
    database: z.literal('ok'),
    studies: z.number().int(),
    lastRunAt: z.string().nullable().openapi({ description: 'When the newest ingestion run of any kind ended.' }),
    demoData: z.boolean().openapi({
      description:
        'The database holds synthetic fixture records (PMIDs from 90000000, titles starting "[Fixture]"): the dashboard marks every page as demo data.',
    }),
    studyIndex: studyIndexSchema,
    lastRuns: z.array(lastRunSchema).openapi({ description: "Each topic's newest ingestion run." }),
    disk: diskSchema,
  })
  .openapi('Health');

const unhealthySchema = z
  .object({
    status: z.literal('error'),
    database: z.literal('error'),
    reason: z.string().openapi({ example: 'database file /srv/tracker/data/evidence.db is missing' }),
    studies: z.null(),
    lastRunAt: z.null(),
    demoData: z.literal(false),
    studyIndex: studyIndexSchema,
    lastRuns: z.array(lastRunSchema).length(0),
    disk: diskSchema,
  })
  .openapi('HealthError');

const healthRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Liveness, database status, last run per topic and free disk space',
  tags: ['meta'],
  responses: {
    200: { description: 'The API is up and can read the database.', content: { 'application/json': { schema: healthySchema } } },
    503: {
      description: 'The database cannot be read (missing, corrupt, locked): the same fields, with status "error" and a one-line reason.',
      content: { 'application/json': { schema: unhealthySchema } },
    },
  },
});

export const healthApp = new OpenAPIHono<AppEnv>().openapi(healthRoute, (c) => {
  // Describes this moment, not the data: never kept by the response cache.
  c.header('Cache-Control', 'no-store');
  const health = readHealth(c.get('database'), c.get('studyIndex'));
  return health.status === 'ok' ? c.json(health, 200) : c.json(health, 503);
});

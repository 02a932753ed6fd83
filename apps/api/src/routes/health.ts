import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { hasDemoData } from '@evidence/schema';
import type { AppEnv } from '../context.ts';

const healthRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Liveness and database status',
  tags: ['meta'],
  responses: {
    200: {
      description: 'The API is up and can read the database.',
      content: {
        'application/json': {
          schema: z
            .object({
              status: z.literal('ok'),
              studies: z.number().int(),
              lastRunAt: z.string().nullable(),
              demoData: z.boolean().openapi({
                description:
                  'The database holds synthetic fixture records (PMIDs from 90000000, titles starting "[Fixture]"): the dashboard marks every page as demo data.',
              }),
              studyIndex: z.enum(['ready', 'stale', 'building', 'off']).openapi({
                description:
                  'The in-memory index behind facets, matrix and totals: ready; stale (another process is writing: answers from it carry X-Index-Lag-Ms, at most 20 s behind, while it is rebuilt); building (SQLite answers meanwhile); or off (small database).',
              }),
            })
            .openapi('Health'),
        },
      },
    },
  },
});

export const healthApp = new OpenAPIHono<AppEnv>().openapi(healthRoute, (c) => {
  const { sqlite } = c.get('database');
  const studies = sqlite.prepare('SELECT count(*) FROM studies WHERE deleted_at IS NULL').pluck().get() as number;
  const lastRunAt = (sqlite.prepare('SELECT max(ended_at) FROM ingestion_runs').pluck().get() as string | null) ?? null;
  const demoData = hasDemoData(sqlite);
  // Describes this moment, not the data: never kept by the response cache.
  c.header('Cache-Control', 'no-store');
  return c.json({ status: 'ok' as const, studies, lastRunAt, demoData, studyIndex: c.get('studyIndex')?.state() ?? 'off' }, 200);
});

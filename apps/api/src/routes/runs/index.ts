import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { topicIdSchema } from '@evidence/schema/vocabulary';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { NotFound } from '../../domain-errors.ts';
import { getRun, listRuns } from '../../queries/runs.ts';
import { errorResponses, notFoundResponse } from '../schemas.ts';

const runSchema = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    topic: z.string().nullable(),
    query: z.string().nullable(),
    window: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    durationMs: z.number().int().nullable(),
    status: z.string(),
    counts: z.record(z.string(), z.number().int()),
    requests: z.number().int(),
    retries: z.number().int(),
    error: z.string().nullable(),
    notes: z.array(z.string()),
  })
  .openapi('Run');

const listRunsRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'Ingestion history, newest first',
  tags: ['runs'],
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      before: z.coerce.number().int().min(1).optional().openapi({ description: 'nextBefore from the previous page.' }),
      topic: topicIdSchema.optional(),
    }),
  },
  responses: {
    200: {
      description: 'Runs.',
      content: { 'application/json': { schema: z.object({ items: z.array(runSchema), nextBefore: z.number().int().nullable() }) } },
    },
    ...errorResponses,
  },
});

const getRunRoute = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'One run and what it changed',
  tags: ['runs'],
  request: {
    params: z.object({
      id: z.coerce
        .number()
        .int()
        .min(1)
        .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
    }),
  },
  responses: {
    200: {
      description: 'The run with the studies it added and changed (first 500 of each).',
      content: {
        'application/json': {
          schema: runSchema
            .extend({
              added: z.array(z.object({ pmid: z.string(), title: z.string() })),
              changed: z.array(z.object({ pmid: z.string(), title: z.string(), fields: z.array(z.string()) })),
            })
            .openapi('RunDetail'),
        },
      },
    },
    ...errorResponses,
    ...notFoundResponse,
  },
});

export const runsApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listRunsRoute, (c) => c.json(listRuns(c.get('database'), c.req.valid('query')), 200))
  .openapi(getRunRoute, (c) => {
    const { id } = c.req.valid('param');
    const run = getRun(c.get('database'), id);
    if (!run) throw new NotFound(`No ingestion run ${id}`);
    return c.json(run, 200);
  });

import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../context.ts';
import { validationHook } from '../../errors.ts';
import { studyFilterObject, studyFilterSchema, withFilterChecks } from '../../filters/filter-schema.ts';
import { FINDING_DIRECTIONS } from '@evidence/schema/vocabulary';
import { answerBody } from '../index-lag.ts';
import { countSchema, indexLagHeaders, errorResponses, tooExpensiveResponse } from '../schemas.ts';

const facetsRoute = createRoute({
  method: 'get',
  path: '/facets',
  summary: 'Counts per facet under the filters',
  description:
    'Counts per topic, outcome, design, year, language and journal (top 50) under the same filters as GET /api/studies; studies per finding direction (with `outcome`: those outcomes’ findings) and per quality signal, as in effect (a curator’s correction wins).',
  tags: ['aggregates'],
  request: { query: studyFilterSchema },
  responses: {
    200: {
      description: 'Facet counts.',
      headers: indexLagHeaders,
      content: {
        'application/json': {
          schema: z
            .object({
              total: z.number().int(),
              topic: z.array(countSchema),
              outcome: z.array(countSchema),
              design: z.array(countSchema),
              year: z.array(countSchema),
              language: z.array(countSchema),
              journal: z.array(countSchema),
              retracted: z.number().int(),
              reviewed: z.number().int(),
              direction: z
                .array(countSchema)
                .openapi({ description: 'Studies with a finding of each direction (a study counts once per direction).' }),
              quality: z
                .object({
                  randomised: z.number().int(),
                  blinded: z.number().int(),
                  shamOrPlacebo: z.number().int(),
                  activeComparator: z.number().int(),
                  registered: z.number().int(),
                })
                .openapi({ description: 'Studies for which each quality signal is yes.' }),
            })
            .openapi('Facets'),
        },
      },
    },
    ...errorResponses,
    ...tooExpensiveResponse,
  },
});

const matrixRoute = createRoute({
  method: 'get',
  path: '/matrix',
  summary: 'Topic × outcome evidence map',
  description:
    'Per topic and outcome: the number of studies, split by design and by the direction of their finding for that outcome, and the newest publication date, under the filters.',
  tags: ['aggregates'],
  request: { query: studyFilterSchema },
  responses: {
    200: {
      description: 'The cells that have at least one study.',
      headers: indexLagHeaders,
      content: {
        'application/json': {
          schema: z
            .object({
              designs: z.array(z.string()),
              directions: z.array(z.enum(FINDING_DIRECTIONS)).openapi({ description: 'The finding directions, in order.' }),
              cells: z.array(
                z.object({
                  topic: z.string(),
                  outcome: z.string(),
                  total: z.number().int(),
                  byDesign: z.record(z.string(), z.number().int()),
                  byDirection: z.record(z.string(), z.number().int()).openapi({
                    description: 'Studies per direction of their finding for this outcome (studies without one are not counted).',
                  }),
                  newest: z.string().nullable(),
                }),
              ),
            })
            .openapi('EvidenceMatrix'),
        },
      },
    },
    ...errorResponses,
    ...tooExpensiveResponse,
  },
});

const timelineRoute = createRoute({
  method: 'get',
  path: '/timeline',
  summary: 'Studies per year or month per topic',
  tags: ['aggregates'],
  request: { query: withFilterChecks(studyFilterObject.extend({ interval: z.enum(['year', 'month']).default('year') })) },
  responses: {
    200: {
      description: 'Counts per period and topic.',
      headers: indexLagHeaders,
      content: {
        'application/json': {
          schema: z
            .object({
              interval: z.enum(['year', 'month']),
              points: z.array(z.object({ topic: z.string(), period: z.string(), count: z.number().int() })),
            })
            .openapi('Timeline'),
        },
      },
    },
    ...errorResponses,
    ...tooExpensiveResponse,
  },
});

export const aggregatesApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(facetsRoute, async (c) =>
    c.json(answerBody(c, await c.get('reads').facets(c.req.valid('query'), c.get('studyIndex'), c.req.raw.signal)), 200),
  )
  .openapi(matrixRoute, async (c) =>
    c.json(answerBody(c, await c.get('reads').matrix(c.req.valid('query'), c.get('studyIndex'), c.req.raw.signal)), 200),
  )
  .openapi(timelineRoute, async (c) => {
    const { interval, ...filter } = c.req.valid('query');
    return c.json(answerBody(c, await c.get('reads').timeline(filter, interval, c.get('studyIndex'), c.req.raw.signal)), 200);
  });

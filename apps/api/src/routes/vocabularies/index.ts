import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../context.ts';
import { listDesigns, listOutcomes, listTopics } from '../../queries/vocabularies.ts';

const termSchema = z.object({
  id: z.string(),
  label: z.string(),
  definition: z.string(),
  labelNl: z.string().openapi({ description: 'The label in Dutch.' }),
  definitionNl: z.string().openapi({ description: 'The definition in Dutch.' }),
});

const topicsRoute = createRoute({
  method: 'get',
  path: '/topics',
  summary: 'Saved topics and their last run',
  tags: ['vocabularies'],
  responses: {
    200: {
      description: 'Every saved topic query.',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(
              z
                .object({
                  id: z.string(),
                  label: z.string(),
                  description: z.string(),
                  labelNl: z.string().nullable().openapi({ description: 'Dutch label (topics.json label_nl), or null.' }),
                  descriptionNl: z.string().nullable().openapi({ description: 'Dutch description (topics.json description_nl), or null.' }),
                  query: z.string(),
                  synonyms: z.array(z.string()),
                  mesh: z.array(z.string()),
                  studies: z.number().int(),
                  lastWindowEnd: z.string().nullable(),
                  lastRunAt: z.string().nullable(),
                  lastRunStatus: z.string().nullable(),
                })
                .openapi('Topic'),
            ),
          }),
        },
      },
    },
  },
});
const outcomesRoute = createRoute({
  method: 'get',
  path: '/outcomes',
  summary: 'Outcome vocabulary',
  tags: ['vocabularies'],
  responses: {
    200: {
      description: 'Outcome ids, labels and definitions.',
      content: { 'application/json': { schema: z.object({ items: z.array(termSchema.openapi('Outcome')) }) } },
    },
  },
});
const designsRoute = createRoute({
  method: 'get',
  path: '/designs',
  summary: 'Study design vocabulary',
  tags: ['vocabularies'],
  responses: {
    200: {
      description: 'Design ids, labels and definitions.',
      content: { 'application/json': { schema: z.object({ items: z.array(termSchema.openapi('Design')) }) } },
    },
  },
});

export const vocabulariesApp = new OpenAPIHono<AppEnv>()
  .openapi(topicsRoute, (c) => c.json({ items: listTopics(c.get('database')) }, 200))
  .openapi(outcomesRoute, (c) => c.json({ items: listOutcomes() }, 200))
  .openapi(designsRoute, (c) => c.json({ items: listDesigns() }, 200));

import { createRoute, z } from '@hono/zod-openapi';
import { topicIdSchema } from '@evidence/schema/vocabulary';
import { errorSchema } from '../../errors.ts';

/** A query parameter that may repeat (?topic=a&topic=b) arrives as a string or an array. */
const repeated = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]), z.array(item).optional());

export const studyListItemSchema = z
  .object({
    pmid: z.string().openapi({ example: '90000001' }),
    title: z.string(),
    titleMarkup: z.string().openapi({ description: 'Title with only <i>, <b>, <sup>, <sub>, <u> tags; all else escaped.' }),
    authorsShort: z.string().nullable(),
    journal: z.string().nullable(),
    journalIso: z.string().nullable(),
    year: z.number().int().nullable(),
    pubDate: z.string().nullable().openapi({ description: 'YYYY, YYYY-MM or YYYY-MM-DD, as precise as the record.' }),
    doi: z.string().nullable(),
    pmcId: z.string().nullable(),
    retracted: z.boolean(),
    topics: z.array(z.string()),
    firstSeenAt: z.string(),
    links: z.object({ pubmed: z.string(), doi: z.string().nullable(), pmc: z.string().nullable() }),
  })
  .openapi('StudyListItem');

export const listStudiesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(25).openapi({ description: 'Page size (1–200).' }),
  cursor: z.string().max(500).optional().openapi({ description: 'nextCursor from the previous page.' }),
  sort: z.enum(['published', 'added']).default('published'),
  topic: repeated(topicIdSchema).openapi({ description: 'Topic id; repeat for several (any of them).' }),
});

export const listStudiesRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'List studies',
  tags: ['studies'],
  request: { query: listStudiesQuerySchema },
  responses: {
    200: {
      description: 'One page of studies and the total under the filter.',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(studyListItemSchema), total: z.number().int(), nextCursor: z.string().nullable() }),
        },
      },
    },
    400: { description: 'A parameter is invalid.', content: { 'application/json': { schema: errorSchema } } },
  },
});

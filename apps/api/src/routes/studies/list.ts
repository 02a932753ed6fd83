import { createRoute, z } from '@hono/zod-openapi';
import { studyFilterObject, withFilterChecks } from '../../filters/filter-schema.ts';
import { errorResponses, indexLagHeaders, tooExpensiveResponse, studyListItemSchema } from '../schemas.ts';

const listStudiesQuerySchema = withFilterChecks(
  studyFilterObject.extend({
    limit: z.coerce.number().int().min(1).max(200).default(25).openapi({ description: 'Page size (1–200).' }),
    cursor: z.string().max(500).optional().openapi({ description: 'nextCursor from the previous page.' }),
    sort: z.enum(['relevance', 'published', 'added']).optional().openapi({ description: 'Default: relevance with q, else published.' }),
  }),
);

export const listStudiesRoute = createRoute({
  method: 'get',
  path: '/',
  summary: 'List and search studies',
  description:
    'Filtered, sorted, cursor-paginated studies with the total under the filter; with `q`, full-text search ranked by relevance with highlighted snippets.',
  tags: ['studies'],
  request: { query: listStudiesQuerySchema },
  responses: {
    200: {
      description: 'One page of studies and the total under the filter.',
      headers: indexLagHeaders,
      content: {
        'application/json': {
          schema: z
            .object({
              items: z.array(studyListItemSchema),
              total: z.number().int(),
              sort: z.string(),
              nextCursor: z.string().nullable(),
              query: z
                .object({
                  interpreted: z
                    .string()
                    .openapi({ description: 'How `q` was read, in PubMed notation.', example: '"COVID-19" AND Smolen JS[au]' }),
                  note: z.string().nullable().openapi({
                    description: 'Why `q` was not read as written, or null.',
                    example: 'unbalanced quote: searched as plain words',
                  }),
                })
                .optional()
                .openapi({ description: 'With `q`: how the search was read.' }),
            })
            .openapi('StudyPage'),
        },
      },
    },
    ...errorResponses,
    ...tooExpensiveResponse,
  },
});

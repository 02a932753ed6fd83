import { createRoute, z } from '@hono/zod-openapi';
import { studyFilterObject, withFilterChecks } from '../../filters/filter-schema.ts';
import { STUDY_SORTS } from '../../queries/list-studies.ts';
import { type SearchNote, TAG_VALUE_KINDS, UNREADABLE_REASONS } from '../../filters/search-query.ts';
import { errorResponses, indexLagHeaders, tooExpensiveResponse, studyListItemSchema } from '../schemas.ts';

const listStudiesQuerySchema = withFilterChecks(
  studyFilterObject.extend({
    limit: z.coerce.number().int().min(1).max(200).default(25).openapi({ description: 'Page size (1–200).' }),
    cursor: z.string().max(500).optional().openapi({ description: 'nextCursor from the previous page.' }),
    sort: z.enum(STUDY_SORTS).optional().openapi({
      description:
        'relevance (needs q), published (newest first), added (newest in the tracker first), sample_size (largest first, unstated last) or design (strongest design first — meta-analysis, systematic review, RCT, … — newest first within one). Default: relevance with q, else published.',
    }),
  }),
);

/** search-query.ts's SearchNote as the API documents it (the assignment below keeps the two equal). */
const searchNoteSchema = z
  .discriminatedUnion('code', [
    z.object({ code: z.literal('unreadable'), reason: z.enum(UNREADABLE_REASONS), operator: z.string().nullable() }),
    z.object({ code: z.literal('not_a_value'), text: z.string(), expected: z.enum(TAG_VALUE_KINDS) }),
    z.object({ code: z.literal('unknown_field'), field: z.string() }),
    z.object({ code: z.literal('no_letters'), text: z.string() }),
    z.object({ code: z.literal('tag_without_term'), field: z.string() }),
    z.object({ code: z.literal('condition_needs_and'), text: z.string() }),
  ])
  .openapi('SearchNote');
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const searchNoteSchemaMatches: Same<z.infer<typeof searchNoteSchema>, SearchNote> = true;
void searchNoteSchemaMatches;

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
                    description: 'Why `q` was not read as written, in English, or null.',
                    example: 'unbalanced quote: searched as plain words',
                  }),
                  notes: z.array(searchNoteSchema).openapi({
                    description: 'The same reasons one by one, with their values, for clients that word them in their own language.',
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

import { z } from '@hono/zod-openapi';
import { FINDING_DIRECTIONS } from '@evidence/schema/vocabulary';
import { errorSchema } from '../errors.ts';

/** Response schemas shared by several routes. */
export const studyListItemSchema = z
  .object({
    pmid: z.string().openapi({ example: '90000001' }),
    title: z.string(),
    titleMarkup: z.string().openapi({ description: 'Title with only <i>, <b>, <sup>, <sub>, <u> tags; all else escaped.' }),
    authorsShort: z.string().nullable().openapi({ example: 'Example A, Sample BM' }),
    journal: z.string().nullable(),
    journalIso: z.string().nullable(),
    volume: z.string().nullable(),
    issue: z.string().nullable(),
    pages: z.string().nullable(),
    year: z.number().int().nullable(),
    pubDate: z.string().nullable().openapi({ description: 'YYYY, YYYY-MM or YYYY-MM-DD, as precise as the record.' }),
    doi: z.string().nullable(),
    pmcId: z.string().nullable(),
    design: z.string().nullable().openapi({ description: 'Effective design id (a curator’s decision, else the rules’).' }),
    sampleSize: z.number().int().nullable(),
    outcomes: z.array(z.string()).openapi({ description: 'Effective outcome ids.' }),
    findings: z.record(z.string(), z.enum(FINDING_DIRECTIONS)).openapi({
      description: 'Per effective outcome with a stored finding: the direction in effect (a curator’s, else the rules’).',
      example: { anxiety: 'improved' },
    }),
    topics: z.array(z.string()),
    retracted: z.boolean(),
    erratum: z.boolean(),
    expressionOfConcern: z.boolean(),
    firstSeenAt: z.string(),
    links: z.object({ pubmed: z.string(), doi: z.string().nullable(), pmc: z.string().nullable() }),
    snippet: z.string().nullable().optional().openapi({
      description:
        'With a full-text q: abstract excerpt around the matches, HTML-escaped, matches in <mark>. Otherwise (on the studies list): the abstract’s conclusions, or its opening, cut to about two lines, HTML-escaped.',
    }),
    titleHighlight: z.string().optional().openapi({ description: 'With q: title, HTML-escaped, matches in <mark>.' }),
  })
  .openapi('StudyListItem');

export const countSchema = z.object({ value: z.string(), count: z.number().int() });

/** A JSON response of an OpenAPI route: its schema and what it means. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** Routes that need a token (the editor's for writes) say so in the OpenAPI document. */
export const bearerSecurity = [{ bearer: [] }];

/** A numeric `{id}` path parameter (claims, subscriptions). */
export const idPathParam = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

export const errorResponses = {
  400: { description: 'A parameter is invalid; the body names it.', content: { 'application/json': { schema: errorSchema } } },
  401: { description: 'A bearer token is required.', content: { 'application/json': { schema: errorSchema } } },
} as const;

/** For writes: another writer (an ingestion batch) held the database longer than the busy timeout. */
export const busyResponse = {
  503: {
    description: 'The database is busy with another write; nothing was changed. Retry after the Retry-After seconds.',
    content: { 'application/json': { schema: errorSchema } },
  },
} as const;

/** For reads: the query ran past its time budget (API_READ_TIMEOUT_MS) and was cancelled. */
/** On answers from a study index that lags an ongoing import (ADR 0012). */
export const indexLagHeaders = {
  'X-Index-Lag-Ms': {
    description:
      'Present when the counts come from the study index while another process is importing: the answer may miss writes committed in the last that-many milliseconds (at most 20,000). Such answers are sent Cache-Control: no-store.',
    schema: { type: 'integer' },
  },
} as const;

export const tooExpensiveResponse = {
  503: {
    description:
      'query_too_expensive: the read ran longer than its time budget and was cancelled; or readers_busy: every reader was busy and the queue full, or the read waited its bound for one. Narrow the query or retry after the Retry-After seconds.',
    headers: { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } },
    content: { 'application/json': { schema: errorSchema } },
  },
} as const;

export const notFoundResponse = { 404: { description: 'Not found.', content: { 'application/json': { schema: errorSchema } } } } as const;

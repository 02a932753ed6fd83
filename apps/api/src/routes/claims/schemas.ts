import { createRoute, z } from '@hono/zod-openapi';
import { FINDING_DIRECTIONS, outcomeIdSchema, topicIdSchema } from '@evidence/schema/vocabulary';
import { EXPORT_FORMATS } from '../../citations/format-names.ts';
import { errorSchema } from '../../errors.ts';
import { EVIDENCE_LEVELS, SHOWN_PER_LEVEL } from '../../queries/claims.ts';
import {
  bearerSecurity,
  busyResponse,
  errorResponses,
  idPathParam,
  jsonResponse,
  notFoundResponse,
  studyListItemSchema,
} from '../schemas.ts';

const language = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'expected a language tag such as nl or en');
const claimInputSchema = z
  .object({
    statement: z.string().trim().min(3).max(2000),
    language: language.default('nl'),
    translations: z
      .array(z.object({ language, statement: z.string().trim().min(3).max(2000) }))
      .max(10)
      .default([]),
    topics: z.array(topicIdSchema).min(1).max(20),
    outcomes: z.array(outcomeIdSchema).min(1).max(14),
    keywords: z.array(z.string().trim().min(2).max(100)).max(20).default([]),
    owner: z.string().trim().min(1).max(100),
    status: z.enum(['draft', 'published', 'retired']).default('draft'),
  })
  .openapi('ClaimInput');
const claimPatchSchema = claimInputSchema.partial().openapi('ClaimPatch');

const stateSchema = z
  .object({
    needsReview: z.boolean(),
    newSinceReview: z.number().int().openapi({ description: 'Matching studies first seen after the last review.' }),
    warnings: z.array(z.object({ pmid: z.string(), kind: z.enum(['retracted', 'erratum', 'expression_of_concern']), title: z.string() })),
    newerReview: z.object({ pmid: z.string(), title: z.string(), pubDate: z.string().nullable() }).nullable().openapi({
      description: 'A systematic review or meta-analysis newer than every pinned study, while the claim cites primary studies.',
    }),
    pinned: z.number().int(),
  })
  .openapi('ClaimState');

const claimBase = z.object({
  id: z.number().int(),
  statement: z.string(),
  language: z.string(),
  translations: z.array(z.object({ language: z.string(), statement: z.string() })),
  topics: z.array(z.string()),
  outcomes: z.array(z.string()),
  keywords: z.array(z.string()),
  owner: z.string(),
  status: z.string(),
  lastReviewedAt: z.string().nullable(),
  lastReviewedBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  state: stateSchema,
});

/** Matching studies that are not retracted, by design; clients word the summary from these in their own language. */
const evidenceCountsSchema = z
  .object({
    meta: z.number().int().openapi({ description: 'Meta-analyses.' }),
    systematic: z.number().int().openapi({ description: 'Systematic reviews (without meta-analysis).' }),
    rct: z.number().int().openapi({ description: 'Randomised controlled trials.' }),
    rctN: z.number().int().openapi({ description: 'Participants across those RCTs (stated sample sizes).' }),
    other: z.number().int().openapi({ description: 'Every other design, or none recognised.' }),
    newest: z
      .string()
      .nullable()
      .openapi({ description: 'Publication date of the newest, as precise as the record: YYYY, YYYY-MM or YYYY-MM-DD.' }),
    total: z.number().int(),
  })
  .openapi('EvidenceCounts');

const splitSchema = z.object(
  Object.fromEntries(FINDING_DIRECTIONS.map((d) => [d, z.number().int()])) as Record<(typeof FINDING_DIRECTIONS)[number], z.ZodNumber>,
);

/** How the matching evidence splits by the direction of its finding (issue #14 item 6). */
const claimMeterSchema = z
  .object({
    stance: z
      .literal('improved')
      .openapi({ description: 'What the claim states: its outcomes improve (claims carry no stance of their own).' }),
    all: splitSchema.openapi({
      description:
        'Matching studies that are not retracted, per direction of their finding for the claim’s outcomes (one per study: the first of the claim’s outcomes that reports one; a curator’s correction wins). Studies without a finding are not counted.',
    }),
    reviews: splitSchema.openapi({ description: 'Meta-analyses and systematic reviews.' }),
    rcts: splitSchema.openapi({ description: 'Randomised controlled trials.' }),
    other: splitSchema.openapi({ description: 'Every other design.' }),
    sham: splitSchema.openapi({ description: 'Sham- or placebo-controlled studies.' }),
    registered: splitSchema.openapi({ description: 'Registered studies.' }),
    newestReview: z
      .object({ pmid: z.string(), direction: z.enum(FINDING_DIRECTIONS), pubDate: z.string().nullable() })
      .nullable()
      .openapi({ description: 'The newest meta-analysis or systematic review with a reported finding.' }),
    warnings: z.array(z.enum(['newest_review_against', 'most_rcts_against'])).openapi({
      description: 'The newest review, or more than half of the RCTs with a reported finding, found no difference or a worsening.',
    }),
  })
  .openapi('ClaimMeter');

const claimSummarySchema = claimBase
  .extend({
    summary: z
      .string()
      .openapi({ description: 'The evidence counts as one English line, e.g. "2 meta-analyses, 9 RCTs (n = 612); newest 2026-10".' }),
    counts: evidenceCountsSchema,
    meter: claimMeterSchema,
  })
  .openapi('ClaimSummary');

const LEVEL_KEYS = EVIDENCE_LEVELS.map((l) => l.key) as [
  (typeof EVIDENCE_LEVELS)[number]['key'],
  ...(typeof EVIDENCE_LEVELS)[number]['key'][],
];
const pinSchema = z.object({ stance: z.string(), note: z.string().nullable(), pinnedBy: z.string(), pinnedAt: z.string() });
const claimDetailSchema = claimBase
  .extend({
    summary: evidenceCountsSchema.extend({ line: z.string().openapi({ description: 'The counts as one English line.' }) }),
    meter: claimMeterSchema,
    total: z.number().int(),
    levels: z
      .array(
        z.object({
          key: z.enum(LEVEL_KEYS),
          level: z.number().int(),
          total: z.number().int().openapi({ description: 'Studies of this level (matching or pinned).' }),
          shown: z.number().int().openapi({ description: 'How many of them `studies` holds (show_<key> asks for more).' }),
        }),
      )
      .openapi({ description: 'The evidence levels in order (reviews, RCTs, other), each with how many studies it has and shows.' }),
    pins: z
      .array(
        studyListItemSchema.extend(pinSchema.shape).extend({
          number: z.number().int().openapi({ description: 'The pin’s number in the reference list, [1] first.' }),
        }),
      )
      .openapi({ description: 'The pinned studies as the claim’s reference list, in the order the writer put them.' }),
    studies: z.array(
      studyListItemSchema.extend({
        level: z.number().int().openapi({ description: '1 = meta-analysis or systematic review, 2 = RCT, 3 = other.' }),
        finding: z
          .string()
          .nullable()
          .openapi({ description: 'The sentence that concerns the claim’s outcomes, from Conclusions or Results.' }),
        direction: z
          .enum(FINDING_DIRECTIONS)
          .nullable()
          .openapi({ description: 'The study’s finding for the claim’s outcomes (as counted in `meter`); null: none stored.' }),
        pin: pinSchema.extend({ number: z.number().int().openapi({ description: 'Its number in the reference list.' }) }).nullable(),
      }),
    ),
  })
  .openapi('ClaimDetail');

const claimCardSchema = z
  .object({
    pmid: z.string(),
    number: z.number().int().openapi({ description: 'The pin’s number in the claim’s reference list.' }),
    stance: z.string(),
    finding: z.string().nullable(),
    design: z.string().nullable(),
    sampleSize: z.number().int().nullable(),
    year: z.number().int().nullable(),
    doi: z.string().nullable(),
    reference: z.object({ style: z.enum(['apa', 'vancouver']), text: z.string(), html: z.string() }),
    retracted: z.boolean(),
    erratum: z.boolean(),
    expressionOfConcern: z.boolean(),
    checkedAt: z.string().openapi({ description: 'When the retraction status was read: at the moment the card was requested.' }),
    text: z.string().openapi({ description: 'The whole card as paste-ready plain text.' }),
  })
  .openapi('CitationCard');

const pinParams = idPathParam.extend({
  pmid: z
    .string()
    .regex(/^\d{1,9}$/, 'expected a PMID (digits)')
    .openapi({ param: { name: 'pmid', in: 'path' } }),
});
const shownParam = z.coerce
  .number()
  .int()
  .min(1)
  .max(5000)
  .optional()
  .openapi({ description: `How many studies of this level to return (default ${SHOWN_PER_LEVEL}).` });
const writeErrors = {
  ...errorResponses,
  403: jsonResponse(errorSchema, 'The token may not make changes.'),
  ...notFoundResponse,
  ...busyResponse,
} as const;

export const routes = {
  list: createRoute({
    method: 'get',
    path: '/',
    summary: 'Claims with their status',
    tags: ['claims'],
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(claimSummarySchema) }),
        'Every claim, with needs-review, warnings and newer-review state.',
      ),
      ...errorResponses,
    },
  }),
  create: createRoute({
    method: 'post',
    path: '/',
    summary: 'Create a claim',
    tags: ['claims'],
    security: bearerSecurity,
    request: { body: { required: true, content: { 'application/json': { schema: claimInputSchema } } } },
    responses: { 201: jsonResponse(claimDetailSchema, 'The new claim with its evidence.'), ...writeErrors },
  }),
  get: createRoute({
    method: 'get',
    path: '/{id}',
    summary: 'A claim with its ranked evidence',
    tags: ['claims'],
    description: `Matching studies ranked by evidence strength (meta-analyses and systematic reviews, then RCTs, then the rest; within a level by sample size and recency), with the summary line and each study’s finding sentence. Each level shows its first ${SHOWN_PER_LEVEL} studies unless show_reviews, show_rcts or show_other asks for more; \`levels\` says how many each has.`,
    request: {
      params: idPathParam,
      query: z.object(
        Object.fromEntries(LEVEL_KEYS.map((key) => [`show_${key}`, shownParam])) as Record<
          `show_${(typeof LEVEL_KEYS)[number]}`,
          typeof shownParam
        >,
      ),
    },
    responses: { 200: jsonResponse(claimDetailSchema, 'The claim.'), ...errorResponses, ...notFoundResponse },
  }),
  update: createRoute({
    method: 'patch',
    path: '/{id}',
    summary: 'Edit a claim',
    tags: ['claims'],
    security: bearerSecurity,
    request: { params: idPathParam, body: { required: true, content: { 'application/json': { schema: claimPatchSchema } } } },
    responses: { 200: jsonResponse(claimDetailSchema, 'The claim after the change.'), ...writeErrors },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/{id}',
    summary: 'Delete a claim',
    tags: ['claims'],
    security: bearerSecurity,
    request: { params: idPathParam },
    responses: { 200: jsonResponse(z.object({ deleted: z.number().int() }), 'Deleted.'), ...writeErrors },
  }),
  review: createRoute({
    method: 'post',
    path: '/{id}/review',
    summary: 'Mark the claim’s evidence as reviewed now',
    tags: ['claims'],
    security: bearerSecurity,
    request: { params: idPathParam },
    responses: { 200: jsonResponse(claimDetailSchema, 'The claim; needs-review is cleared.'), ...writeErrors },
  }),
  pin: createRoute({
    method: 'put',
    path: '/{id}/pins/{pmid}',
    summary: 'Pin a study to a claim',
    tags: ['claims'],
    security: bearerSecurity,
    request: {
      params: pinParams,
      body: {
        required: true,
        content: {
          'application/json': {
            schema: z.object({
              stance: z.enum(['supporting', 'contradicting', 'background']),
              note: z.string().trim().max(2000).optional(),
            }),
          },
        },
      },
    },
    responses: { 200: jsonResponse(claimDetailSchema, 'The claim with the pin.'), ...writeErrors },
  }),
  unpin: createRoute({
    method: 'delete',
    path: '/{id}/pins/{pmid}',
    summary: 'Unpin a study',
    tags: ['claims'],
    security: bearerSecurity,
    request: { params: pinParams },
    responses: { 200: jsonResponse(claimDetailSchema, 'The claim without the pin.'), ...writeErrors },
  }),
  move: createRoute({
    method: 'put',
    path: '/{id}/pins/{pmid}/position',
    summary: 'Move a pinned study in the reference list',
    tags: ['claims'],
    security: bearerSecurity,
    description: 'Puts the pin at `position` (1 = first; beyond the end = last); the other pins keep their order and are numbered again.',
    request: {
      params: pinParams,
      body: { required: true, content: { 'application/json': { schema: z.object({ position: z.number().int().min(1).max(10_000) }) } } },
    },
    responses: { 200: jsonResponse(claimDetailSchema, 'The claim with the reference list in its new order.'), ...writeErrors },
  }),
  card: createRoute({
    method: 'get',
    path: '/{id}/pins/{pmid}/card',
    summary: 'A paste-ready citation card for a pinned study',
    tags: ['claims'],
    description:
      'The finding sentence, design, sample size, year and an APA or Vancouver reference with DOI; the retraction status is read at request time.',
    request: { params: pinParams, query: z.object({ style: z.enum(['apa', 'vancouver']).default('vancouver') }) },
    responses: { 200: jsonResponse(claimCardSchema, 'The card.'), ...errorResponses, ...notFoundResponse },
  }),
  references: createRoute({
    method: 'get',
    path: '/{id}/references',
    summary: 'The claim’s pinned studies, or all its matching studies, as a reference list',
    tags: ['claims'],
    description:
      'set=pins (default): the pinned studies in the writer’s order (Vancouver numbers them [1], [2], … in that order). set=matching: every matching study (or one level of them) in the claim page’s order, refused above the export caps. Vancouver (default), APA, RIS, BibTeX, CSL-JSON or CSV; the text and HTML lists open with a heading in the claim’s language. Retracted studies are flagged in every format.',
    request: {
      params: idPathParam,
      query: z.object({
        format: z.enum(EXPORT_FORMATS).default('vancouver'),
        style_output: z.enum(['text', 'html']).default('text'),
        set: z.enum(['pins', 'matching']).default('pins'),
        level: z.enum(LEVEL_KEYS).optional().openapi({ description: 'With set=matching: only this level’s studies.' }),
      }),
    },
    responses: {
      200: {
        description: 'The reference list.',
        content: {
          'text/plain': { schema: z.string() },
          'text/html': { schema: z.string() },
          'application/x-research-info-systems': { schema: z.string() },
          'application/x-bibtex': { schema: z.string() },
          'application/vnd.citationstyles.csl+json': { schema: z.string() },
          'text/csv': { schema: z.string() },
        },
      },
      ...errorResponses,
      ...notFoundResponse,
    },
  }),
  feed: createRoute({
    method: 'get',
    path: '/{id}/feed.atom',
    summary: 'Atom feed of the claim’s newly found studies',
    tags: ['claims'],
    request: { params: idPathParam },
    responses: {
      200: { description: 'Atom 1.0.', content: { 'application/atom+xml': { schema: z.string() } } },
      ...errorResponses,
      ...notFoundResponse,
    },
  }),
};

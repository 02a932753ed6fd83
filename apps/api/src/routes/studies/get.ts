import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, tooExpensiveResponse, notFoundResponse, studyListItemSchema } from '../schemas.ts';

const evidenceSchema = z.object({ field: z.string(), sentence: z.string(), start: z.number().int(), end: z.number().int() }).nullable();

const tagSchema = z
  .object({
    id: z.number().int(),
    kind: z.string().openapi({ example: 'outcome' }),
    value: z.string().openapi({ example: 'hrv' }),
    parameter: z.string().nullable(),
    unit: z.string().nullable(),
    source: z.enum(['rule', 'curator']),
    decision: z.enum(['assert', 'reject']),
    ruleId: z.string().nullable(),
    rulesetVersion: z.string().nullable(),
    evidence: evidenceSchema,
    curator: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Tag');

export const studyDetailSchema = studyListItemSchema
  .extend({
    pmidVersion: z.number().int(),
    kind: z.string(),
    vernacularTitle: z.string().nullable(),
    abstract: z.string().nullable(),
    abstractMarkup: z.string().nullable(),
    abstractSections: z.array(
      z.object({ label: z.string().nullable(), nlmCategory: z.string().nullable(), text: z.string(), markup: z.string() }),
    ),
    otherAbstracts: z.array(z.unknown()),
    copyright: z.string().nullable(),
    issn: z.string().nullable(),
    publicationDate: z.object({
      year: z.number().nullable(),
      month: z.string().nullable(),
      day: z.string().nullable(),
      season: z.string().nullable(),
      medlineDate: z.string().nullable(),
      sortable: z.string().nullable(),
    }),
    electronicDate: z.string().nullable(),
    languages: z.array(z.string()),
    articleIds: z.array(z.object({ type: z.string(), value: z.string() })),
    publicationTypes: z.array(z.object({ name: z.string(), ui: z.string().nullable() })),
    mesh: z.array(z.unknown()),
    keywords: z.array(z.unknown()),
    corrections: z.array(z.object({ refType: z.string(), refSource: z.string().nullable(), pmid: z.string().nullable() })),
    authors: z.array(
      z.object({
        lastName: z.string().nullable(),
        foreName: z.string().nullable(),
        initials: z.string().nullable(),
        suffix: z.string().nullable(),
        collectiveName: z.string().nullable(),
        orcid: z.string().nullable(),
        affiliations: z.array(z.string()),
        investigator: z.boolean(),
        valid: z.boolean(),
      }),
    ),
    topicMemberships: z.array(
      z.object({ topic: z.string(), label: z.string(), foundBy: z.string(), runId: z.number().nullable(), firstFoundAt: z.string() }),
    ),
    tags: z.array(tagSchema),
    changes: z.array(z.object({ runId: z.number().nullable(), fields: z.array(z.string()), changedAt: z.string() })),
    curation: z
      .object({ reviewed: z.boolean(), inclusion: z.string().nullable(), updatedBy: z.string(), updatedAt: z.string() })
      .nullable(),
    notes: z.array(z.object({ id: z.number(), body: z.string(), author: z.string(), createdAt: z.string() })),
    curationHistory: z
      .array(
        z.object({
          id: z.number().int(),
          actor: z.string(),
          action: z.string().openapi({ description: 'tag, withdraw_tag, curation, note or delete_note.' }),
          details: z.record(z.string(), z.unknown()),
          at: z.string(),
        }),
      )
      .openapi({ description: 'Every curator write on this study, oldest first.' }),
    trialRegistrations: z
      .array(z.object({ registry: z.string(), id: z.string(), url: z.string().nullable() }))
      .openapi({ description: 'Trial registrations the PubMed record lists (DataBankList).' }),
    location: z
      .union([z.object({ pages: z.string() }), z.object({ articleNumber: z.string() })])
      .nullable()
      .openapi({ description: 'Where the article sits in its issue: pages, or an article number.' }),
    origin: z.string(),
    deletedAt: z.string().nullable(),
    lastUpdatedAt: z.string(),
    rulesetVersion: z.string().nullable(),
  })
  .openapi('StudyDetail');

export const pmidParamSchema = z.object({
  pmid: z
    .string()
    .regex(/^\d{1,9}$/, 'expected a PMID (digits)')
    .openapi({ param: { name: 'pmid', in: 'path' }, example: '90000001' }),
});

export const getStudyRoute = createRoute({
  method: 'get',
  path: '/{pmid}',
  summary: 'One study with everything stored',
  description:
    'Structured abstract, all authors, MeSH, publication types, ids, every tag with its evidence and source, intervention details, corrections and the change history.',
  tags: ['studies'],
  request: { params: pmidParamSchema },
  responses: {
    200: { description: 'The study.', content: { 'application/json': { schema: studyDetailSchema } } },
    ...errorResponses,
    ...tooExpensiveResponse,
    ...notFoundResponse,
  },
});

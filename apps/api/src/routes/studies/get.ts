import { createRoute, z } from '@hono/zod-openapi';
import { BLINDING_VALUES, FINDING_COMPARISONS, FINDING_DIRECTIONS } from '@evidence/schema/vocabulary';
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

const curatorSchema = z
  .object({ by: z.string().nullable(), note: z.string().nullable(), at: z.string() })
  .nullable()
  .openapi({ description: 'Who corrected the rules’ value, why and when; null: no curator correction.' });

const findingSchema = z
  .object({
    outcome: z.string().openapi({ example: 'anxiety' }),
    direction: z.enum(FINDING_DIRECTIONS),
    comparison: z.enum(FINDING_COMPARISONS).nullable(),
    source: z.enum(['rule', 'curator']),
    evidence: evidenceSchema.openapi({
      description: 'The rules’ sentence for the direction (offsets of the sentence in the title or abstract).',
    }),
    rule: z
      .object({ direction: z.enum(FINDING_DIRECTIONS), comparison: z.enum(FINDING_COMPARISONS).nullable() })
      .nullable()
      .openapi({ description: 'When a curator overrode it: what the rules said.' }),
    curator: curatorSchema,
  })
  .openapi('Finding');

const signalSchema = z
  .object({
    value: z.boolean(),
    source: z.enum(['rule', 'curator']),
    evidence: evidenceSchema,
    ruleValue: z.boolean().nullable().openapi({ description: 'When a curator overrode it: what the rules said.' }),
    curator: curatorSchema,
  })
  .openapi('QualitySignal');

const numberSignalSchema = z.object({ value: z.number().int().nullable(), evidence: evidenceSchema });

const qualitySchema = z
  .object({
    randomised: signalSchema,
    blinded: signalSchema,
    shamOrPlacebo: signalSchema,
    activeComparator: signalSchema,
    registered: signalSchema,
    blinding: z
      .array(z.enum(BLINDING_VALUES))
      .nullable()
      .openapi({ description: 'Blinding as the text states it (level, who, or open_label); null: not stated.' }),
    nRandomisedOrEnrolled: numberSignalSchema,
    includedStudies: numberSignalSchema.openapi({ description: 'Reviews and meta-analyses: the number of included studies.' }),
    registrations: z.array(
      z.object({
        registry: z.string().openapi({ example: 'clinicaltrials_gov' }),
        id: z.string().openapi({ example: 'NCT09000001' }),
        url: z.string().url(),
        source: z.enum(['abstract', 'databank']),
        evidence: evidenceSchema,
      }),
    ),
  })
  .openapi('QualitySignals');

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
    findings: z.array(findingSchema).openapi({ description: 'Per effective outcome: what the study found (a curator’s correction wins).' }),
    quality: qualitySchema,
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

import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  designIdSchema,
  findingComparisonSchema,
  findingDirectionSchema,
  OUTCOME_IDS,
  outcomeIdSchema,
  QUALITY_SIGNALS,
} from '@evidence/schema/vocabulary';
import type { AppEnv } from '../../context.ts';
import { errorSchema, validationHook } from '../../errors.ts';
import { NotFound } from '../../domain-errors.ts';
import { curatorFor } from '../../queries/curate.ts';
import { getStudy } from '../../queries/get-study.ts';
import { pmidParamSchema, studyDetailSchema } from '../studies/get.ts';
import { bearerSecurity, busyResponse, errorResponses, notFoundResponse } from '../schemas.ts';

const note = z.string().trim().min(1).max(2000).optional();
const tagDecisionSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('outcome'), value: outcomeIdSchema, action: z.enum(['add', 'remove']), note }),
    z.object({ kind: z.literal('design'), value: designIdSchema, note }),
    z.object({
      kind: z.literal('sample_size'),
      value: z.number().int().min(1).max(10_000_000).nullable().openapi({ description: 'null: the study states no sample size.' }),
      note,
    }),
  ])
  .openapi('TagDecision');

const writeResponses = {
  200: { description: 'The study after the change.', content: { 'application/json': { schema: studyDetailSchema } } },
  ...errorResponses,
  403: {
    description: 'The token may not make changes, or curation is disabled.',
    content: { 'application/json': { schema: errorSchema } },
  },
  ...notFoundResponse,
  ...busyResponse,
} as const;

const decideTagRoute = createRoute({
  method: 'put',
  path: '/{pmid}/tags',
  summary: 'Add, remove or correct a tag',
  tags: ['curation'],
  security: bearerSecurity,
  description:
    'A curator’s decision on an outcome (add/remove), the design or the sample size. It wins over the rules and survives re-ingestion and re-tagging; the rules’ value stays visible.',
  request: { params: pmidParamSchema, body: { required: true, content: { 'application/json': { schema: tagDecisionSchema } } } },
  responses: writeResponses,
});

const withdrawTagRoute = createRoute({
  method: 'delete',
  path: '/{pmid}/tags',
  summary: 'Withdraw a curator decision',
  tags: ['curation'],
  security: bearerSecurity,
  description: 'Removes a curator’s decision so the rules’ value applies again.',
  request: {
    params: pmidParamSchema,
    query: z.object({ kind: z.enum(['outcome', 'design', 'sample_size']), value: z.string().max(100).default('') }),
  },
  responses: writeResponses,
});

const outcomeParams = pmidParamSchema.extend({
  outcome: z.enum(OUTCOME_IDS).openapi({ param: { name: 'outcome', in: 'path' }, example: 'anxiety' }),
});
const signalParams = pmidParamSchema.extend({
  signal: z.enum(QUALITY_SIGNALS).openapi({ param: { name: 'signal', in: 'path' }, example: 'randomised' }),
});

const correctFindingRoute = createRoute({
  method: 'put',
  path: '/{pmid}/findings/{outcome}',
  summary: 'Correct a finding’s direction',
  tags: ['curation'],
  security: bearerSecurity,
  description:
    'A curator’s direction (and comparison; omitted: the rules’ comparison is kept) for one outcome of the study. It wins over the rules everywhere (detail, lists, filters, facets, matrix, claims), survives re-ingestion and re-tagging, and the rules’ finding stays visible. The outcome must be one of the study’s outcomes in effect.',
  request: {
    params: outcomeParams,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({ direction: findingDirectionSchema, comparison: findingComparisonSchema.nullable().optional(), note })
            .openapi('FindingCorrection'),
        },
      },
    },
  },
  responses: writeResponses,
});

const withdrawFindingRoute = createRoute({
  method: 'delete',
  path: '/{pmid}/findings/{outcome}',
  summary: 'Withdraw a finding correction',
  tags: ['curation'],
  security: bearerSecurity,
  description: 'Removes a curator’s finding for the outcome so the rules’ finding applies again.',
  request: { params: outcomeParams },
  responses: writeResponses,
});

const correctQualityRoute = createRoute({
  method: 'put',
  path: '/{pmid}/quality/{signal}',
  summary: 'Correct a quality signal',
  tags: ['curation'],
  security: bearerSecurity,
  description:
    'A curator’s value for randomised, blinded, sham (sham- or placebo-controlled), active_comparator or registered. It wins over the rules everywhere and survives re-ingestion and re-tagging; the rules’ value stays visible.',
  request: {
    params: signalParams,
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ value: z.boolean(), note }).openapi('QualityCorrection') } },
    },
  },
  responses: writeResponses,
});

const withdrawQualityRoute = createRoute({
  method: 'delete',
  path: '/{pmid}/quality/{signal}',
  summary: 'Withdraw a quality-signal correction',
  tags: ['curation'],
  security: bearerSecurity,
  description: 'Removes a curator’s value for the signal so the rules’ value applies again.',
  request: { params: signalParams },
  responses: writeResponses,
});

const curationRoute = createRoute({
  method: 'put',
  path: '/{pmid}/curation',
  summary: 'Mark reviewed, include or exclude',
  tags: ['curation'],
  security: bearerSecurity,
  request: {
    params: pmidParamSchema,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({ reviewed: z.boolean().optional(), inclusion: z.enum(['include', 'exclude']).nullable().optional() })
            .openapi('CurationUpdate'),
        },
      },
    },
  },
  responses: writeResponses,
});

const addNoteRoute = createRoute({
  method: 'post',
  path: '/{pmid}/notes',
  summary: 'Add a note',
  tags: ['curation'],
  security: bearerSecurity,
  request: {
    params: pmidParamSchema,
    body: { required: true, content: { 'application/json': { schema: z.object({ body: z.string().trim().min(1).max(5000) }) } } },
  },
  responses: writeResponses,
});

const deleteNoteRoute = createRoute({
  method: 'delete',
  path: '/{pmid}/notes/{id}',
  summary: 'Delete a note',
  tags: ['curation'],
  security: bearerSecurity,
  request: {
    params: pmidParamSchema.extend({
      id: z.coerce
        .number()
        .int()
        .min(1)
        .openapi({ param: { name: 'id', in: 'path' } }),
    }),
  },
  responses: writeResponses,
});

function studyAfterWrite(c: { get(key: 'database'): import('@evidence/schema').OpenedDatabase }, pmid: number) {
  const study = getStudy(c.get('database'), pmid);
  if (!study) throw new NotFound(`No study with PMID ${pmid}`);
  return study;
}

export const curationApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(decideTagRoute, (c) => {
    const pmid = Number(c.req.valid('param').pmid);
    curatorFor(c.get('database')).decideTag(pmid, c.req.valid('json'), c.get('actor'), c.get('now')().toISOString());
    return c.json(studyAfterWrite(c, pmid), 200);
  })
  .openapi(withdrawTagRoute, (c) => {
    const pmid = Number(c.req.valid('param').pmid);
    const { kind, value } = c.req.valid('query');
    curatorFor(c.get('database')).withdrawTag(pmid, kind, value, c.get('actor'), c.get('now')().toISOString());
    return c.json(studyAfterWrite(c, pmid), 200);
  })
  .openapi(correctFindingRoute, (c) => {
    const { pmid, outcome } = c.req.valid('param');
    curatorFor(c.get('database')).correctFinding(Number(pmid), outcome, c.req.valid('json'), c.get('actor'), c.get('now')().toISOString());
    return c.json(studyAfterWrite(c, Number(pmid)), 200);
  })
  .openapi(withdrawFindingRoute, (c) => {
    const { pmid, outcome } = c.req.valid('param');
    curatorFor(c.get('database')).withdrawFinding(Number(pmid), outcome, c.get('actor'), c.get('now')().toISOString());
    return c.json(studyAfterWrite(c, Number(pmid)), 200);
  })
  .openapi(correctQualityRoute, (c) => {
    const { pmid, signal } = c.req.valid('param');
    curatorFor(c.get('database')).correctQuality(Number(pmid), signal, c.req.valid('json'), c.get('actor'), c.get('now')().toISOString());
    return c.json(studyAfterWrite(c, Number(pmid)), 200);
  })
  .openapi(withdrawQualityRoute, (c) => {
    const { pmid, signal } = c.req.valid('param');
    curatorFor(c.get('database')).withdrawQuality(Number(pmid), signal, c.get('actor'), c.get('now')().toISOString());
    return c.json(studyAfterWrite(c, Number(pmid)), 200);
  })
  .openapi(curationRoute, (c) => {
    const pmid = Number(c.req.valid('param').pmid);
    curatorFor(c.get('database')).setCuration(pmid, c.req.valid('json'), c.get('actor'), c.get('now')().toISOString());
    return c.json(studyAfterWrite(c, pmid), 200);
  })
  .openapi(addNoteRoute, (c) => {
    const pmid = Number(c.req.valid('param').pmid);
    curatorFor(c.get('database')).addNote(pmid, c.req.valid('json').body, c.get('actor'), c.get('now')().toISOString());
    return c.json(studyAfterWrite(c, pmid), 200);
  })
  .openapi(deleteNoteRoute, (c) => {
    const { pmid, id } = c.req.valid('param');
    curatorFor(c.get('database')).deleteNote(Number(pmid), id, c.get('actor'), c.get('now')().toISOString());
    return c.json(studyAfterWrite(c, Number(pmid)), 200);
  });

import { z } from '@hono/zod-openapi';
import { designIdSchema, outcomeIdSchema, topicIdSchema } from '@evidence/schema/vocabulary';

/** A query parameter that may repeat (?outcome=hrv&outcome=sleep) arrives as a string or an array. */
export const repeated = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === '' ? undefined : Array.isArray(v) ? v : [v]), z.array(item).max(50).optional());

const year = z.coerce.number().int().min(1800).max(2100);
/** A real calendar date (YYYY-MM-DD), an ISO timestamp, or run:<id>. */
const addedSince = z.string().refine((v) => {
  if (/^run:\d{1,9}$/.test(v)) return true;
  const match = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(v);
  if (!match) return false;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return day.getUTCDate() === Number(match[3]) && !Number.isNaN(Date.parse(match[4] ? v : `${v}T00:00:00Z`));
}, 'expected a real date (YYYY-MM-DD), an ISO timestamp, or run:<id>');

/** The filters every study query shares: list, facets, matrix, timeline, export and feed. */
export const studyFilterObject = z
  .object({
    topic: repeated(topicIdSchema).openapi({ description: 'Topic id; repeat for several.' }),
    outcome: repeated(outcomeIdSchema).openapi({ description: 'Outcome id; repeat for several (see `match`).' }),
    design: repeated(designIdSchema).openapi({ description: 'Study design id; repeat for several (any of them).' }),
    match: z.enum(['any', 'all']).default('any').openapi({ description: 'With several topics or outcomes: a study must have any of them, or all.' }),
    year_from: year.optional(),
    year_to: year.optional(),
    language: repeated(z.string().regex(/^[a-z]{3}$/, 'expected a three-letter language code such as eng')),
    journal: repeated(z.string().min(1).max(300)).openapi({ description: 'Exact journal title.' }),
    retracted: z.enum(['include', 'exclude', 'only']).default('include'),
    reviewed: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    inclusion: z.enum(['include', 'exclude', 'undecided']).optional().openapi({ description: 'Curators’ include/exclude decision.' }),
    q: z.string().trim().min(1).max(500).optional().openapi({ description: 'Full-text query (SQLite FTS5 syntax: words, "phrases", AND/OR/NOT, prefix*).' }),
    added_since: addedSince.optional()
      .openapi({ description: 'First seen on or after a date, or since a run (`run:12`).' }),
    pmid: repeated(z.string().regex(/^\d{1,9}$/, 'expected a PMID (digits)')).openapi({ description: 'Only these PMIDs.' }),
  });

/** Adds the checks that span several parameters; apply after any `.extend()`. */
export function withFilterChecks<T extends z.ZodType<{ year_from?: number; year_to?: number }>>(schema: T) {
  return schema.refine((f) => f.year_from === undefined || f.year_to === undefined || f.year_from <= f.year_to, {
    message: 'year_from must not be after year_to', path: ['year_from'],
  });
}

export const studyFilterSchema = withFilterChecks(studyFilterObject);
export type StudyFilter = z.infer<typeof studyFilterObject>;

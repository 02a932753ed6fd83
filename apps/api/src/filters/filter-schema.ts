import { z } from '@hono/zod-openapi';
import type { FilterName } from './filter-params.ts';
import { FILTERS } from './filter-definitions.ts';

/** The filters every study query shares (list, facets, matrix, timeline, export and feed), from the filter table. */
export const studyFilterObject = z.object(
  Object.fromEntries(Object.entries(FILTERS).map(([name, definition]) => [name, definition.schema])) as {
    [K in FilterName]: (typeof FILTERS)[K]['schema'];
  },
);

/** Adds the checks that span several parameters; apply after any `.extend()`. */
export function withFilterChecks<T extends z.ZodType<{ year_from?: number; year_to?: number }>>(schema: T) {
  return schema.refine((f) => f.year_from === undefined || f.year_to === undefined || f.year_from <= f.year_to, {
    message: 'year_from must not be after year_to',
    path: ['year_from'],
  });
}

export const studyFilterSchema = withFilterChecks(studyFilterObject);
export type StudyFilter = z.infer<typeof studyFilterObject>;

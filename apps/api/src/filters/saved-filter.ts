import type { OpenedDatabase } from '@evidence/schema';
import { InvalidParameter } from '../domain-errors.ts';
import { FILTER_PARAMS, filtersFromSearchParams, type FilterName } from './filter-params.ts';
import { studyFilterSchema, type StudyFilter } from './filter-schema.ts';
import { filterSql } from './filter-sql.ts';

/**
 * A saved studies filter (a subscription's): the query string `/api/studies` accepts, e.g.
 * `topic=chiropractic&outcome=pain&direction=improved`. It is checked by the same filter schema
 * and SQL the studies list uses, so a saved filter means exactly what the list shows for it.
 */
export function parseSavedFilter(
  database: OpenedDatabase,
  queryString: string,
  parameter = 'filter',
): { filter: StudyFilter; canonical: string } {
  const params = new URLSearchParams(queryString.replace(/^\?/, ''));
  for (const name of params.keys()) {
    if (!(name in FILTER_PARAMS)) throw new InvalidParameter(`${parameter}.${name}`, `${parameter}: ${name} is not a studies filter`);
  }
  const query = filtersFromSearchParams(params);
  const parsed = studyFilterSchema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path.find((p) => typeof p === 'string') ?? '');
    throw new InvalidParameter(name ? `${parameter}.${name}` : parameter, `${parameter}: ${name ? `${name}: ` : ''}${issue.message}`);
  }
  try {
    // Conditions the schema cannot see (an unknown run in added_since, a malformed full-text query) surface here.
    filterSql(database, parsed.data);
  } catch (error) {
    if (error instanceof InvalidParameter) throw new InvalidParameter(`${parameter}.${error.parameter}`, `${parameter}: ${error.message}`);
    throw error;
  }
  return { filter: parsed.data, canonical: canonicalQuery(query) };
}

/** The filter's query string in the filter table's order, defaults and empty values left out. */
function canonicalQuery(query: ReturnType<typeof filtersFromSearchParams>): string {
  const out = new URLSearchParams();
  for (const name of Object.keys(FILTER_PARAMS) as FilterName[]) {
    const value = query[name];
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) out.append(name, v);
  }
  return out.toString();
}

import type { OpenedDatabase } from '@evidence/schema';
import { activeFilters, filterContext, sqlOf } from './filter-definitions.ts';
import type { StudyFilter } from './filter-schema.ts';

export interface FilterSql {
  /** AND-ed conditions on the alias `s` (studies); only placeholders carry user input. */
  where: string;
  values: (string | number)[];
}

/** Turns validated filters into SQL conditions with bound values (from the filter table): no user text is ever spliced in. */
export function filterSql(database: OpenedDatabase, f: StudyFilter): FilterSql {
  const ctx = filterContext(database, f);
  const conditions = [
    { sql: 's.deleted_at IS NULL', values: [] },
    ...activeFilters(f).flatMap(({ name, value }) => sqlOf(name, value, ctx)),
  ];
  return { where: conditions.map((c) => c.sql).join(' AND '), values: conditions.flatMap((c) => c.values) };
}

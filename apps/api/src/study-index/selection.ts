/**
 * The study filter evaluated over a snapshot: a 0/1 mark per row, narrowed by each filter's index
 * form from the filter table (filters/filter-definitions.ts, the table filter-sql.ts reads too).
 */
import type { OpenedDatabase } from '@evidence/schema';
import { activeFilters, filterContext, narrowByFilter } from '../filters/filter-definitions.ts';
import type { StudyFilter } from '../filters/filter-schema.ts';
import type { Snapshot } from './snapshot.ts';

export interface Selection {
  snapshot: Snapshot;
  /** 1 for each row that passes the filter. */
  marks: Uint8Array;
  count: number;
}

export function select(database: OpenedDatabase, s: Snapshot, f: StudyFilter, fullTextPmids?: readonly number[]): Selection {
  const ctx = filterContext(database, f, fullTextPmids);
  const marks = new Uint8Array(s.size).fill(1);
  for (const { name, value } of activeFilters(f)) narrowByFilter(name, value, ctx, s, marks);
  let count = 0;
  for (let r = 0; r < s.size; r++) count += marks[r]!;
  return { snapshot: s, marks, count };
}

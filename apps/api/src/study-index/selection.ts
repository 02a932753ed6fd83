/**
 * The study filter evaluated over a snapshot: a row set (a bit per row), narrowed by each
 * filter's index form from the filter table (filters/filter-definitions.ts, the table filter-sql.ts
 * reads too).
 */
import type { OpenedDatabase } from '@evidence/schema';
import { activeFilters, filterContext, narrowByFilter } from '../filters/filter-definitions.ts';
import type { StudyFilter } from '../filters/filter-schema.ts';
import { allRows, countRows, type RowSet } from './row-sets.ts';
import type { Snapshot } from './snapshot.ts';

export interface Selection {
  snapshot: Snapshot;
  /** The rows that pass the filter. */
  rows: RowSet;
  count: number;
  /**
   * 0 when the snapshot matches the database; otherwise how many ms of another process's writes it
   * may be missing (a bounded-stale snapshot answering during an import, ADR 0012).
   */
  lagMs: number;
}

export function select(database: OpenedDatabase, s: Snapshot, f: StudyFilter, fullTextPmids?: ArrayLike<number>, lagMs = 0): Selection {
  const ctx = filterContext(database, f, fullTextPmids);
  const rows = allRows(s.size);
  for (const { name, value } of activeFilters(f)) narrowByFilter(name, value, ctx, s, rows);
  return { snapshot: s, rows, count: countRows(rows), lagMs };
}

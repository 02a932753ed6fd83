/**
 * The study filter evaluated over a snapshot: one pass over the rows, giving a 0/1 mark per row.
 * Mirrors filter-sql.ts condition by condition (the equivalence test holds them to each other).
 */
import type { OpenedDatabase } from '@evidence/schema';
import { assertValidFtsQuery, resolveAddedSince } from '../filters/filter-sql.ts';
import type { StudyFilter } from '../filters/filter-schema.ts';
import { binarySearch, compareBinary, EXCLUDE, INCLUDE, NO_VALUE, RETRACTED, REVIEWED, type RowLists, type Snapshot } from './snapshot.ts';

export interface Selection {
  snapshot: Snapshot;
  /** 1 for each row that passes the filter. */
  marks: Uint8Array;
  count: number;
}

export function select(database: OpenedDatabase, s: Snapshot, f: StudyFilter): Selection {
  const designWanted = f.design?.length ? wantedIds(s.designNames, f.design, NO_VALUE + 1) : null;
  const journalWanted = f.journal?.length ? wantedIds(s.journalNames, f.journal) : null;
  const yearFrom = f.year_from ?? -Infinity;
  const yearTo = f.year_to ?? Infinity;
  const anyYear = f.year_from === undefined && f.year_to === undefined;
  const addedFromRank = f.added_since ? lowerBound(s.addedDates, resolveAddedSince(database, f.added_since)) : 0;
  const retracted = f.retracted ?? 'include';
  const inclusion = f.inclusion === undefined ? -1 : INCLUSION_CODE[f.inclusion];

  // Row sets first (PMIDs, full text, list values), each narrowing `marks`; then one pass for the rest.
  const marks = new Uint8Array(s.size).fill(1);
  if (f.pmid?.length) intersect(marks, rowsOfPmids(s, f.pmid.map(Number)));
  if (f.q) {
    assertValidFtsQuery(database, f.q);
    intersect(marks, rowsOfPmids(s, database.sqlite.prepare('SELECT rowid FROM studies_fts WHERE studies_fts MATCH ?').pluck().all(f.q) as number[]));
  }
  // With match=all, every value is a group of its own and all must hit; otherwise any value of the one group.
  const groups = (wanted: string[] | undefined, all: boolean) => (!wanted?.length ? [] : all ? wanted.map((w) => [w]) : [wanted]);
  for (const group of groups(f.topic, f.match === 'all')) intersect(marks, rowsWithAny(s.topics, group));
  for (const group of groups(f.outcome, f.match === 'all')) intersect(marks, rowsWithAny(s.outcomes, group));
  for (const group of groups(f.language, false)) intersect(marks, rowsWithAny(s.languages, group));

  let count = 0;
  for (let r = 0; r < s.size; r++) {
    if (!marks[r]) continue;
    const flags = s.flags[r]!;
    const ok = (designWanted === null || designWanted[s.design[r]!] === 1)
      && (anyYear || (s.year[r] !== 0 && s.year[r]! >= yearFrom && s.year[r]! <= yearTo))
      && (journalWanted === null || (s.journal[r] !== -1 && journalWanted[s.journal[r]!] === 1))
      && (retracted === 'include' || ((flags & RETRACTED) !== 0) === (retracted === 'only'))
      && (f.reviewed === undefined || ((flags & REVIEWED) !== 0) === f.reviewed)
      && (inclusion === -1 || s.inclusion[r] === inclusion)
      && s.addedRank[r]! >= addedFromRank;
    if (ok) count++;
    else marks[r] = 0;
  }
  return { snapshot: s, marks, count };
}

const INCLUSION_CODE = { include: INCLUDE, exclude: EXCLUDE, undecided: 0 } as const;

/** A lookup table: wanted[id] = 1 for each name in `names` that is wanted. Unknown names match nothing. */
function wantedIds(names: string[], wanted: string[], size = names.length): Uint8Array {
  const table = new Uint8Array(Math.max(size, 1));
  const set = new Set(wanted);
  names.forEach((name, id) => { if (set.has(name)) table[id] = 1; });
  return table;
}

/** Rows holding any of the values (unknown values hold none), from the inverted lists. */
function rowsWithAny(lists: RowLists, values: string[]): Uint8Array {
  const hits = new Uint8Array(lists.start.length - 1);
  for (const value of values) {
    const v = lists.names.indexOf(value);
    if (v < 0) continue;
    for (let k = lists.rowStart[v]!, end = lists.rowStart[v + 1]!; k < end; k++) hits[lists.rows[k]!] = 1;
  }
  return hits;
}

function rowsOfPmids(s: Snapshot, pmids: number[]): Uint8Array {
  const hits = new Uint8Array(s.size);
  for (const pmid of pmids) {
    const r = binarySearch(s.pmid, pmid);
    if (r >= 0) hits[r] = 1;
  }
  return hits;
}

function intersect(marks: Uint8Array, hits: Uint8Array) {
  for (let r = 0; r < marks.length; r++) marks[r]! &= hits[r]!;
}

/** First index whose value is >= `value` (byte order), or values.length. */
export function lowerBound(values: string[], value: string): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareBinary(values[mid]!, value) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

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
  // Each list filter becomes groups of wanted ids: with match=all, one group per value, all of which must hit.
  const listGroups = (lists: RowLists, wanted: string[] | undefined): Uint8Array[] => {
    if (!wanted?.length) return [];
    const groups = f.match === 'all' ? wanted.map((w) => [w]) : [wanted];
    return groups.map((group) => wantedIds(lists.names, group));
  };
  const topicGroups = listGroups(s.topics, f.topic);
  const outcomeGroups = listGroups(s.outcomes, f.outcome);
  const languageGroups = f.language?.length ? [wantedIds(s.languages.names, f.language)] : [];
  const designWanted = f.design?.length ? wantedIds(s.designNames, f.design, NO_VALUE + 1) : null;
  const journalWanted = f.journal?.length ? wantedIds(s.journalNames, f.journal) : null;
  const yearFrom = f.year_from ?? -Infinity;
  const yearTo = f.year_to ?? Infinity;
  const anyYear = f.year_from === undefined && f.year_to === undefined;
  const addedFromRank = f.added_since ? lowerBound(s.addedDates, resolveAddedSince(database, f.added_since)) : 0;

  let marks: Uint8Array;
  if (f.pmid?.length || f.q) {
    // Row sets from outside the snapshot: start from them instead of from every row.
    marks = new Uint8Array(s.size).fill(f.pmid?.length ? 0 : 1);
    if (f.pmid?.length) markPmids(s, marks, f.pmid.map(Number));
    if (f.q) {
      assertValidFtsQuery(database, f.q);
      const hits = new Uint8Array(s.size);
      markPmids(s, hits, database.sqlite.prepare('SELECT rowid FROM studies_fts WHERE studies_fts MATCH ?').pluck().all(f.q) as number[]);
      for (let r = 0; r < s.size; r++) marks[r]! &= hits[r]!;
    }
  } else {
    marks = new Uint8Array(s.size).fill(1);
  }

  let count = 0;
  for (let r = 0; r < s.size; r++) {
    if (!marks[r]) continue;
    const ok = (designWanted === null || designWanted[s.design[r]!] === 1)
      && (anyYear || (s.year[r] !== 0 && s.year[r]! >= yearFrom && s.year[r]! <= yearTo))
      && (journalWanted === null || (s.journal[r] !== -1 && journalWanted[s.journal[r]!] === 1))
      && (f.retracted === 'include' || f.retracted === undefined || ((s.flags[r]! & RETRACTED) !== 0) === (f.retracted === 'only'))
      && (f.reviewed === undefined || ((s.flags[r]! & REVIEWED) !== 0) === f.reviewed)
      && (f.inclusion === undefined || s.inclusion[r] === INCLUSION_CODE[f.inclusion])
      && s.addedRank[r]! >= addedFromRank
      && everyGroupHits(s.topics, topicGroups, r)
      && everyGroupHits(s.outcomes, outcomeGroups, r)
      && everyGroupHits(s.languages, languageGroups, r);
    marks[r] = ok ? 1 : 0;
    if (ok) count++;
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

function everyGroupHits(lists: RowLists, groups: Uint8Array[], r: number): boolean {
  for (const wanted of groups) {
    let hit = false;
    for (let k = lists.start[r]!, end = lists.start[r + 1]!; k < end && !hit; k++) hit = wanted[lists.values[k]!] === 1;
    if (!hit) return false;
  }
  return true;
}

function markPmids(s: Snapshot, marks: Uint8Array, pmids: number[]) {
  for (const pmid of pmids) {
    const r = binarySearch(s.pmid, pmid);
    if (r >= 0) marks[r] = 1;
  }
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

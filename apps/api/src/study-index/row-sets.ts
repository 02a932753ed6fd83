/**
 * Row sets over a snapshot: one bit per row (bit r of word r >>> 5), so AND-ing two filters costs
 * size / 32 word operations. The filter table's index forms (filters/filter-definitions.ts) narrow
 * a selection by AND-ing in the row set of their value, which is computed once per snapshot and
 * value and then kept (cachedRows): a request with four filters mostly AND-s four cached sets.
 */
import { binarySearch, compareBinary, type RowLists, type Snapshot } from './snapshot.ts';

// Measured at 100,000 studies (a topic, a design, a year range and the two default filters, then
// facets): a byte per row, narrowed in place by a pass per filter, took 2.4 ms per request; bit
// sets with cached per-value sets take a small fraction of that.

export type RowSet = Uint32Array;

const wordsFor = (size: number) => (size + 31) >>> 5;

/** Every row of a snapshot of `size` rows. */
export function allRows(size: number): RowSet {
  const set = new Uint32Array(wordsFor(size)).fill(0xffffffff);
  if (size & 31) set[set.length - 1] = (1 << (size & 31)) - 1;
  return set;
}

/** rows &= other. */
export function keep(rows: RowSet, other: RowSet): void {
  for (let w = 0; w < rows.length; w++) rows[w]! &= other[w]!;
}

export function countRows(rows: RowSet): number {
  let n = 0;
  for (let w = 0; w < rows.length; w++) n += bitCount(rows[w]!);
  return n;
}

function bitCount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

/** Whether row r is in the set. */
export const hasRow = (rows: RowSet, r: number) => (rows[r >>> 5]! & (1 << (r & 31))) !== 0;

/** The rows of a set in ascending order (a typed array sized to the count). */
export function rowList(rows: RowSet, count: number): Int32Array {
  const out = new Int32Array(count);
  let k = 0;
  for (let w = 0; w < rows.length; w++) {
    let bits = rows[w]!;
    while (bits) {
      const low = bits & -bits;
      out[k++] = (w << 5) | (31 - Math.clz32(low));
      bits ^= low;
    }
  }
  return out;
}

// Per snapshot, the row sets of filter values already asked for, bounded by bytes (each set is
// size / 8 bytes: 12.5 KB at 100,000 studies). Cleared whole when full: the few sets a dashboard
// asks for are rebuilt at once, and an unbounded variety of keys (journals, pmid lists) cannot grow it.
const CACHE_BYTES = 32 * 1024 * 1024;
const caches = new WeakMap<Snapshot, Map<string, RowSet>>();

/** The row set `key` names on this snapshot, computed on first use. Callers must not modify it. */
export function cachedRows(s: Snapshot, key: string, compute: () => RowSet): RowSet {
  let cache = caches.get(s);
  if (!cache) caches.set(s, (cache = new Map()));
  let rows = cache.get(key);
  if (!rows) {
    if ((cache.size + 1) * wordsFor(s.size) * 4 > CACHE_BYTES) cache.clear();
    rows = compute();
    cache.set(key, rows);
  }
  return rows;
}

// One loop per column type: a loop that meets several typed-array types gets slow element access.

/** Rows whose year lies in [min, max]. */
export function rowsWithYearIn(s: Snapshot, min: number, max: number): RowSet {
  const rows = new Uint32Array(wordsFor(s.size));
  const column = s.year;
  for (let r = 0; r < s.size; r++) {
    const v = column[r]!;
    if (v >= min && v <= max) rows[r >>> 5]! |= 1 << (r & 31);
  }
  return rows;
}

/** Rows whose rank in `column` (an Int32Array: pubRank, addedRank, journal + 1) lies in [min, max]. */
export function rowsWithInt32In(size: number, column: Int32Array, min: number, max: number): RowSet {
  const rows = new Uint32Array(wordsFor(size));
  for (let r = 0; r < size; r++) {
    const v = column[r]!;
    if (v >= min && v <= max) rows[r >>> 5]! |= 1 << (r & 31);
  }
  return rows;
}

/** Rows whose byte in `column` (design, flags, inclusion) is wanted in the lookup table (wanted[value] = 1). */
export function rowsWithByteIn(size: number, column: Uint8Array, wanted: Uint8Array): RowSet {
  const rows = new Uint32Array(wordsFor(size));
  for (let r = 0; r < size; r++) if (wanted[column[r]!]) rows[r >>> 5]! |= 1 << (r & 31);
  return rows;
}

/** Rows whose journal (an id into journalNames, -1 unknown) is wanted. */
export function rowsWithJournalIn(s: Snapshot, wanted: Uint8Array): RowSet {
  const rows = new Uint32Array(wordsFor(s.size));
  for (let r = 0; r < s.size; r++) {
    const j = s.journal[r]!;
    if (j >= 0 && wanted[j]) rows[r >>> 5]! |= 1 << (r & 31);
  }
  return rows;
}

/** A byte lookup table over flag values: wanted[flags] = 1 when (flags & bit) is set (or, with set=false, clear). */
export function flagTable(bit: number, set: boolean): Uint8Array {
  const table = new Uint8Array(256);
  for (let v = 0; v < 256; v++) table[v] = ((v & bit) !== 0) === set ? 1 : 0;
  return table;
}

/** A lookup table: wanted[id] = 1 for each name in `names` that is wanted. Unknown names match nothing. */
export function wantedIds(names: string[], wanted: readonly string[], size = names.length): Uint8Array {
  const table = new Uint8Array(Math.max(size, 1));
  const set = new Set(wanted);
  names.forEach((name, id) => {
    if (set.has(name)) table[id] = 1;
  });
  return table;
}

/** Rows holding any of the values (unknown values hold none), from the inverted lists. */
export function rowsWithAny(lists: RowLists, size: number, values: readonly string[]): RowSet {
  const rows = new Uint32Array(wordsFor(size));
  for (const value of values) {
    const v = lists.names.indexOf(value);
    if (v < 0) continue;
    for (let k = lists.rowStart[v]!, end = lists.rowStart[v + 1]!; k < end; k++) {
      const r = lists.rows[k]!;
      rows[r >>> 5]! |= 1 << (r & 31);
    }
  }
  return rows;
}

export function rowsOfPmids(s: Snapshot, pmids: ArrayLike<number>): RowSet {
  const rows = new Uint32Array(wordsFor(s.size));
  const of = rowOfEachPmid(s, pmids);
  for (let i = 0; i < of.length; i++) {
    const r = of[i]!;
    if (r >= 0) rows[r >>> 5]! |= 1 << (r & 31);
  }
  return rows;
}

/** Each PMID's row (-1: not in the snapshot); ascending PMIDs (a full-text search's) are merged, not searched. */
export function rowOfEachPmid(s: Snapshot, pmids: ArrayLike<number>): Int32Array {
  const of = new Int32Array(pmids.length);
  let ascending = true;
  for (let i = 1; i < pmids.length && ascending; i++) ascending = pmids[i - 1]! <= pmids[i]!;
  if (!ascending) {
    for (let i = 0; i < pmids.length; i++) of[i] = binarySearch(s.pmid, pmids[i]!);
    return of;
  }
  let r = 0;
  for (let i = 0; i < pmids.length; i++) {
    const pmid = pmids[i]!;
    while (r < s.size && s.pmid[r]! < pmid) r++;
    of[i] = r < s.size && s.pmid[r] === pmid ? r : -1;
  }
  return of;
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

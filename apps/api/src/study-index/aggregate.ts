/**
 * Facets, the evidence matrix, the timeline and list pages computed from a selection: one pass
 * over the selected rows each, the same answers (and orderings) as the SQL in queries/.
 */
import { DESIGN_IDS } from '@evidence/schema';
import { hasRow, rowList, rowOfEachPmid } from './row-sets.ts';
import type { Selection } from './selection.ts';
import { compareBinary, NO_PUB_DATE, NO_VALUE, RETRACTED, REVIEWED, type RowLists } from './snapshot.ts';

type Count = { value: string; count: number };

/**
 * Counts per year, shared by every indexFacets call and left all zero after each (the calls are
 * synchronous): a fresh 128 KB array per request was a tenth of a facets request's time, in GC.
 */
const yearCounts = new Int32Array(1 << 15);

export function indexFacets({ snapshot: s, rows, count }: Selection) {
  const design = new Int32Array(NO_VALUE + 1);
  const journal = new Int32Array(s.journalNames.length);
  const year = yearCounts;
  let firstYear = year.length;
  let lastYear = 0;
  const topic = new Int32Array(s.topics.names.length);
  const outcome = new Int32Array(s.outcomes.names.length);
  const language = new Int32Array(s.languages.names.length);
  let retracted = 0;
  let reviewed = 0;
  // One pass over the selected rows only: a narrow filter's facets cost what it selects.
  for (const r of rowList(rows, count)) {
    design[s.design[r]!]!++;
    if (s.journal[r] !== -1) journal[s.journal[r]!]!++;
    const y = s.year[r]!;
    year[y]!++;
    if (y < firstYear) firstYear = y;
    if (y > lastYear) lastYear = y;
    if (s.flags[r]! & RETRACTED) retracted++;
    if (s.flags[r]! & REVIEWED) reviewed++;
    countListValues(s.topics, r, topic);
    countListValues(s.outcomes, r, outcome);
    countListValues(s.languages, r, language);
  }
  const years: Count[] = [];
  for (let y = lastYear; y >= firstYear; y--) {
    if (year[y] && y > 0) years.push({ value: String(y), count: year[y]! });
    year[y] = 0;
  }
  // Studies without a design count as "other", together with those tagged "other".
  const designCounts = new Map<string, number>();
  s.designNames.forEach((name, id) => {
    if (design[id]) designCounts.set(name, design[id]!);
  });
  if (design[NO_VALUE]) designCounts.set('other', (designCounts.get('other') ?? 0) + design[NO_VALUE]!);
  return {
    total: count,
    topic: byCount(s.topics.names, topic),
    outcome: byCount(s.outcomes.names, outcome),
    design: byCount([...designCounts.keys()], Int32Array.from(designCounts.values())),
    year: years,
    language: byCount(s.languages.names, language),
    journal: byCount(s.journalNames, journal).slice(0, 50),
    retracted,
    reviewed,
  };
}

/** Counts each value row r holds in `lists`. */
function countListValues(lists: RowLists, r: number, counts: Int32Array): void {
  for (let k = lists.start[r]!, end = lists.start[r + 1]!; k < end; k++) counts[lists.values[k]!]!++;
}

export function indexMatrix({ snapshot: s, rows, count }: Selection) {
  const topics = s.topics.names.length;
  const outcomes = s.outcomes.names.length;
  const designs = s.designNames.length + 1; // the last slot: no design ("other")
  const counts = new Int32Array(topics * outcomes * designs);
  const newest = new Int32Array(topics * outcomes).fill(-1);
  for (const r of rowList(rows, count)) {
    const d = s.design[r] === NO_VALUE ? designs - 1 : s.design[r]!;
    const date = s.flags[r]! & NO_PUB_DATE ? -1 : s.pubRank[r]!;
    for (let i = s.topics.start[r]!; i < s.topics.start[r + 1]!; i++) {
      for (let j = s.outcomes.start[r]!; j < s.outcomes.start[r + 1]!; j++) {
        const cell = s.topics.values[i]! * outcomes + s.outcomes.values[j]!;
        counts[cell * designs + d]!++;
        if (date > newest[cell]!) newest[cell] = date;
      }
    }
  }
  const designName = (d: number) => (d === designs - 1 ? 'other' : s.designNames[d]!);
  const cells = [];
  for (let t = 0; t < topics; t++) {
    for (let o = 0; o < outcomes; o++) {
      const cell = t * outcomes + o;
      const byDesign: Record<string, number> = {};
      let total = 0;
      const present = [];
      for (let d = 0; d < designs; d++) if (counts[cell * designs + d]) present.push(d);
      for (const d of present.sort((a, b) => compareBinary(designName(a), designName(b)))) {
        byDesign[designName(d)] = (byDesign[designName(d)] ?? 0) + counts[cell * designs + d]!;
        total += counts[cell * designs + d]!;
      }
      if (total)
        cells.push({
          topic: s.topics.names[t]!,
          outcome: s.outcomes.names[o]!,
          total,
          byDesign,
          newest: newest[cell]! >= 0 ? s.pubDates[newest[cell]!]! : null,
        });
    }
  }
  return { designs: [...DESIGN_IDS], cells: cells.sort((a, b) => a.topic.localeCompare(b.topic) || a.outcome.localeCompare(b.outcome)) };
}

export function indexTimeline({ snapshot: s, rows, count }: Selection, interval: 'year' | 'month') {
  // A period id per row (-1: none): its year, or the month of its publication date when it has one.
  const months = interval === 'month' ? monthIds(s.pubDates) : null;
  const periodName = (id: number) => (months ? months.names[id]! : String(id));
  const topics = s.topics.names.length;
  const counts = new Map<number, number>();
  for (const r of rowList(rows, count)) {
    const period = months ? (s.flags[r]! & NO_PUB_DATE ? -1 : months.ofRank[s.pubRank[r]!]!) : s.year[r] !== 0 ? s.year[r]! : -1;
    if (period < 0) continue;
    for (let i = s.topics.start[r]!; i < s.topics.start[r + 1]!; i++) {
      const key = period * topics + s.topics.values[i]!;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const points = [...counts].map(([key, count]) => ({
    topic: s.topics.names[key % topics]!,
    period: periodName(Math.floor(key / topics)),
    count,
  }));
  return { interval, points: points.sort((a, b) => compareBinary(a.period, b.period) || compareBinary(a.topic, b.topic)) };
}

/** Month ids per publication-date rank ("2024-05" from "2024-05-17"; -1 when the date has no month). */
function monthIds(pubDates: string[]) {
  const names: string[] = [];
  const ids = new Map<string, number>();
  const ofRank = Int32Array.from(pubDates, (d) => {
    if (d.length < 7) return -1;
    const month = d.slice(0, 7);
    let id = ids.get(month);
    if (id === undefined) ids.set(month, (id = names.push(month) - 1));
    return id;
  });
  return { names, ofRank };
}

export type IndexSort = 'published' | 'added';

/**
 * The next `n` selected rows in list order after the cursor (sort value, PMID), as the SQL
 * keyset query would return them: `(value < v OR value = v AND pmid < p)`, newest first.
 */
export function indexPage(
  { snapshot: s, rows, count }: Selection,
  sort: IndexSort,
  after: { sortValue: string; pmid: number } | null,
  n: number,
) {
  const order = sort === 'published' ? s.byPublished : s.byAdded;
  const ranks = sort === 'published' ? s.pubRank : s.addedRank;
  const values = sort === 'published' ? s.pubDates : s.addedDates;
  // A narrow selection: sorting its rows beats walking the whole list order past the rows it lacks.
  if (count * 64 < s.size) {
    const isAfter = (row: number) => {
      if (!after) return true;
      const c = compareBinary(values[ranks[row]!]!, after.sortValue);
      return c < 0 || (c === 0 && s.pmid[row]! < after.pmid);
    };
    return Array.from(rowList(rows, count))
      .filter(isAfter)
      .sort((a, b) => ranks[b]! - ranks[a]! || s.pmid[b]! - s.pmid[a]!)
      .slice(0, n)
      .map((row) => ({ pmid: s.pmid[row]!, sort_value: values[ranks[row]!]! }));
  }
  let k = 0;
  if (after) {
    // Binary search for the first row strictly after the cursor in the order.
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const row = order[mid]!;
      const c = compareBinary(values[ranks[row]!]!, after.sortValue);
      const isAfter = c < 0 || (c === 0 && s.pmid[row]! < after.pmid);
      if (isAfter) hi = mid;
      else lo = mid + 1;
    }
    k = lo;
  }
  const out: { pmid: number; sort_value: string }[] = [];
  for (; k < order.length && out.length < n; k++) {
    const row = order[k]!;
    if (hasRow(rows, row)) out.push({ pmid: s.pmid[row]!, sort_value: values[ranks[row]!]! });
  }
  return out;
}

/** Non-zero counts, largest first, ties by value in byte order (SQL: ORDER BY count DESC, value). */
function byCount(names: string[], counts: Int32Array): Count[] {
  const out: Count[] = [];
  names.forEach((value, id) => {
    if (counts[id]) out.push({ value, count: counts[id]! });
  });
  return out.sort((a, b) => b.count - a.count || compareBinary(a.value, b.value));
}

/**
 * The next `n` selected matches of a search by relevance after the cursor, as the SQL keyset query
 * orders them: rank ascending (bm25 is negative, best first), then PMID ascending. `pmids` and
 * `ranks` are the search's matches (fullTextMatches); only the best n are kept while walking them.
 */
export function relevancePage(
  { snapshot: s, rows }: Selection,
  pmids: Int32Array,
  ranks: Float64Array,
  after: { sortValue: number; pmid: number } | null,
  n: number,
) {
  const before = (rank: number, pmid: number, other: { sort_value: number; pmid: number }) =>
    rank < other.sort_value || (rank === other.sort_value && pmid < other.pmid);
  const best: { pmid: number; sort_value: number }[] = [];
  const rowOf = rowOfEachPmid(s, pmids);
  for (let i = 0; i < pmids.length; i++) {
    const r = rowOf[i]!;
    if (r < 0 || !hasRow(rows, r)) continue;
    const rank = ranks[i]!;
    const pmid = pmids[i]!;
    if (after && !(rank > after.sortValue || (rank === after.sortValue && pmid > after.pmid))) continue;
    if (best.length === n && !before(rank, pmid, best[n - 1]!)) continue;
    // Insert in order (binary search); n is a page, at most a few hundred.
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(rank, pmid, best[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    best.splice(lo, 0, { pmid, sort_value: rank });
    if (best.length > n) best.pop();
  }
  return best;
}

import {
  DESIGN_IDS,
  FINDING_DIRECTIONS,
  type FindingDirection,
  QUALITY_SIGNALS,
  type OpenedDatabase,
  type QualitySignalId,
} from '@evidence/schema';
import { filterSql } from '../filters/filter-sql.ts';
import type { StudyFilter } from '../filters/filter-schema.ts';
import { indexFacets, indexMatrix, indexTimeline } from '../study-index/aggregate.ts';
import type { StudyIndex } from '../study-index/index.ts';

type Count = { value: string; count: number };

// Each aggregate is answered from the study index when it is current, else from SQLite; both give
// the same answer (test/study-index.test.ts), the index in milliseconds at any size.

/** Counts per topic, outcome, design, year, language and journal under the same filters as the list. */
export function facets(database: OpenedDatabase, filter: StudyFilter, index: StudyIndex | null = null) {
  const selection = index?.select(filter);
  return selection ? indexFacets(selection) : sqlFacets(database, filter);
}

export function sqlFacets(database: OpenedDatabase, filter: StudyFilter) {
  const { where, values } = filterSql(database, filter);
  const { sqlite } = database;
  const filtered = `SELECT s.pmid FROM studies s WHERE ${where}`;
  const counts = (sql: string) => sqlite.prepare(sql).all(...values) as Count[];
  return {
    total: sqlite
      .prepare(`SELECT count(*) FROM studies s WHERE ${where}`)
      .pluck()
      .get(...values) as number,
    topic: counts(
      `SELECT st.topic_id AS value, count(*) AS count FROM study_topics st WHERE st.pmid IN (${filtered}) GROUP BY st.topic_id ORDER BY count DESC, value`,
    ),
    outcome: counts(`SELECT e.outcome AS value, count(DISTINCT e.pmid) AS count FROM effective_outcomes e
      WHERE e.pmid IN (${filtered}) GROUP BY e.outcome ORDER BY count DESC, value`),
    design: counts(
      `SELECT coalesce(s.design, 'other') AS value, count(*) AS count FROM studies s WHERE ${where} GROUP BY value ORDER BY count DESC, value`,
    ),
    year: counts(
      `SELECT CAST(s.pub_year AS TEXT) AS value, count(*) AS count FROM studies s WHERE ${where} AND s.pub_year IS NOT NULL GROUP BY s.pub_year ORDER BY s.pub_year DESC`,
    ),
    language: counts(
      `SELECT l.value AS value, count(*) AS count FROM studies s, json_each(s.languages) l WHERE ${where} GROUP BY l.value ORDER BY count DESC, value`,
    ),
    journal: counts(
      `SELECT s.journal_title AS value, count(*) AS count FROM studies s WHERE ${where} AND s.journal_title IS NOT NULL GROUP BY s.journal_title ORDER BY count DESC, value LIMIT 50`,
    ),
    retracted: sqlite
      .prepare(`SELECT count(*) FROM studies s WHERE ${where} AND s.is_retracted = 1`)
      .pluck()
      .get(...values) as number,
    reviewed: sqlite
      .prepare(
        `SELECT count(*) FROM studies s WHERE ${where} AND EXISTS (SELECT 1 FROM study_curation sc WHERE sc.pmid = s.pmid AND sc.reviewed = 1)`,
      )
      .pluck()
      .get(...values) as number,
  };
}

/** The topic × outcome evidence map: per cell, studies by design and the newest publication date. */
export function evidenceMatrix(database: OpenedDatabase, filter: StudyFilter, index: StudyIndex | null = null) {
  const selection = index?.select(filter);
  return selection ? indexMatrix(selection) : sqlMatrix(database, filter);
}

export function sqlMatrix(database: OpenedDatabase, filter: StudyFilter) {
  const { where, values } = filterSql(database, filter);
  const rows = database.sqlite
    .prepare(`
    SELECT st.topic_id AS topic, e.outcome AS outcome, coalesce(s.design, 'other') AS design, count(DISTINCT s.pmid) AS count,
           max(s.pub_date_sort) AS newest
    FROM effective_outcomes e
    JOIN study_topics st ON st.pmid = e.pmid
    JOIN studies s ON s.pmid = e.pmid
    WHERE ${where}
    GROUP BY st.topic_id, e.outcome, coalesce(s.design, 'other')`)
    .all(...values) as { topic: string; outcome: string; design: string; count: number; newest: string | null }[];
  const cells = new Map<
    string,
    { topic: string; outcome: string; total: number; byDesign: Record<string, number>; newest: string | null }
  >();
  for (const row of rows) {
    const key = `${row.topic}\u0000${row.outcome}`;
    const cell = cells.get(key) ?? { topic: row.topic, outcome: row.outcome, total: 0, byDesign: {}, newest: null };
    cell.total += row.count;
    cell.byDesign[row.design] = (cell.byDesign[row.design] ?? 0) + row.count;
    if (row.newest && (!cell.newest || row.newest > cell.newest)) cell.newest = row.newest;
    cells.set(key, cell);
  }
  return {
    designs: [...DESIGN_IDS],
    cells: [...cells.values()].sort((a, b) => a.topic.localeCompare(b.topic) || a.outcome.localeCompare(b.outcome)),
  };
}

/** Studies per year (or month) per topic under the filters. */
export function timeline(database: OpenedDatabase, filter: StudyFilter, interval: 'year' | 'month', index: StudyIndex | null = null) {
  const selection = index?.select(filter);
  return selection ? indexTimeline(selection, interval) : sqlTimeline(database, filter, interval);
}

export function sqlTimeline(database: OpenedDatabase, filter: StudyFilter, interval: 'year' | 'month') {
  const { where, values } = filterSql(database, filter);
  const period = interval === 'year' ? 'CAST(s.pub_year AS TEXT)' : 'substr(s.pub_date_sort, 1, 7)';
  const precise = interval === 'year' ? 's.pub_year IS NOT NULL' : 'length(s.pub_date_sort) >= 7';
  const rows = database.sqlite
    .prepare(`
    SELECT st.topic_id AS topic, ${period} AS period, count(*) AS count
    FROM studies s JOIN study_topics st ON st.pmid = s.pmid
    WHERE ${where} AND ${precise}
    GROUP BY st.topic_id, period ORDER BY period, topic`)
    .all(...values) as { topic: string; period: string; count: number }[];
  return { interval, points: rows };
}

/**
 * Facet counts the study index does not hold (findings and quality signals live in their own
 * tables): studies per finding direction in effect (a study counts once per direction it has), and
 * studies per quality signal in effect. Always SQL; the facets route adds them to either answer.
 */
export function findingFacets(database: OpenedDatabase, filter: StudyFilter) {
  const { where, values } = filterSql(database, filter);
  const filtered = `SELECT s.pmid FROM studies s WHERE ${where}`;
  const direction = database.sqlite
    .prepare(`SELECT f.direction AS value, count(DISTINCT f.pmid) AS count FROM effective_findings f
      WHERE f.pmid IN (${filtered}) ${filter.outcome?.length ? `AND f.outcome IN (${filter.outcome.map(() => '?').join(', ')})` : ''}
      GROUP BY f.direction ORDER BY count DESC, value`)
    .all(...values, ...(filter.outcome ?? [])) as Count[];
  const signals = new Map(
    (
      database.sqlite
        .prepare(`SELECT q.signal AS value, count(*) AS count FROM effective_quality q
      WHERE q.value = 1 AND q.signal IN (${QUALITY_SIGNALS.map(() => '?').join(', ')}) AND q.pmid IN (${filtered}) GROUP BY q.signal`)
        .all(...QUALITY_SIGNALS, ...values) as Count[]
    ).map((c) => [c.value, c.count]),
  );
  const quality = (id: QualitySignalId) => signals.get(id) ?? 0;
  return {
    direction,
    quality: {
      randomised: quality('randomised'),
      blinded: quality('blinded'),
      shamOrPlacebo: quality('sham'),
      activeComparator: quality('active_comparator'),
      registered: quality('registered'),
    },
  };
}

/**
 * Per topic × outcome cell: studies by the direction of their finding for that outcome (in effect;
 * a study without a stored finding for it is not counted). Always SQL, like findingFacets.
 */
export function matrixDirections(database: OpenedDatabase, filter: StudyFilter) {
  const { where, values } = filterSql(database, filter);
  const rows = database.sqlite
    .prepare(`
    SELECT st.topic_id AS topic, f.outcome AS outcome, f.direction AS direction, count(DISTINCT s.pmid) AS count
    FROM effective_findings f
    JOIN study_topics st ON st.pmid = f.pmid
    JOIN studies s ON s.pmid = f.pmid
    WHERE ${where}
    GROUP BY st.topic_id, f.outcome, f.direction`)
    .all(...values) as { topic: string; outcome: string; direction: string; count: number }[];
  const cells = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const key = `${row.topic}\u0000${row.outcome}`;
    cells.set(key, { ...cells.get(key), [row.direction]: row.count });
  }
  return cells;
}

/** The matrix with each cell's counts by direction (an empty object where no study has a finding). */
export function withDirections(
  matrix: ReturnType<typeof sqlMatrix>,
  directions: Map<string, Record<string, number>>,
): {
  designs: string[];
  directions: FindingDirection[];
  cells: (ReturnType<typeof sqlMatrix>['cells'][number] & { byDirection: Record<string, number> })[];
} {
  return {
    designs: matrix.designs,
    directions: [...FINDING_DIRECTIONS],
    cells: matrix.cells.map((cell) => ({ ...cell, byDirection: directions.get(`${cell.topic}\u0000${cell.outcome}`) ?? {} })),
  };
}

/** Facets with the finding and quality counts (one reader read when SQL answers). */
export function facetsWithFindings(database: OpenedDatabase, filter: StudyFilter) {
  return { ...facets(database, filter), ...findingFacets(database, filter) };
}

/** The matrix with each cell's counts by direction (one reader read when SQL answers). */
export function matrixWithDirections(database: OpenedDatabase, filter: StudyFilter) {
  return withDirections(evidenceMatrix(database, filter), matrixDirections(database, filter));
}

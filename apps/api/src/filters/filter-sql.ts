import type { OpenedDatabase } from '@evidence/schema';
import { InvalidFilter } from '../domain-errors.ts';
import type { StudyFilter } from './filter-schema.ts';

export interface FilterSql {
  /** AND-ed conditions on the alias `s` (studies); only placeholders carry user input. */
  where: string;
  values: (string | number)[];
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Turns validated filters into SQL conditions with bound values: no user text is ever spliced in. */
export function filterSql(database: OpenedDatabase, f: StudyFilter): FilterSql {
  const where: string[] = ['s.deleted_at IS NULL'];
  const values: (string | number)[] = [];
  const add = (sql: string, ...args: (string | number)[]) => { where.push(sql); values.push(...args); };

  // Topic and outcome filters are `pmid IN (subquery)` so SQLite can drive them from their indexes
  // (study_topics by topic, study_tags by kind and value) instead of probing every study. Outcomes
  // in effect are the effective_outcomes view's (migration 0002), which SQLite flattens into the
  // same index walk.
  if (f.topic?.length) {
    const groups = f.match === 'all' ? f.topic.map((t) => [t]) : [f.topic];
    for (const group of groups) add(`s.pmid IN (SELECT st.pmid FROM study_topics st WHERE st.topic_id IN (${placeholders(group.length)}))`, ...group);
  }
  if (f.outcome?.length) {
    const groups = f.match === 'all' ? f.outcome.map((o) => [o]) : [f.outcome];
    for (const group of groups) {
      add(`s.pmid IN (SELECT e.pmid FROM effective_outcomes e WHERE e.outcome IN (${placeholders(group.length)}))`, ...group);
    }
  }
  if (f.design?.length) add(`s.design IN (${placeholders(f.design.length)})`, ...f.design);
  if (f.year_from !== undefined) add('s.pub_year >= ?', f.year_from);
  if (f.year_to !== undefined) add('s.pub_year <= ?', f.year_to);
  if (f.language?.length) add(`EXISTS (SELECT 1 FROM json_each(s.languages) l WHERE l.value IN (${placeholders(f.language.length)}))`, ...f.language);
  if (f.journal?.length) add(`s.journal_title IN (${placeholders(f.journal.length)})`, ...f.journal);
  if (f.retracted === 'exclude') add('s.is_retracted = 0');
  if (f.retracted === 'only') add('s.is_retracted = 1');
  if (f.reviewed !== undefined) {
    add(f.reviewed ? 'EXISTS (SELECT 1 FROM study_curation sc WHERE sc.pmid = s.pmid AND sc.reviewed = 1)'
      : 'NOT EXISTS (SELECT 1 FROM study_curation sc WHERE sc.pmid = s.pmid AND sc.reviewed = 1)');
  }
  if (f.inclusion === 'undecided') add('NOT EXISTS (SELECT 1 FROM study_curation sc WHERE sc.pmid = s.pmid AND sc.inclusion IS NOT NULL)');
  else if (f.inclusion) add('EXISTS (SELECT 1 FROM study_curation sc WHERE sc.pmid = s.pmid AND sc.inclusion = ?)', f.inclusion);
  if (f.added_since) add('s.first_seen_at >= ?', resolveAddedSince(database, f.added_since));
  if (f.pmid?.length) add(`s.pmid IN (${placeholders(f.pmid.length)})`, ...f.pmid.map(Number));
  if (f.q) {
    assertValidFtsQuery(database, f.q);
    add('s.pmid IN (SELECT rowid FROM studies_fts WHERE studies_fts MATCH ?)', f.q);
  }
  return { where: where.join(' AND '), values };
}

/** added_since as the first_seen_at it means: a date or timestamp as ISO text, or the start of run N. */
export function resolveAddedSince(database: OpenedDatabase, value: string): string {
  if (value.startsWith('run:')) {
    const runId = Number(value.slice(4));
    const started = database.sqlite.prepare('SELECT started_at FROM ingestion_runs WHERE id = ?').pluck().get(runId) as string | undefined;
    if (!started) throw new InvalidFilter('added_since', `added_since: no ingestion run ${runId}`);
    return started;
  }
  return value.length === 10 ? `${value}T00:00:00.000Z` : new Date(value).toISOString();
}

/** FTS5 reports syntax errors only when a query runs (LIMIT 0 would skip it): run it once to name the problem. */
export function assertValidFtsQuery(database: OpenedDatabase, q: string): void {
  try {
    database.sqlite.prepare('SELECT rowid FROM studies_fts WHERE studies_fts MATCH ? LIMIT 1').all(q);
  } catch (error) {
    const reason = (error as Error).message.replace(/^fts5: /, '');
    throw new InvalidFilter('q', `q: not a valid full-text query (${reason}); put phrases in double quotes and use AND, OR, NOT between words`);
  }
}

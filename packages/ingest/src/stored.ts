import type { OpenedDatabase } from '@evidence/schema';

/** What an ingestion stored, read straight from SQLite (for tests). */
export function stored(opened: OpenedDatabase) {
  const q = (sql: string, ...params: unknown[]) => opened.sqlite.prepare(sql).get(...params) as { n: number };
  return {
    studies: q('SELECT count(*) AS n FROM studies').n,
    duplicatePmids: q('SELECT count(*) - count(DISTINCT pmid) AS n FROM studies').n,
    duplicateTopicLinks: q('SELECT count(*) AS n FROM (SELECT pmid, topic_id FROM study_topics GROUP BY 1, 2 HAVING count(*) > 1)').n,
    withoutAuthors: q('SELECT count(*) AS n FROM studies s WHERE NOT EXISTS (SELECT 1 FROM authors a WHERE a.pmid = s.pmid)').n,
    withoutRuleTags: q(
      `SELECT count(*) AS n FROM studies s WHERE NOT EXISTS (SELECT 1 FROM study_tags t WHERE t.pmid = s.pmid AND t.source = 'rule')`,
    ).n,
    pmids: opened.sqlite.prepare('SELECT pmid FROM studies ORDER BY pmid').pluck().all() as number[],
  };
}

export interface RunRow {
  id: number;
  topic_id: string;
  status: string;
  found: number;
  new_count: number;
  updated: number;
  unchanged: number;
  failed: number;
  deleted: number;
  requests: number;
  retries: number;
  error: string | null;
  notes: string;
  window_from: string;
  window_to: string;
}

/** The run log (ingestion_runs), oldest first. */
export function runRows(opened: OpenedDatabase): RunRow[] {
  return opened.sqlite.prepare('SELECT * FROM ingestion_runs ORDER BY id').all() as RunRow[];
}

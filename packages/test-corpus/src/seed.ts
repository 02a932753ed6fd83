// Fills a test database with the fixture corpus the way ingestion does (parsed XML, the study store,
// rule tags, topic links from each fixture's saved-query topics, one run row), without a server.
import { buildArticleSetXml, FIXTURE_STUDIES } from '@evidence/eutils-fixtures';
import { parsePubmedXml } from '@evidence/pubmed';
import { createStudyStore, createTagWriter, syncTopics } from '@evidence/ingest/testing';
import { loadTopicsFile, type OpenedDatabase } from '@evidence/schema';
import { tagStudy, toTaggable } from '@evidence/tagger';

export const SEEDED_AT = '2026-11-01T08:00:00.000Z';

/** Writes `studies` as one succeeded search run at `now`; returns the run's id. */
export function seedFixtureCorpus(db: OpenedDatabase, studies = FIXTURE_STUDIES, now = SEEDED_AT): number {
  syncTopics(db, loadTopicsFile(), now);
  const runId = Number(
    db.sqlite
      .prepare(`INSERT INTO ingestion_runs (kind, topic_id, query, window_from, window_to, started_at, ended_at, status, found, new_count)
    VALUES ('search', 'tvns', 'fixture', '1800-01-01', '2026-11-01', ?, ?, 'succeeded', ?, ?)`)
      .run(now, now, studies.length, studies.length).lastInsertRowid,
  );
  const writer = createTagWriter(db);
  const store = createStudyStore(db, (record, ctx) => writer.write(Number(record.pmid), tagStudy(toTaggable(record)), ctx.now));
  const { records } = parsePubmedXml(buildArticleSetXml(studies));
  const ctx = { runId, topicId: null, origin: 'search' as const, now };
  store.writeBatch(records, [], ctx);
  for (const spec of studies) for (const topic of spec.topics) store.linkTopic(spec.pmid, topic, 'query', ctx);
  return runId;
}

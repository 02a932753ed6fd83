import type { DeletedCitation, PubmedRecord } from '@evidence/pubmed';
import type { OpenedDatabase } from '@evidence/schema';
import { CONTENT_COLUMNS, toStudyContent, type StudyContent } from './study-row.ts';

export interface StoreContext {
  runId: number | null;
  /** Topic whose saved query found these records; null for imports (topics come from rules). */
  topicId: string | null;
  origin: 'search' | 'import';
  now: string;
}

export interface BatchOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
  /** PMIDs that were new or changed: the ones to (re-)tag. */
  touched: PubmedRecord[];
}

/** Called inside the batch transaction for each new or changed record (tags, topic rules). */
export type AfterWrite = (record: PubmedRecord, ctx: StoreContext) => void;

/**
 * Writes parsed records with prepared statements (the hot path of ingestion). Each batch is one
 * transaction: a crash mid-batch leaves the database as it was before the batch.
 */
export function createStudyStore(opened: OpenedDatabase, afterWrite?: AfterWrite) {
  const { sqlite } = opened;
  const columns = CONTENT_COLUMNS.join(', ');
  const placeholders = CONTENT_COLUMNS.map((c) => `@${c}`).join(', ');
  const updates = CONTENT_COLUMNS.map((c) => `${c} = @${c}`).join(', ');

  const selectExisting = sqlite.prepare(`SELECT content_hash, ${columns} FROM studies WHERE pmid = ?`);
  const selectAuthors = sqlite.prepare(`SELECT last_name, fore_name, initials, suffix, collective_name, orcid, affiliations, valid, investigator
    FROM authors WHERE pmid = ? ORDER BY position`).raw();
  const insertStudy = sqlite.prepare(`INSERT INTO studies (pmid, ${columns}, content_hash, origin, first_seen_at, first_seen_run_id, last_updated_at)
    VALUES (@pmid, ${placeholders}, @content_hash, @origin, @now, @run_id, @now)`);
  const updateStudy = sqlite.prepare(`UPDATE studies SET ${updates},
    content_hash = @content_hash, last_updated_at = @now, deleted_at = NULL WHERE pmid = @pmid`);
  const saveRecord = sqlite.prepare(`INSERT INTO study_records (pmid, raw_record, raw_format) VALUES (?, ?, ?)
    ON CONFLICT (pmid) DO UPDATE SET raw_record = excluded.raw_record, raw_format = excluded.raw_format`);
  const deleteAuthors = sqlite.prepare(`DELETE FROM authors WHERE pmid = ?`);
  const insertAuthor = sqlite.prepare(`INSERT INTO authors (pmid, position, last_name, fore_name, initials, suffix, collective_name, orcid, affiliations, valid, investigator)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const linkTopic = sqlite.prepare(`INSERT INTO study_topics (pmid, topic_id, found_by, run_id, first_found_at)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const recordChange = sqlite.prepare(`INSERT INTO study_changes (pmid, run_id, changed_fields, changed_at) VALUES (?, ?, ?, ?)`);
  const markDeleted = sqlite.prepare(`UPDATE studies SET deleted_at = ?, last_updated_at = ? WHERE pmid = ? AND deleted_at IS NULL`);

  function writeAuthors(pmid: number, record: PubmedRecord) {
    deleteAuthors.run(pmid);
    record.authors.forEach((a, position) => insertAuthor.run(pmid, position, ...authorFields(a)));
  }

  function writeOne(record: PubmedRecord, ctx: StoreContext, outcome: BatchOutcome) {
    const pmid = Number(record.pmid);
    const { content, hash } = toStudyContent(record);
    const existing = selectExisting.get(pmid) as (StudyContent & { content_hash: string }) | undefined;
    if (existing && existing.content_hash === hash) {
      if (ctx.topicId) linkTopic.run(pmid, ctx.topicId, 'query', ctx.runId, ctx.now);
      outcome.unchanged++;
      return;
    }
    const { authors_json: _authors, ...columnsOnly } = content;
    const params = { ...columnsOnly, pmid, content_hash: hash, now: ctx.now, run_id: ctx.runId, origin: ctx.origin };
    if (existing) {
      const changed: string[] = CONTENT_COLUMNS.filter((c) => existing[c] !== content[c]);
      if (authorsDigest(selectAuthors.all(pmid) as unknown[][]) !== authorsDigest(record.authors.map(authorFields))) changed.push('authors');
      updateStudy.run(params);
      saveRecord.run(pmid, record.rawXml, record.rawFormat);
      writeAuthors(pmid, record);
      recordChange.run(pmid, ctx.runId, JSON.stringify(changed), ctx.now);
      outcome.updated++;
    } else {
      insertStudy.run(params);
      saveRecord.run(pmid, record.rawXml, record.rawFormat);
      writeAuthors(pmid, record);
      outcome.inserted++;
    }
    if (ctx.topicId) linkTopic.run(pmid, ctx.topicId, 'query', ctx.runId, ctx.now);
    outcome.touched.push(record);
    afterWrite?.(record, ctx);
  }

  const writeBatch = sqlite.transaction((records: PubmedRecord[], deletions: DeletedCitation[], ctx: StoreContext) => {
    const outcome: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, deleted: 0, touched: [] };
    for (const record of records) writeOne(record, ctx, outcome);
    for (const deletion of deletions) outcome.deleted += markDeleted.run(ctx.now, ctx.now, Number(deletion.pmid)).changes;
    return outcome;
  });

  return {
    /** Links a study to a topic found by a saved query or by the local topic rules; idempotent. */
    linkTopic: (pmid: number, topicId: string, foundBy: 'query' | 'rule', ctx: StoreContext) => {
      linkTopic.run(pmid, topicId, foundBy, ctx.runId, ctx.now);
    },
    /** Upserts records and applies deletions in one transaction; idempotent. */
    writeBatch: (records: PubmedRecord[], deletions: DeletedCitation[], ctx: StoreContext): BatchOutcome =>
      writeBatch.immediate(records, deletions, ctx),
  };
}

/** An author as the column values of `authors` (after pmid and position), in column order. */
function authorFields(a: PubmedRecord['authors'][number]): unknown[] {
  return [a.lastName, a.foreName, a.initials, a.suffix, a.collectiveName, a.orcid, JSON.stringify(a.affiliations), a.valid ? 1 : 0, a.investigator ? 1 : 0];
}

function authorsDigest(rows: unknown[][]): string {
  return JSON.stringify(rows);
}

export type StudyStore = ReturnType<typeof createStudyStore>;

import type { DeletedCitation, PubmedRecord } from '@evidence/pubmed';
import type { OpenedDatabase } from '@evidence/schema';
import { multiRowInsert } from './multi-row-insert.ts';
import { CONTENT_COLUMNS, prepareStudy, type PreparedStudy } from './study-row.ts';

/**
 * New studies per INSERT statement: about what FTS5 buffers before it writes a segment anyway
 * (1 MB of terms), and 54 parameters a row stays far below SQLite's limit of 32,766.
 */
const STUDIES_PER_INSERT = 100;

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
}

/**
 * Called inside the batch transaction for each new or changed study (tags, topic rules), with its
 * index in the batch; `isNew` when the study did not exist before (so it has no rule tags yet).
 */
export type AfterWrite = (study: PreparedStudy, index: number, isNew: boolean, ctx: StoreContext) => void;

/** writeBatch()'s hook: each new or changed parsed record, inside the transaction. */
export type AfterWriteRecord = (record: PubmedRecord, ctx: StoreContext) => void;

/**
 * Writes records with prepared statements (the hot path of ingestion). Each batch is one
 * transaction: a crash mid-batch leaves the database as it was before the batch.
 */
export function createStudyStore(opened: OpenedDatabase, afterWriteRecord?: AfterWriteRecord) {
  const { sqlite } = opened;
  const columns = CONTENT_COLUMNS.join(', ');
  const placeholders = CONTENT_COLUMNS.map(() => '?').join(', ');
  const updates = CONTENT_COLUMNS.map((c) => `${c} = ?`).join(', ');

  const selectHash = sqlite.prepare(`SELECT content_hash FROM studies WHERE pmid = ?`).pluck();
  const selectExisting = sqlite.prepare(`SELECT ${columns} FROM studies WHERE pmid = ?`).raw();
  const selectAuthors = sqlite
    .prepare(`SELECT last_name, fore_name, initials, suffix, collective_name, orcid, affiliations, valid, investigator
    FROM authors WHERE pmid = ? ORDER BY position`)
    .raw();
  // New studies go in several rows per INSERT. Every statement that may need undoing opens a
  // statement savepoint, and FTS5 writes its pending terms out as a new segment at each savepoint:
  // one INSERT per study (its full-text trigger, then the authors and tags after it) made one
  // segment per study, and merging those read the whole full-text index over and over (a 40,000
  // record import slowed to 100 records/s; ADR 0004).
  const insertStudies = multiRowInsert(
    sqlite,
    `INSERT INTO studies (${columns}, pmid, content_hash, origin, first_seen_at,
      first_seen_run_id, last_updated_at, design, sample_size, tagged_ruleset_version)`,
    `(${placeholders}, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    STUDIES_PER_INSERT,
  );
  const updateStudy = sqlite.prepare(`UPDATE studies SET ${updates},
    content_hash = ?, last_updated_at = ?, deleted_at = NULL WHERE pmid = ?`);
  const saveRecord = sqlite.prepare(`INSERT INTO study_records (pmid, raw_record, raw_format) VALUES (?, ?, ?)
    ON CONFLICT (pmid) DO UPDATE SET raw_record = excluded.raw_record, raw_format = excluded.raw_format`);
  const deleteAuthors = sqlite.prepare(`DELETE FROM authors WHERE pmid = ?`);
  const insertAuthors = multiRowInsert(
    sqlite,
    `INSERT INTO authors (pmid, position, last_name, fore_name, initials, suffix,
      collective_name, orcid, affiliations, valid, investigator)`,
    '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    256,
  );
  const linkTopic = sqlite.prepare(`INSERT INTO study_topics (pmid, topic_id, found_by, run_id, first_found_at)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`);
  const recordChange = sqlite.prepare(`INSERT INTO study_changes (pmid, run_id, changed_fields, changed_at) VALUES (?, ?, ?, ?)`);
  const markDeleted = sqlite.prepare(`UPDATE studies SET deleted_at = ?, last_updated_at = ? WHERE pmid = ? AND deleted_at IS NULL`);

  function writeAuthors(study: PreparedStudy, isNew: boolean) {
    if (!isNew) deleteAuthors.run(study.pmid);
    insertAuthors(study.authors.map((fields, position) => [study.pmid, position, ...fields]));
  }

  /** Everything but the studies row itself, for a study just inserted or updated. */
  function writeDetails(study: PreparedStudy, index: number, isNew: boolean, ctx: StoreContext, afterWrite?: AfterWrite) {
    saveRecord.run(study.pmid, study.rawXml, study.rawFormat);
    writeAuthors(study, isNew);
    if (ctx.topicId) linkTopic.run(study.pmid, ctx.topicId, 'query', ctx.runId, ctx.now);
    afterWrite?.(study, index, isNew, ctx);
  }

  function writeAll(studies: PreparedStudy[], deletions: DeletedCitation[], ctx: StoreContext, afterWrite?: AfterWrite): BatchOutcome {
    const outcome: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 };
    // New studies wait here (with their index in the batch) to be inserted STUDIES_PER_INSERT at a time.
    let pending: { study: PreparedStudy; index: number }[] = [];
    const pendingPmids = new Set<number>();
    const insertPending = () => {
      if (!pending.length) return;
      insertStudies(
        pending.map(({ study: { values, pmid, hash, tagged } }) => [
          ...values,
          pmid,
          hash,
          ctx.origin,
          ctx.now,
          ctx.runId,
          ctx.now,
          tagged?.design ?? null,
          tagged?.sampleSize ?? null,
          tagged?.rulesetVersion ?? null,
        ]),
      );
      for (const { study, index } of pending) writeDetails(study, index, true, ctx, afterWrite);
      outcome.inserted += pending.length;
      pending = [];
      pendingPmids.clear();
    };

    studies.forEach((study, index) => {
      const { pmid, hash } = study;
      // The same PMID twice in one batch (a record and its revision): the first must be stored
      // before the second is compared with it.
      if (pendingPmids.has(pmid)) insertPending();
      const existingHash = selectHash.get(pmid) as string | undefined;
      if (existingHash === hash) {
        if (ctx.topicId) linkTopic.run(pmid, ctx.topicId, 'query', ctx.runId, ctx.now);
        outcome.unchanged++;
      } else if (existingHash === undefined) {
        pending.push({ study, index });
        pendingPmids.add(pmid);
        if (pending.length === STUDIES_PER_INSERT) insertPending();
      } else {
        const existing = selectExisting.get(pmid) as unknown[];
        const changed: string[] = CONTENT_COLUMNS.filter((_, i) => existing[i] !== study.values[i]);
        if (JSON.stringify(selectAuthors.all(pmid)) !== JSON.stringify(study.authors)) changed.push('authors');
        updateStudy.run(...study.values, hash, ctx.now, pmid);
        recordChange.run(pmid, ctx.runId, JSON.stringify(changed), ctx.now);
        outcome.updated++;
        writeDetails(study, index, false, ctx, afterWrite);
      }
    });
    insertPending();
    for (const deletion of deletions) outcome.deleted += markDeleted.run(ctx.now, ctx.now, Number(deletion.pmid)).changes;
    return outcome;
  }
  const writeBatch = sqlite.transaction(writeAll);

  return {
    /** Links a study to a topic found by a saved query or by the local topic rules; idempotent. */
    linkTopic: (pmid: number, topicId: string, foundBy: 'query' | 'rule', ctx: StoreContext) => {
      linkTopic.run(pmid, topicId, foundBy, ctx.runId, ctx.now);
    },
    /**
     * The same inside a transaction the caller opened and will commit (or roll back) as a whole.
     * No SAVEPOINT per call, which a nested transaction would use: FTS5 writes a new segment at
     * every savepoint, and merging thousands of small segments multiplied the import's reads.
     */
    writeInTransaction: (
      studies: PreparedStudy[],
      deletions: DeletedCitation[],
      ctx: StoreContext,
      afterWrite?: AfterWrite,
    ): BatchOutcome => {
      if (!sqlite.inTransaction) throw new Error('writeInTransaction needs an open transaction');
      return writeAll(studies, deletions, ctx, afterWrite);
    },
    /** Upserts studies prepared by prepareStudy() and applies deletions in one transaction; idempotent. */
    writePrepared: (studies: PreparedStudy[], deletions: DeletedCitation[], ctx: StoreContext, afterWrite?: AfterWrite): BatchOutcome =>
      writeBatch.immediate(studies, deletions, ctx, afterWrite),
    /** The same for parsed records; the store's hook gets each new or changed record. */
    writeBatch: (records: PubmedRecord[], deletions: DeletedCitation[], ctx: StoreContext): BatchOutcome =>
      writeBatch.immediate(
        records.map(prepareStudy),
        deletions,
        ctx,
        afterWriteRecord && ((_, i, __, c) => afterWriteRecord(records[i]!, c)),
      ),
  };
}

export type StudyStore = ReturnType<typeof createStudyStore>;

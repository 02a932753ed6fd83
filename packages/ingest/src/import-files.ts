import { openPubmedFile, PubmedXmlError, streamRawRecords, type DeletedCitation, type RawRecord } from '@evidence/pubmed';
import type { OpenedDatabase, TopicDefinition } from '@evidence/schema';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { createParsePool, type RecordItem, type WorkResult } from './import-pipeline.ts';
import { silentProgress, type IngestProgress } from './progress.ts';
import { createRunLog } from './run-log.ts';
import { createStudyStore, type AfterWrite, type StoreContext, type StudyStore } from './study-store.ts';
import { createTagWriter, type TagWriter } from './tag-writer.ts';
import { syncTopics } from './topic-sync.ts';

export interface ImportOptions {
  opened: OpenedDatabase;
  files: string[];
  topics: TopicDefinition[];
  dryRun: boolean;
  /** Where progress goes (the file's name stands for the topic); nothing listens by default. */
  progress?: IngestProgress;
  signal?: AbortSignal;
  clock?: () => Date;
  /** Records per transaction (default 1000): one FTS segment and one WAL copy of the hot pages per batch. */
  batchSize?: number;
  /** Parse/tag worker threads; 0 parses on the calling thread. Default: none for files under 1 MB, else one. */
  threads?: number;
}

/** Records per message to a worker: big enough to amortise the message, small enough to keep both busy. */
const PARSE_BATCH = 50;
/**
 * Batches queued per worker: enough work (300 records) to keep the worker busy while this thread
 * writes and commits, yet a few MB in flight. One worker: storing is the slower side (see
 * `pnpm bench:ingest`'s per-stage table), so a second worker only added ~70 MB of peak RSS.
 */
const PER_WORKER = 6;
const SMALL_FILE = 1 << 20;

export interface FileSummary {
  file: string;
  runId: number | null;
  status: 'succeeded' | 'failed' | 'interrupted' | 'dry_run';
  records: number;
  new: number;
  updated: number;
  unchanged: number;
  failed: number;
  deleted: number;
  error: string | null;
}

/**
 * What an imported study gets beside its row, inside the batch transaction: its rule tags and the
 * topics its rules match. Both were computed with the parse, off the writing thread.
 */
export function writeTagsAndTopics(tagWriter: TagWriter, store: StudyStore, item: RecordItem, isNew: boolean, ctx: StoreContext): void {
  tagWriter.write(item.study!.pmid, item.tagging!, ctx.now, isNew);
  for (const topic of item.topics) store.linkTopic(item.study!.pmid, topic, 'rule', ctx);
}

export interface ImportSummary {
  status: 'succeeded' | 'failed';
  files: FileSummary[];
}

/**
 * `pnpm ingest import FILE...`: streams PubMed XML (.xml, .xml.gz, NLM baseline/update files) and
 * MEDLINE files record by record, so memory stays bounded whatever the file size. Imported
 * studies get topics from the local rules (each topic's synonyms and MeSH terms).
 * The calling thread (the import thread, see import-thread.ts) splits the file into records and
 * writes SQLite; parsing and tagging run in a worker thread (import-pipeline.ts), results coming
 * back in file order.
 */
export async function importFiles(options: ImportOptions): Promise<ImportSummary> {
  const { opened } = options;
  const progress = options.progress ?? silentProgress;
  const clock = options.clock ?? (() => new Date());
  const batchSize = options.batchSize ?? 1000;
  if (!options.dryRun) syncTopics(opened, options.topics, clock().toISOString());
  const runLog = createRunLog(opened, clock);
  const tagWriter = createTagWriter(opened);
  const store: StudyStore = createStudyStore(opened);
  const files: FileSummary[] = [];

  for (const file of options.files) {
    if (options.signal?.aborted) break;
    const run = options.dryRun
      ? null
      : runLog.start({ kind: 'import', topicId: null, query: basename(file), windowFrom: null, windowTo: null });
    const summary: FileSummary = {
      file,
      runId: run?.id ?? null,
      status: options.dryRun ? 'dry_run' : 'succeeded',
      records: 0,
      new: 0,
      updated: 0,
      unchanged: 0,
      failed: 0,
      deleted: 0,
      error: null,
    };
    // A batch of `batchSize` records is one transaction, but it is written as the parsed records
    // arrive and only committed at the end: this thread then holds the records in flight, not the
    // whole batch, so a large batch (fewer FTS segments and WAL copies of hot pages) costs no memory.
    let records: RecordItem[] = [];
    let deletions: DeletedCitation[] = [];
    let written = 0;
    const uncommitted = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 };
    const afterWrite: AfterWrite = (_study, i, isNew, ctx) => writeTagsAndTopics(tagWriter, store, records[i]!, isNew, ctx);
    /** Writes what was collected since the last call into the open transaction (opening it). */
    const write = () => {
      if (run && (records.length || deletions.length)) {
        if (!opened.sqlite.inTransaction) opened.sqlite.exec('BEGIN IMMEDIATE');
        const studies = records.map((r) => r.study!);
        const outcome = store.writeInTransaction(
          studies,
          deletions,
          { runId: run.id, topicId: null, origin: 'import', now: clock().toISOString() },
          afterWrite,
        );
        uncommitted.inserted += outcome.inserted;
        uncommitted.updated += outcome.updated;
        uncommitted.unchanged += outcome.unchanged;
        uncommitted.deleted += outcome.deleted;
        written += records.length + deletions.length;
      }
      records = [];
      deletions = [];
    };
    const flush = () => {
      write();
      if (run && opened.sqlite.inTransaction) {
        opened.sqlite.exec('COMMIT');
        summary.new += uncommitted.inserted;
        summary.updated += uncommitted.updated;
        summary.unchanged += uncommitted.unchanged;
        summary.deleted += uncommitted.deleted;
        Object.assign(run.counts, {
          found: summary.records,
          newCount: summary.new,
          updated: summary.updated,
          unchanged: summary.unchanged,
          failed: summary.failed,
          deleted: summary.deleted,
        });
        run.save();
      }
      Object.assign(uncommitted, { inserted: 0, updated: 0, unchanged: 0, deleted: 0 });
      written = 0;
      progress.stored(basename(file), { fetched: summary.records, found: summary.records });
    };
    /** Takes parsed batches in file order; false once the file must stop (malformed record, Ctrl-C). */
    const accept = (results: WorkResult[]): boolean => {
      for (const result of results) {
        for (const item of result.items) {
          if (item.type === 'record') {
            summary.records++;
            records.push(item);
          } else if (item.type === 'deletion') {
            deletions.push(item.deletion);
          } else {
            summary.failed++;
            run?.notes.push(`skipped record ${item.error.pmid ?? '(no PMID)'}: ${item.error.reason}`);
          }
          if (written + records.length + deletions.length >= batchSize) flush();
        }
        // A record that is not well-formed XML refuses the batch it is in (as before: the records
        // of full batches already written are kept; the open transaction is rolled back).
        if (result.error) throw new PubmedXmlError(result.error.message);
        write();
        if (options.signal?.aborted) return false;
      }
      return true;
    };
    progress.topicStarted(basename(file), { datetype: 'crdt', from: 'file', to: 'file' });
    // A small file is not worth starting workers for (each loads the parser and the tagger).
    const threads = options.threads ?? ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > SMALL_FILE ? 1 : 0);
    const pool = createParsePool({ threads, topics: options.topics, tag: !options.dryRun, perWorker: PER_WORKER });
    try {
      let pending: RawRecord[] = [];
      let going = true;
      for await (const raws of streamRawRecords(openPubmedFile(file))) {
        for (const raw of raws) {
          pending.push(raw);
          if (pending.length >= PARSE_BATCH) {
            await pool.submit(pending);
            pending = [];
            if (!(going = accept(pool.drainReady()))) break;
          }
        }
        if (!going) break;
      }
      if (going && pending.length) await pool.submit(pending);
      if (going && accept(await pool.finish())) flush();
      if (options.signal?.aborted) {
        if (written || records.length || deletions.length) flush();
        summary.status = 'interrupted';
        summary.error = 'stopped by the user; batches stored so far are kept';
      }
    } catch (error) {
      if (opened.sqlite.inTransaction) opened.sqlite.exec('ROLLBACK');
      summary.status = 'failed';
      summary.error = `${basename(file)}: ${(error as Error).message}`;
    } finally {
      await pool.close();
    }
    run?.end(summary.status === 'dry_run' ? 'succeeded' : summary.status, summary.error ?? undefined);
    progress.line(
      `import ${basename(file)}: ${summary.status}; ${summary.records} records (${summary.new} new, ${summary.updated} updated, ${summary.unchanged} unchanged), ${summary.deleted} deleted, ${summary.failed} skipped${summary.error ? ` — ${summary.error}` : ''}`,
    );
    files.push(summary);
  }
  const status: ImportSummary['status'] = files.every((f) => f.status === 'succeeded' || f.status === 'dry_run') ? 'succeeded' : 'failed';
  return { status, files };
}

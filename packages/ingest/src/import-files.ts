import {
  emptyStreamStats,
  openPubmedFile,
  PubmedXmlError,
  streamRawRecords,
  type DeletedCitation,
  type DroppedLines,
  type RawRecord,
} from '@evidence/pubmed';
import type { OpenedDatabase, TopicDefinition } from '@evidence/schema';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { createParsePool, type RecordItem, type WorkResult } from './import-pipeline.ts';
import { silentProgress, type IngestProgress } from './progress.ts';
import { checkpoint } from './run-lock.ts';
import { createRunLog, type ActiveRun } from './run-log.ts';
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
  /** Records per transaction (default 500, about a quarter of a second of writing): one FTS segment and one WAL copy of the hot pages per batch. */
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
/** A batch is also written once its records' text passes this, so a file of huge records keeps memory bounded. */
const BATCH_CHARS = 16 * 1024 * 1024;
/** Skipped records named on the progress output per file; the run's notes name them all. */
const WARNINGS_PER_FILE = 10;
/**
 * The least time between one batch's COMMIT and the next BEGIN. A connection waiting for the write
 * lock (an API curation write) sleeps in SQLite's busy handler and retries at most every 100 ms:
 * a gap longer than that is one it cannot miss, so it waits at most about one batch.
 */
const WRITE_GAP_MS = 150;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  /** Byte sequences that were not valid UTF-8; they are stored as U+FFFD. */
  invalidUtf8: number;
  /** MEDLINE lines that were not MEDLINE and were dropped, with the first few line numbers. */
  droppedLines: DroppedLines;
  error: string | null;
}

/** What a person should know about how a file was read, for the summary line and the run's notes. */
function fileNotices(summary: FileSummary): string[] {
  const notices: string[] = [];
  if (summary.invalidUtf8) notices.push(`${summary.invalidUtf8} invalid UTF-8 byte sequences stored as U+FFFD`);
  const { count, lines } = summary.droppedLines;
  if (count) notices.push(`${count} lines dropped as not MEDLINE (lines ${lines.join(', ')}${count > lines.length ? ', …' : ''})`);
  return notices;
}

function saveCounts(run: ActiveRun, summary: FileSummary): void {
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
  const batchSize = options.batchSize ?? 500;
  if (!options.dryRun) syncTopics(opened, options.topics, clock().toISOString());
  const runLog = createRunLog(opened, clock);
  const tagWriter = createTagWriter(opened);
  const store: StudyStore = createStudyStore(opened);
  const files: FileSummary[] = [];

  for (const file of options.files) {
    if (options.signal?.aborted) break;
    const name = basename(file);
    const run = options.dryRun ? null : runLog.start({ kind: 'import', topicId: null, query: name, windowFrom: null, windowTo: null });
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
      invalidUtf8: 0,
      droppedLines: { count: 0, lines: [] },
      error: null,
    };
    const stats = emptyStreamStats();
    // Parsed, tagged rows ready to bind wait here until a batch is full; only then is the write
    // lock taken, for one short transaction (see WRITE_GAP_MS for what happens between them).
    let records: RecordItem[] = [];
    let deletions: DeletedCitation[] = [];
    let batchChars = 0;
    let lastCommit = Number.NEGATIVE_INFINITY;
    const afterWrite: AfterWrite = (_study, i, isNew, ctx) => writeTagsAndTopics(tagWriter, store, records[i]!, isNew, ctx);
    const writeBatch = async () => {
      if (run && (records.length || deletions.length)) {
        const wait = lastCommit + WRITE_GAP_MS - performance.now();
        if (wait > 0) await sleep(wait);
        const { sqlite } = opened;
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          const outcome = store.writeInTransaction(
            records.map((r) => r.study!),
            deletions,
            { runId: run.id, topicId: null, origin: 'import', now: clock().toISOString() },
            afterWrite,
          );
          summary.new += outcome.inserted;
          summary.updated += outcome.updated;
          summary.unchanged += outcome.unchanged;
          summary.deleted += outcome.deleted;
          saveCounts(run, summary);
          sqlite.exec('COMMIT');
        } catch (error) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          throw error;
        }
        lastCommit = performance.now();
        checkpoint(opened);
      }
      records = [];
      deletions = [];
      batchChars = 0;
      progress.stored(name, { fetched: summary.records, found: summary.records });
    };
    /** Takes parsed batches in file order; false once the file must stop (Ctrl-C). */
    const accept = async (results: WorkResult[]): Promise<boolean> => {
      for (const result of results) {
        for (const item of result.items) {
          if (item.type === 'record') {
            summary.records++;
            records.push(item);
            batchChars += item.study?.rawXml.length ?? 0;
          } else if (item.type === 'deletion') {
            deletions.push(item.deletion);
          } else {
            summary.failed++;
            const note = `skipped record ${item.error.pmid ?? '(no PMID)'}: ${item.error.reason}`;
            run?.notes.push(note);
            if (summary.failed <= WARNINGS_PER_FILE) progress.line(`import ${name}: ${note}`);
          }
          if (records.length + deletions.length >= batchSize || batchChars >= BATCH_CHARS) await writeBatch();
        }
        // A record that is not well-formed XML refuses the batch it is in: the batches written
        // before it are kept, the records collected since are not written.
        if (result.error) throw new PubmedXmlError(result.error.message);
        if (options.signal?.aborted) return false;
      }
      return true;
    };
    progress.fileStarted(name);
    // A small file is not worth starting workers for (each loads the parser and the tagger).
    const threads = options.threads ?? ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > SMALL_FILE ? 1 : 0);
    const pool = createParsePool({ threads, topics: options.topics, tag: !options.dryRun, perWorker: PER_WORKER });
    try {
      let pending: RawRecord[] = [];
      let going = true;
      for await (const raws of streamRawRecords(openPubmedFile(file), stats)) {
        for (const raw of raws) {
          pending.push(raw);
          if (pending.length >= PARSE_BATCH) {
            await pool.submit(pending);
            pending = [];
            if (!(going = await accept(pool.drainReady()))) break;
          }
        }
        if (!going) break;
      }
      if (going && pending.length) await pool.submit(pending);
      if (going) await accept(await pool.finish());
      // Ctrl-C: what was parsed before it is stored too, in one last short transaction.
      await writeBatch();
      if (options.signal?.aborted) {
        summary.status = 'interrupted';
        summary.error = 'stopped by the user; batches stored so far are kept';
      }
    } catch (error) {
      summary.status = 'failed';
      summary.error = `${name}: ${(error as Error).message}`;
    } finally {
      await pool.close();
    }
    summary.invalidUtf8 = stats.invalidUtf8;
    summary.droppedLines = stats.droppedLines;
    const noticed = fileNotices(summary);
    if (run) {
      run.notes.push(...noticed);
      saveCounts(run, summary);
      run.end(summary.status === 'dry_run' ? 'succeeded' : summary.status, summary.error ?? undefined);
    }
    progress.line(
      `import ${name}: ${summary.status}; ${summary.records} records (${summary.new} new, ${summary.updated} updated, ${summary.unchanged} unchanged), ${summary.deleted} deleted, ${summary.failed} skipped${noticed.map((n) => `; ${n}`).join('')}${summary.error ? ` — ${summary.error}` : ''}`,
    );
    files.push(summary);
  }
  const status: ImportSummary['status'] = files.every((f) => f.status === 'succeeded' || f.status === 'dry_run') ? 'succeeded' : 'failed';
  return { status, files };
}

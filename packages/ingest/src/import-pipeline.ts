/**
 * The parse + tag stage of `pnpm ingest import`, run in a pool of worker threads (or inline when
 * there is no spare core), so that on two cores parsing/tagging overlaps the SQLite writes.
 * Batches go out as raw record text and come back as rows ready to bind (structured clone), in file order.
 */
import { PubmedXmlError, rawRecordItems, type PubmedRecord, type RawRecord, type StreamItem } from '@evidence/pubmed';
import type { TopicDefinition } from '@evidence/schema';
import { matchTopics, tagStudy, toTaggable } from '@evidence/tagger';
import { Worker } from 'node:worker_threads';
import { prepareStudy, type PreparedStudy } from './study-row.ts';
import { taggedColumns } from './tag-writer.ts';

const WORKER_OLD_MB = 96;
/** A worker holds one batch of 50 records at a time: a small young generation is enough. */
const WORKER_YOUNG_MB = 8;

export interface WorkRequest {
  seq: number;
  raws: RawRecord[];
  /** False for a dry run: nothing will be stored, so preparing rows and tagging would be wasted work. */
  tag: boolean;
}

type Tagging = ReturnType<typeof tagStudy>;

/**
 * One item of a parsed batch, ready to store: rows, tags and rule topics are computed in the
 * worker, so what crosses to the writing thread is a few strings per record, not the parsed graph.
 */
type WorkItem = RecordItem | Exclude<StreamItem, { type: 'record' }>;

/** A parsed record; study and tagging are null in a dry run, which stores nothing. */
export type RecordItem = { type: 'record'; pmid: string; study: PreparedStudy | null; tagging: Tagging | null; topics: string[] };

export interface WorkResult {
  seq: number;
  items: WorkItem[];
  /** Set when a record was not well-formed XML: items holds what came before it. */
  error: { message: string; line: number | null; column: number | null } | null;
}

export function processRawBatch(request: WorkRequest, topics: TopicDefinition[]): WorkResult {
  const items: WorkItem[] = [];
  try {
    for (const raw of request.raws) {
      for (const item of rawRecordItems(raw)) items.push(item.type === 'record' ? prepareItem(item.record, request.tag, topics) : item);
    }
  } catch (error) {
    if (!(error instanceof PubmedXmlError)) throw error;
    return { seq: request.seq, items, error: { message: error.message, line: error.line, column: error.column } };
  }
  return { seq: request.seq, items, error: null };
}

function prepareItem(record: PubmedRecord, tag: boolean, topics: TopicDefinition[]): WorkItem {
  if (!tag) return { type: 'record', pmid: record.pmid, study: null, tagging: null, topics: [] };
  const taggable = toTaggable(record);
  const tagging = tagStudy(taggable);
  return {
    type: 'record',
    pmid: record.pmid,
    study: { ...prepareStudy(record), tagged: taggedColumns(tagging) },
    tagging,
    topics: matchTopics(taggable, topics).map((m) => m.topic),
  };
}

export interface ParsePool {
  /** Queues a batch; resolves once there is room for another (bounded in-flight batches). */
  submit(raws: RawRecord[]): Promise<void>;
  /** Results completed so far, in submission order (never waits). */
  drainReady(): WorkResult[];
  /** Waits for every submitted batch and returns the remaining results in order. */
  finish(): Promise<WorkResult[]>;
  close(): Promise<void>;
}

/**
 * `threads` 0 parses inline (small files, tests); otherwise that many workers, each with at most
 * `perWorker` batches queued, which bounds memory whatever the file size.
 */
export function createParsePool(options: { threads: number; topics: TopicDefinition[]; tag: boolean; perWorker?: number }): ParsePool {
  const { threads, topics, tag } = options;
  const done = new Map<number, WorkResult>();
  let nextSeq = 0;
  let nextOut = 0;
  let failure: Error | null = null;
  if (threads === 0) {
    return {
      async submit(raws) {
        const seq = nextSeq++;
        done.set(seq, processRawBatch({ seq, raws, tag }, topics));
      },
      drainReady: () => takeReady(),
      async finish() {
        return takeReady();
      },
      async close() {},
    };
  }

  const limit = threads * (options.perWorker ?? 2);
  let inFlight = 0;
  let closing = false;
  let waiter: (() => void) | null = null;
  const wake = () => {
    const w = waiter;
    waiter = null;
    w?.();
  };
  const waitForChange = () =>
    new Promise<void>((resolve) => {
      waiter = resolve;
    });
  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), {
      workerData: { topics },
      // V8 otherwise lets a heap grow lazily towards a limit sized from the machine's memory;
      // a worker's live set is a few batches, so a small cap bounds the import's RSS.
      resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    worker.on('error', (error) => {
      failure ??= error;
      wake();
    });
    // A worker that stops on its own (out of memory, a crash) must not leave finish() waiting.
    worker.on('exit', (code) => {
      if (!closing) failure ??= new Error(`a parse worker stopped (exit code ${code})`);
      wake();
    });
    worker.on('message', (result: WorkResult) => {
      inFlight--;
      done.set(result.seq, result);
      wake();
    });
    return worker;
  });

  function takeReady(): WorkResult[] {
    const out: WorkResult[] = [];
    for (let r = done.get(nextOut); r; r = done.get(nextOut)) {
      done.delete(nextOut++);
      out.push(r);
    }
    return out;
  }

  return {
    async submit(raws) {
      while (inFlight >= limit && !failure) await waitForChange();
      if (failure) throw failure;
      const seq = nextSeq++;
      inFlight++;
      // Round-robin is enough: batches are of similar size.
      workers[seq % threads]!.postMessage({ seq, raws, tag } satisfies WorkRequest);
    },
    drainReady() {
      if (failure) throw failure;
      return takeReady();
    },
    async finish() {
      while (inFlight > 0 && !failure) await waitForChange();
      if (failure) throw failure;
      return takeReady();
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

import { openPubmedFile, streamPubmedRecords, type DeletedCitation, type PubmedRecord } from '@evidence/pubmed';
import type { OpenedDatabase, TopicDefinition } from '@evidence/schema';
import { matchTopics, tagStudy } from '@evidence/tagger';
import { basename } from 'node:path';
import type { Reporter } from './reporter.ts';
import { createRunLog } from './run-log.ts';
import { createStudyStore, type StudyStore } from './study-store.ts';
import { createTagWriter, toTaggable } from './tag-writer.ts';
import { syncTopics } from './topic-sync.ts';

export interface ImportOptions {
  opened: OpenedDatabase;
  files: string[];
  topics: TopicDefinition[];
  dryRun: boolean;
  reporter: Reporter;
  signal?: AbortSignal;
  clock?: () => Date;
  /** Records per transaction; large enough to amortise the commit, small enough to bound memory. */
  batchSize?: number;
}

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
 * `pnpm ingest import FILE...`: streams PubMed XML (.xml, .xml.gz, NLM baseline/update files) and
 * MEDLINE files record by record, so memory stays bounded whatever the file size. Imported
 * studies get topics from the local rules (each topic's synonyms and MeSH terms).
 */
export async function importFiles(options: ImportOptions) {
  const { opened, reporter } = options;
  const clock = options.clock ?? (() => new Date());
  const batchSize = options.batchSize ?? 1000;
  if (!options.dryRun) syncTopics(opened, options.topics, clock().toISOString());
  const runLog = createRunLog(opened, clock);
  const tagWriter = createTagWriter(opened);
  const store: StudyStore = createStudyStore(opened, (record, ctx) => {
    const taggable = toTaggable(record);
    tagWriter.write(Number(record.pmid), tagStudy(taggable), ctx.now);
    for (const match of matchTopics(taggable, options.topics)) store.linkTopic(Number(record.pmid), match.topic, 'rule', ctx);
  });
  const files: FileSummary[] = [];

  for (const file of options.files) {
    if (options.signal?.aborted) break;
    const run = options.dryRun ? null : runLog.start({ kind: 'import', topicId: null, query: basename(file), windowFrom: null, windowTo: null });
    const summary: FileSummary = { file, runId: run?.id ?? null, status: options.dryRun ? 'dry_run' : 'succeeded', records: 0, new: 0, updated: 0, unchanged: 0, failed: 0, deleted: 0, error: null };
    let records: PubmedRecord[] = [];
    let deletions: DeletedCitation[] = [];
    const flush = () => {
      if (run && (records.length || deletions.length)) {
        const outcome = store.writeBatch(records, deletions, { runId: run.id, topicId: null, origin: 'import', now: clock().toISOString() });
        summary.new += outcome.inserted;
        summary.updated += outcome.updated;
        summary.unchanged += outcome.unchanged;
        summary.deleted += outcome.deleted;
        Object.assign(run.counts, { found: summary.records, newCount: summary.new, updated: summary.updated, unchanged: summary.unchanged, failed: summary.failed, deleted: summary.deleted });
        run.save();
      }
      records = [];
      deletions = [];
      reporter.stored(basename(file), { fetched: summary.records, found: summary.records });
    };
    reporter.topicStarted(basename(file), { datetype: 'crdt', from: 'file', to: 'file' });
    try {
      for await (const item of streamPubmedRecords(openPubmedFile(file))) {
        if (item.type === 'record') {
          summary.records++;
          records.push(item.record);
        } else if (item.type === 'deletion') {
          deletions.push(item.deletion);
        } else {
          summary.failed++;
          run?.notes.push(`skipped record ${item.error.pmid ?? '(no PMID)'}: ${item.error.reason}`);
        }
        if (records.length + deletions.length >= batchSize) {
          flush();
          if (options.signal?.aborted) break;
        }
      }
      flush();
      if (options.signal?.aborted) {
        summary.status = 'interrupted';
        summary.error = 'stopped by the user; batches stored so far are kept';
      }
    } catch (error) {
      summary.status = 'failed';
      summary.error = `${basename(file)}: ${(error as Error).message}`;
    }
    run?.end(summary.status === 'dry_run' ? 'succeeded' : summary.status, summary.error ?? undefined);
    reporter.line(`import ${basename(file)}: ${summary.status}; ${summary.records} records (${summary.new} new, ${summary.updated} updated, ${summary.unchanged} unchanged), ${summary.deleted} deleted, ${summary.failed} skipped${summary.error ? ` — ${summary.error}` : ''}`);
    files.push(summary);
  }
  const status = files.every((f) => f.status === 'succeeded' || f.status === 'dry_run') ? 'succeeded' : 'failed';
  return { status, files };
}

import { EutilsError, parsePubmedXml, type EutilsClient } from '@evidence/pubmed';
import type { OpenedDatabase, TopicDefinition } from '@evidence/schema';
import type { Reporter } from './reporter.ts';
import { createRunLog, type ActiveRun } from './run-log.ts';
import { searchWindow, type WindowMode } from './search-window.ts';
import { createStudyStore } from './study-store.ts';
import { createTagWriter, toTaggable } from './tag-writer.ts';
import { tagStudy } from '@evidence/tagger';
import { saveTopicWindow, syncTopics, topicWindowEnd } from './topic-sync.ts';

export interface IngestTopicsOptions {
  opened: OpenedDatabase;
  /** Built per invocation so its request/retry events reach the active run's counters. */
  client: EutilsClient;
  topics: TopicDefinition[];
  mode: WindowMode;
  overlapDays: number;
  dryRun: boolean;
  clock: () => Date;
  reporter: Reporter;
  /** Set by Ctrl-C: finish the batch being written, then stop. */
  signal?: AbortSignal;
}

export interface TopicSummary {
  topic: string;
  runId: number | null;
  status: 'succeeded' | 'failed' | 'interrupted' | 'dry_run';
  window: { datetype: string; from: string; to: string };
  found: number;
  new: number;
  updated: number;
  unchanged: number;
  failed: number;
  deleted: number;
  requests: number;
  retries: number;
  error: string | null;
  notes: string[];
}

/** Counts the client reports, routed to whichever run is active. */
export interface ClientCounters { requests: number; retries: number; notes: string[] }

export async function ingestTopics(options: IngestTopicsOptions, counters: ClientCounters): Promise<TopicSummary[]> {
  const { opened, client, reporter, clock } = options;
  const now = () => clock().toISOString();
  if (!options.dryRun) syncTopics(opened, options.topics, now());
  const runLog = createRunLog(opened, clock);
  if (!options.dryRun) runLog.closeOrphans();
  const tagWriter = createTagWriter(opened);
  const store = createStudyStore(opened, (record, ctx) => tagWriter.write(Number(record.pmid), tagStudy(toTaggable(record)), ctx.now));
  const summaries: TopicSummary[] = [];
  let unreachable: string | null = null;

  for (const topic of options.topics) {
    if (options.signal?.aborted) break;
    if (unreachable) {
      // PubMed could not be reached at all: say so once instead of retrying every topic.
      summaries.push({ ...skippedSummary(topic.id), error: unreachable });
      continue;
    }
    const window = searchWindow(options.mode, options.dryRun ? null : topicWindowEnd(opened, topic.id), clock(), options.overlapDays);
    counters.requests = 0;
    counters.retries = 0;
    counters.notes = [];
    const run: ActiveRun | null = options.dryRun ? null
      : runLog.start({ kind: 'search', topicId: topic.id, query: topic.query, windowFrom: window.from, windowTo: window.to });
    const summary: TopicSummary = {
      topic: topic.id, runId: run?.id ?? null, status: options.dryRun ? 'dry_run' : 'succeeded', window,
      found: 0, new: 0, updated: 0, unchanged: 0, failed: 0, deleted: 0, requests: 0, retries: 0, error: null, notes: counters.notes,
    };
    const sync = () => {
      summary.requests = counters.requests;
      summary.retries = counters.retries;
      if (run) {
        Object.assign(run.counts, { found: summary.found, newCount: summary.new, updated: summary.updated, unchanged: summary.unchanged,
          failed: summary.failed, deleted: summary.deleted, requests: summary.requests, retries: summary.retries });
        run.notes.splice(0, run.notes.length, ...counters.notes);
        run.save();
      }
    };
    reporter.topicStarted(topic.id, window);
    try {
      for await (const slice of client.searchSlices({ term: topic.query, datetype: window.datetype, from: window.from, to: window.to })) {
        summary.found += slice.count;
        reporter.found(topic.id, summary.found);
        if (options.dryRun || slice.count === 0) continue;
        for await (const batch of client.fetchBatches(slice)) {
          const parsed = parsePubmedXml(batch.body);
          for (const error of parsed.errors) {
            summary.failed++;
            counters.notes.push(`skipped record ${error.pmid ?? '(no PMID)'}: ${error.reason}`);
          }
          for (const missing of missingPmids(batch.requestedIds, parsed.records.map((r) => r.pmid), parsed.errors.map((e) => e.pmid))) {
            summary.failed++;
            counters.notes.push(`PMID ${missing} was asked for but not returned`);
          }
          const outcome = store.writeBatch(parsed.records, parsed.deletions, { runId: run!.id, topicId: topic.id, origin: 'search', now: now() });
          summary.new += outcome.inserted;
          summary.updated += outcome.updated;
          summary.unchanged += outcome.unchanged;
          summary.deleted += outcome.deleted;
          sync();
          reporter.stored(topic.id, { fetched: summary.new + summary.updated + summary.unchanged + summary.failed, found: summary.found });
          if (options.signal?.aborted) break;
        }
        if (options.signal?.aborted) break;
      }
      if (options.signal?.aborted) {
        summary.status = 'interrupted';
        summary.error = 'stopped by the user before the topic finished';
      } else if (run) {
        saveTopicWindow(opened, topic.id, window.to, run.id, now());
      }
    } catch (error) {
      summary.status = 'failed';
      summary.error = (error as Error).message;
      if (error instanceof EutilsError && error.kind === 'network' && summary.found === 0 && summaries.every((s) => s.status === 'failed')) {
        unreachable = `PubMed cannot be reached (${error.reason}); nothing was fetched and stored studies are unchanged`;
        summary.error = unreachable;
      }
    }
    sync();
    if (run) run.end(summary.status === 'dry_run' ? 'succeeded' : summary.status, summary.error ?? undefined);
    reporter.topicFinished(summary);
    summaries.push(summary);
  }
  return summaries;
}

function skippedSummary(topic: string): TopicSummary {
  return { topic, runId: null, status: 'failed', window: { datetype: 'mdat', from: '', to: '' }, found: 0, new: 0, updated: 0,
    unchanged: 0, failed: 0, deleted: 0, requests: 0, retries: 0, error: null, notes: [] };
}

/** PMIDs requested by id that came back neither as a record nor as a parse error. */
function missingPmids(requested: readonly string[] | undefined, returned: string[], failed: (string | null)[]): string[] {
  if (!requested?.length) return [];
  const seen = new Set([...returned, ...failed.filter((p): p is string => p !== null)]);
  return requested.filter((pmid) => !seen.has(pmid));
}

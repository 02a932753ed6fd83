import { EutilsError, MAX_RESEARCHES, parsePubmedXml, PUBMED_RETRIEVAL_CAP, type FetchBatch, type ParseResult } from '@evidence/pubmed';
import type { OpenedDatabase, TopicDefinition } from '@evidence/schema';
import { silentProgress, type IngestProgress, type TopicSummary } from './progress.ts';
import { type ClientCounters, createRunClient, type RunClientOptions } from './run-client.ts';
import { checkpoint } from './run-lock.ts';
import { createRunLog, type ActiveRun } from './run-log.ts';
import { searchWindow, type WindowMode } from './search-window.ts';
import { createStudyStore } from './study-store.ts';
import { createTagWriter } from './tag-writer.ts';
import { tagStudy, toTaggable } from '@evidence/tagger';
import { saveTopicWindow, syncTopics, topicWindowEnd } from './topic-sync.ts';

export interface IngestTopicsOptions {
  opened: OpenedDatabase;
  /** The E-utilities client's settings (base URL, tool, email, API key, retries); batchSize is set below. */
  eutils: Omit<RunClientOptions, 'batchSize'>;
  topics: TopicDefinition[];
  mode: WindowMode;
  overlapDays: number;
  /** The client's records per efetch: how many each history batch should return. */
  batchSize: number;
  dryRun: boolean;
  clock: () => Date;
  /** Where progress goes as the run proceeds; nothing listens by default. */
  progress?: IngestProgress;
  /** Set by Ctrl-C: finish the batch being written, then stop. */
  signal?: AbortSignal;
}

/** Counts the client reports, routed to whichever run is active. */
export async function ingestTopics(options: IngestTopicsOptions): Promise<TopicSummary[]> {
  const { opened, clock } = options;
  const progress = options.progress ?? silentProgress;
  // Built per invocation so its request/retry events reach the active run's counters.
  const counters: ClientCounters = { requests: 0, retries: 0, notes: [] };
  const client = createRunClient({ ...options.eutils, batchSize: options.batchSize }, counters, progress);
  const now = () => clock().toISOString();
  if (!options.dryRun) syncTopics(opened, options.topics, now());
  const runLog = createRunLog(opened, clock);
  const tagWriter = createTagWriter(opened);
  const store = createStudyStore(opened, (record, ctx) => tagWriter.write(Number(record.pmid), tagStudy(toTaggable(record)), ctx.now));
  const summaries: TopicSummary[] = [];
  let unreachable: string | null = null;

  for (const topic of options.topics) {
    if (options.signal?.aborted) break;
    if (unreachable) {
      // PubMed could not be reached at all: say so once instead of retrying every topic.
      summaries.push(blankSummary(topic.id, { error: unreachable, pubmedUnreachable: true }));
      continue;
    }
    const window = searchWindow(options.mode, options.dryRun ? null : topicWindowEnd(opened, topic.id), clock(), options.overlapDays);
    counters.requests = 0;
    counters.retries = 0;
    counters.notes = [];
    const run: ActiveRun | null = options.dryRun
      ? null
      : runLog.start({ kind: 'search', topicId: topic.id, query: topic.query, windowFrom: window.from, windowTo: window.to });
    const summary = blankSummary(topic.id, {
      runId: run?.id ?? null,
      status: options.dryRun ? 'dry_run' : 'succeeded',
      window,
      notes: counters.notes,
    });
    const sync = () => {
      summary.requests = counters.requests;
      summary.retries = counters.retries;
      if (run) {
        Object.assign(run.counts, {
          found: summary.found,
          newCount: summary.new,
          updated: summary.updated,
          unchanged: summary.unchanged,
          failed: summary.failed,
          deleted: summary.deleted,
          requests: summary.requests,
          retries: summary.retries,
        });
        run.notes.splice(0, run.notes.length, ...counters.notes);
        run.save();
      }
    };
    progress.topicStarted(topic.id, window);
    // New searches when E-utilities forgets a WebEnv (it restarted): shared by the topic's slices, so it cannot loop.
    const researches = { left: MAX_RESEARCHES };
    try {
      for await (const slice of client.searchSlices({ term: topic.query, datetype: window.datetype, from: window.from, to: window.to })) {
        summary.found += slice.count;
        progress.found(topic.id, summary.found);
        if (options.dryRun || slice.count === 0) continue;
        // Only the first 9,999 of a single over-full day can be fetched (the client noted why).
        if (slice.capped) summary.failed += slice.count - PUBMED_RETRIEVAL_CAP;
        const total = Math.min(slice.count, PUBMED_RETRIEVAL_CAP);
        // After a new search that found a different count the client starts the slice over: skip what is stored already.
        const seen = new Set<string>();
        for await (const batch of client.fetchBatches(slice, { researches })) {
          const parsed = parsePubmedXml(batch.body);
          for (const error of parsed.errors) {
            summary.failed++;
            counters.notes.push(`skipped record ${error.pmid ?? '(no PMID)'}: ${error.reason}`);
          }
          const missing = missingRecords(batch, parsed, batch.expected ?? Math.min(options.batchSize, total - batch.retstart));
          summary.failed += missing.count;
          if (missing.note) counters.notes.push(missing.note);
          const fresh = parsed.records.filter((record) => !seen.has(record.pmid));
          for (const record of fresh) seen.add(record.pmid);
          const outcome = store.writeBatch(fresh, parsed.deletions, {
            runId: run!.id,
            topicId: topic.id,
            origin: 'search',
            now: now(),
          });
          summary.new += outcome.inserted;
          summary.updated += outcome.updated;
          summary.unchanged += outcome.unchanged;
          summary.deleted += outcome.deleted;
          sync();
          checkpoint(opened);
          progress.stored(topic.id, { fetched: summary.new + summary.updated + summary.unchanged + summary.failed, found: summary.found });
          if (options.signal?.aborted) break;
        }
        if (options.signal?.aborted) break;
      }
      if (options.signal?.aborted) {
        summary.status = 'interrupted';
        summary.error = 'stopped by the user before the topic finished';
      } else if (run && summary.failed > 0) {
        // Keep the window where it was, so the next run asks again for what this one could not get.
        counters.notes.push(`${summary.failed} records could not be stored; the next run searches this window again`);
      } else if (run) {
        saveTopicWindow(opened, topic.id, window.to, run.id, now());
      }
    } catch (error) {
      summary.status = 'failed';
      summary.error = (error as Error).message;
      // Only a refused or failed connection means "unreachable"; a body cut off mid-way means it answered.
      if (
        error instanceof EutilsError &&
        error.kind === 'network' &&
        error.reason.startsWith('connection failed') &&
        summary.found === 0 &&
        summaries.every((s) => s.status === 'failed')
      ) {
        unreachable = `PubMed cannot be reached (${error.reason}); nothing was fetched and stored studies are unchanged`;
        summary.error = unreachable;
        summary.pubmedUnreachable = true;
      }
    }
    sync();
    if (run) run.end(summary.status === 'dry_run' ? 'succeeded' : summary.status, summary.error ?? undefined);
    progress.topicFinished(summary);
    summaries.push(summary);
  }
  return summaries;
}

/** A topic's summary before anything is counted: no run, no requests, no records. */
function blankSummary(topic: string, fields: Partial<TopicSummary> = {}): TopicSummary {
  return {
    topic,
    runId: null,
    status: 'failed',
    window: { datetype: 'mdat', from: '', to: '' },
    found: 0,
    new: 0,
    updated: 0,
    unchanged: 0,
    failed: 0,
    deleted: 0,
    requests: 0,
    retries: 0,
    error: null,
    pubmedUnreachable: false,
    notes: [],
    ...fields,
  };
}

/**
 * Records asked for but neither returned nor reported as unparseable. By id, the PMIDs are known;
 * a history page only says how many it should hold, so the note names the page instead.
 */
function missingRecords(batch: FetchBatch, parsed: ParseResult, expected: number): { count: number; note: string | null } {
  const seen = new Set([...parsed.records.map((r) => r.pmid), ...parsed.errors.flatMap((e) => (e.pmid ? [e.pmid] : []))]);
  if (batch.requestedIds) {
    const missing = batch.requestedIds.filter((pmid) => !seen.has(pmid));
    return { count: missing.length, note: missing.length ? `PMIDs asked for but not returned: ${missing.join(', ')}` : null };
  }
  const count = Math.max(0, expected - parsed.records.length - parsed.errors.length);
  const page = `records ${batch.retstart + 1}–${batch.retstart + expected}`;
  return {
    count,
    note: count ? `efetch of ${page} returned ${expected - count} of ${expected}: ${count} asked for but not returned` : null,
  };
}

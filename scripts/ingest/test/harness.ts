/** Shared set-up for the ingestion tests: a real SQLite file, the fixture E-utilities server, the real CLI. */
import { createRateLimiter } from '@evidence/pubmed';
import { loadTopicsFile, type OpenedDatabase } from '@evidence/schema';
import { createTestDatabase } from '@evidence/schema/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ingestTopics, type ClientCounters, type TopicSummary } from '../ingest-topics.ts';
import { createReporter } from '../reporter.ts';
import { createRunClient } from '../run-client.ts';
import type { WindowMode } from '../search-window.ts';

export const CLI = join(import.meta.dirname, '..', 'cli.ts');
export const TOPICS = loadTopicsFile();
export type TestDatabase = ReturnType<typeof createTestDatabase>;
export { createTestDatabase };

/** Retries in milliseconds and a short timeout: every failure mode resolves well within a test. */
export const FAST_ENV = { EUTILS_RETRY_BASE_MS: '5', EUTILS_RETRY_MAX_MS: '20', EUTILS_TIMEOUT_MS: '500', EUTILS_MAX_RETRIES: '3' };

export interface InProcessRun { summaries: TopicSummary[]; counters: ClientCounters }

/**
 * The ingestion as the CLI wires it (same client factory, same store) but in this process, with a
 * fast limiter: for the failure-mode tests, where a child process per case would only add time.
 */
export async function ingestInProcess(opened: OpenedDatabase, baseUrl: string, options: {
  topics?: string[]; mode?: WindowMode; batchSize?: number; clock?: () => Date; maxRetries?: number; timeoutMs?: number;
} = {}): Promise<InProcessRun> {
  const counters: ClientCounters = { requests: 0, retries: 0, notes: [] };
  const reporter = createReporter({ tty: false, quiet: true });
  const batchSize = options.batchSize ?? 500;
  const client = createRunClient({
    baseUrl, tool: 'evidence-tests', batchSize, limiter: createRateLimiter({ perSecond: 1000 }),
    retryBaseMs: 5, retryMaxMs: 20, timeoutMs: options.timeoutMs ?? 500, maxRetries: options.maxRetries ?? 3,
  }, counters, reporter);
  const topics = options.topics ? TOPICS.filter((t) => options.topics!.includes(t.id)) : TOPICS;
  const summaries = await ingestTopics({
    opened, client, topics, mode: options.mode ?? { kind: 'incremental' }, overlapDays: 3, batchSize, dryRun: false,
    clock: options.clock ?? (() => new Date()), reporter,
  }, counters);
  return { summaries, counters };
}

export interface CliResult { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number }

/** Starts the real `pnpm ingest` entry point as a child process. */
export function startCli(args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<CliResult> } {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NCBI_EMAIL: 'tests@evidence.invalid', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => { stdout += d; });
  child.stderr!.on('data', (d) => { stderr += d; });
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - started }));
  });
  return { child, done };
}

export const runCli = (args: string[], env: Record<string, string>) => startCli(args, env).done;

/** What the ingestion stored, read straight from SQLite. */
export function stored(opened: OpenedDatabase) {
  const q = (sql: string, ...params: unknown[]) => opened.sqlite.prepare(sql).get(...params) as { n: number };
  return {
    studies: q('SELECT count(*) AS n FROM studies').n,
    duplicatePmids: q('SELECT count(*) - count(DISTINCT pmid) AS n FROM studies').n,
    duplicateTopicLinks: q('SELECT count(*) AS n FROM (SELECT pmid, topic_id FROM study_topics GROUP BY 1, 2 HAVING count(*) > 1)').n,
    withoutAuthors: q('SELECT count(*) AS n FROM studies s WHERE NOT EXISTS (SELECT 1 FROM authors a WHERE a.pmid = s.pmid)').n,
    withoutRuleTags: q(`SELECT count(*) AS n FROM studies s WHERE NOT EXISTS (SELECT 1 FROM study_tags t WHERE t.pmid = s.pmid AND t.source = 'rule')`).n,
    pmids: (opened.sqlite.prepare('SELECT pmid FROM studies ORDER BY pmid').pluck().all() as number[]),
  };
}

export interface RunRow {
  id: number; topic_id: string; status: string; found: number; new_count: number; updated: number; unchanged: number;
  failed: number; deleted: number; requests: number; retries: number; error: string | null; notes: string; window_from: string; window_to: string;
}

export function runRows(opened: OpenedDatabase): RunRow[] {
  return opened.sqlite.prepare('SELECT * FROM ingestion_runs ORDER BY id').all() as RunRow[];
}

export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

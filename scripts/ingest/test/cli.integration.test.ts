// The real `pnpm ingest` entry point as a child process: exit codes, output channels, dry runs,
// incremental runs, an unreachable PubMed, and NCBI's rate limit over a whole ingestion.
import { FIXTURE_STUDIES, maxRequestsInAnyWindow, startFixtureServer, type FixtureServer } from '@evidence/eutils-fixtures';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, FAST_ENV, runCli, runRows, stored, type TestDatabase } from './harness.ts';

const EMDR = FIXTURE_STUDIES.filter((s) => s.topics.includes('emdr'));
const TVNS = FIXTURE_STUDIES.filter((s) => s.topics.includes('tvns'));
let server: FixtureServer | undefined;
let db: TestDatabase;

afterEach(async () => {
  await server?.close();
  server = undefined;
  db?.remove();
});

async function setUp(options: Parameters<typeof startFixtureServer>[0] = {}) {
  server = await startFixtureServer(options);
  db = createTestDatabase();
  return { DATABASE_URL: db.path, EUTILS_BASE_URL: server.url, ...FAST_ENV };
}

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('ingest CLI: happy path', () => {
  it('--json prints only a machine-readable summary on stdout and exits 0; a second run says "no changes" with one request', async () => {
    const env = await setUp();
    const first = await runCli(['--topic', 'emdr', '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    const summary = JSON.parse(first.stdout) as {
      topics: { topic: string; status: string; found: number; new: number; requests: number }[];
    };
    expect(summary.topics).toEqual([
      expect.objectContaining({ topic: 'emdr', status: 'succeeded', found: EMDR.length, new: EMDR.length, requests: 2 }),
    ]);
    expect(stored(db)).toMatchObject({ studies: EMDR.length, duplicatePmids: 0 });

    const before = server!.requests.length;
    const second = await runCli(['--topic', 'emdr'], env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe('');
    expect(second.stderr).toContain(`ingest emdr: no changes; 0 unchanged, 0 failed of 0 found; 1 requests, 0 retries`);
    expect(server!.requests.length - before).toBe(1);
    expect(runRows(db).map((r) => [r.status, r.window_from < r.window_to])).toEqual([
      ['succeeded', true],
      ['succeeded', true],
    ]);
    expect(existsSync(`${db.path}.ingest.lock`)).toBe(false);
  });

  it('--dry-run counts what it would fetch and writes nothing: no studies, no topics, no run log, no lock', async () => {
    const env = await setUp();
    const result = await runCli(['--dry-run', '--topic', 'tvns', '--topic', 'emdr'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`ingest tvns: would fetch ${TVNS.length} records`);
    expect(result.stderr).toContain(`ingest emdr: would fetch ${EMDR.length} records`);
    expect(server!.requests.every((r) => r.endpoint === 'esearch')).toBe(true);
    expect(stored(db).studies).toBe(0);
    expect(runRows(db)).toEqual([]);
    expect(db.sqlite.prepare('SELECT count(*) FROM topics').pluck().get()).toBe(0);
    expect(existsSync(`${db.path}.ingest.lock`)).toBe(false);
  });
});

describe('ingest CLI: usage errors exit before touching the database', () => {
  it('unknown --topic (named), bad --since → exit 2; a bad tuning variable → exit 1 naming it', async () => {
    const env = await setUp();
    const [topic, since, variable] = await Promise.all([
      runCli(['--topic', 'tvns', '--topic', 'reiki'], env),
      runCli(['--since', '2024-13-45'], env),
      runCli(['--topic', 'emdr'], { ...env, EUTILS_TIMEOUT_MS: 'soon' }),
    ]);
    expect(topic.code).toBe(2);
    expect(topic.stderr.split('\n')[0]).toBe('ingest: unknown topic "reiki"; known: tvns, breathwork, emdr, eft, long_covid');
    expect(since.code).toBe(2);
    expect(since.stderr.split('\n')[0]).toBe('ingest: --since must be a date as YYYY-MM-DD, got "2024-13-45"');
    expect(variable.code).toBe(1);
    expect(variable.stderr.trim()).toMatch(/^ingest: invalid environment variable EUTILS_TIMEOUT_MS: [^\n]+$/);
    expect(server!.requests).toHaveLength(0);
    expect(runRows(db)).toEqual([]);
    expect(existsSync(`${db.path}.ingest.lock`)).toBe(false);
  });
});

describe('ingest CLI: failures', () => {
  it('PubMed unreachable: one clear line, exit 1, fast with small retries, nothing stored', async () => {
    db = createTestDatabase();
    const base = `http://127.0.0.1:${await closedPort()}/entrez/eutils/`;
    const result = await runCli([], { DATABASE_URL: db.path, EUTILS_BASE_URL: base, ...FAST_ENV });
    expect(result.code).toBe(1);
    // One line in all: no line per topic, no "searching" line before it (issue #15).
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /^ingest: PubMed cannot be reached \(connection failed \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)\); nothing was fetched and stored studies are unchanged \(http:\/\/127\.0\.0\.1:\d+\/entrez\/eutils\/\)$/,
      ),
    ]);
    // One run row for the topic that tried; the others are skipped rather than retried again.
    const rows = runRows(db) as (ReturnType<typeof runRows>[number] & { duration_ms: number })[];
    expect(rows).toEqual([expect.objectContaining({ status: 'failed', topic_id: 'tvns', requests: 4, retries: 3 })]);
    expect(rows[0]!.duration_ms).toBeLessThan(2500); // 4 attempts, spaced by the 3/s limiter
    expect(stored(db).studies).toBe(0);
  });

  it('a failure that retrying cannot fix exits 1 with a one-line reason naming the topic', async () => {
    const env = await setUp();
    server!.setFailures({ kind: 'http_400', endpoint: 'efetch' });
    const result = await runCli(['--topic', 'emdr'], env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(
      'ingest: 1 of 1 topics failed — emdr: PubMed efetch failed after 1 attempt: HTTP 400 Bad Request',
    );
    expect(runRows(db)).toEqual([expect.objectContaining({ status: 'failed', found: EMDR.length, new_count: 0 })]);
  });
});

describe('ingest CLI: NCBI rate limit', () => {
  it('never sends more than 3 requests in any second without an API key, and sends one esearch per slice plus ceil(N / batch) efetches', async () => {
    const generated = 1000;
    const env = await setUp({ generated: { topic: 'tvns', count: generated, from: '2015-01-01', to: '2024-12-31' } });
    const result = await runCli(['--topic', 'tvns', '--topic', 'emdr', '--batch-size', '200', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const requests = server!.requests;
    const expected = 2 + Math.ceil((generated + TVNS.length) / 200) + Math.ceil(EMDR.length / 200);
    expect(requests).toHaveLength(expected);
    expect(requests.every((r) => r.status === 200)).toBe(true);
    expect(maxRequestsInAnyWindow(requests)).toBeLessThanOrEqual(3);
    const summary = JSON.parse(result.stdout) as { topics: { requests: number; retries: number }[] };
    expect(summary.topics.reduce((n, t) => n + t.requests, 0)).toBe(expected);
    expect(stored(db)).toMatchObject({ studies: generated + TVNS.length + EMDR.length - 0, duplicatePmids: 0 });
  });
});

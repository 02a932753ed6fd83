// Every way E-utilities fails, end to end: the real client against the fixture server on loopback,
// into a real SQLite file. Each run either completes with every record stored exactly once, or
// fails with one clear line and keeps everything stored before the failure.
import { FIXTURE_STUDIES, startFixtureServer, type FailureRule, type FixtureServer } from '@evidence/eutils-fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, ingestInProcess, runRows, stored, type TestDatabase } from './harness.ts';

const TVNS = FIXTURE_STUDIES.filter((s) => s.topics.includes('tvns'));
let server: FixtureServer;
let db: TestDatabase;

afterEach(async () => {
  await server?.close();
  db?.remove();
});

async function setUp(options: Parameters<typeof startFixtureServer>[0] = {}) {
  server = await startFixtureServer(options);
  db = createTestDatabase();
}

/** One tvns run against the given failures; checks the store and the run log say the same thing. */
async function tvnsRunWith(failures: FailureRule | FailureRule[], options: { timeoutMs?: number } = {}) {
  await setUp();
  server.setFailures(failures);
  const { summaries } = await ingestInProcess(db, server.url, { topics: ['tvns'], ...options });
  const [summary] = summaries;
  const [run] = runRows(db);
  const s = stored(db);
  return { summary: summary!, run: run!, stored: s };
}

function expectCompleteTvnsRun(result: Awaited<ReturnType<typeof tvnsRunWith>>, retries: number) {
  const { summary, run, stored: s } = result;
  expect(summary.status, summary.error ?? '').toBe('succeeded');
  expect(s.studies).toBe(TVNS.length);
  expect(s.pmids).toEqual(TVNS.map((t) => t.pmid).sort((a, b) => a - b));
  expect(s.duplicatePmids).toBe(0);
  expect(s.duplicateTopicLinks).toBe(0);
  expect(run).toMatchObject({
    status: 'succeeded',
    found: TVNS.length,
    new_count: TVNS.length,
    updated: 0,
    unchanged: 0,
    failed: 0,
    requests: 2 + retries,
    retries,
    error: null,
  });
  expect(server.requests.length).toBe(2 + retries);
}

describe('transient failures are retried and the run completes with every record once', () => {
  it('429 with Retry-After: waits as long as NCBI asks before trying again', async () => {
    const result = await tvnsRunWith({ kind: 'rate_limit', endpoint: 'efetch', retryAfter: 1 });
    expectCompleteTvnsRun(result, 1);
    const [, limited, retried] = server.requests;
    expect(limited!.status).toBe(429);
    expect(retried!.time - limited!.time).toBeGreaterThanOrEqual(990);
  });

  it.each(['http_500', 'http_502', 'http_503'] as const)('%s on esearch and on efetch', async (kind) => {
    const result = await tvnsRunWith([
      { kind, endpoint: 'esearch' },
      { kind, endpoint: 'efetch' },
    ]);
    expectCompleteTvnsRun(result, 2);
    expect(server.requests.map((r) => r.status)).toEqual([Number(kind.slice(5)), 200, Number(kind.slice(5)), 200]);
  });

  it('a stalled response (no answer, or headers then nothing) times out and is retried', async () => {
    const result = await tvnsRunWith(
      [
        { kind: 'stall', endpoint: 'esearch', stallMs: 5000 },
        { kind: 'stall_headers', endpoint: 'efetch', stallMs: 5000 },
      ],
      { timeoutMs: 300 },
    );
    expectCompleteTvnsRun(result, 2);
  });

  it('a truncated body is never parsed or stored; the retry stores the batch once', async () => {
    const result = await tvnsRunWith({ kind: 'truncated', endpoint: 'efetch' });
    expectCompleteTvnsRun(result, 1);
  });

  it('a connection reset is retried', async () => {
    expectCompleteTvnsRun(await tvnsRunWith({ kind: 'reset', endpoint: 'efetch' }), 1);
  });

  it('<ERROR> with HTTP 200 (backend failure) is retried on both endpoints', async () => {
    const result = await tvnsRunWith([
      { kind: 'backend_error', endpoint: 'esearch' },
      { kind: 'backend_error', endpoint: 'efetch' },
    ]);
    expectCompleteTvnsRun(result, 2);
  });

  it('an HTML maintenance page with HTTP 200, an empty body and a bare prolog are retried', async () => {
    const result = await tvnsRunWith([
      { kind: 'html_200', endpoint: 'esearch' },
      { kind: 'empty_200', endpoint: 'efetch' },
      { kind: 'prolog_only', endpoint: 'efetch' },
    ]);
    expectCompleteTvnsRun(result, 3);
  });
});

describe('failures that do not go away', () => {
  it('a permanent <ERROR> fails at once with one line and stores nothing', async () => {
    const {
      summary,
      run,
      stored: s,
    } = await tvnsRunWith({ kind: 'backend_error', endpoint: 'esearch', message: 'Invalid db name specified: pubmedx' });
    expect(summary.status).toBe('failed');
    expect(summary.error).toBe('PubMed esearch failed after 1 attempt: E-utilities error: Invalid db name specified: pubmedx');
    expect(run).toMatchObject({ status: 'failed', requests: 1, retries: 0, error: summary.error });
    expect(s.studies).toBe(0);
  });

  it('a body cut off on every attempt fails the topic; the batches stored before it are kept and the next run completes', async () => {
    await setUp({ studies: [], generated: { topic: 'tvns', count: 30, from: '2024-01-01', to: '2024-01-30' } });
    // Request 1 is esearch, 2 and 3 the first two batches; every attempt at the third batch is cut off.
    server.setFailures([4, 5, 6, 7].map((requestNumber) => ({ kind: 'truncated', requestNumber }) as const));
    const first = await ingestInProcess(db, server.url, { topics: ['tvns'], batchSize: 10 });
    expect(first.summaries[0]).toMatchObject({ status: 'failed', new: 20, failed: 0 });
    expect(first.summaries[0]!.error).toMatch(/^PubMed efetch failed after 4 attempts: connection closed mid-response, body cut off/);
    expect(first.summaries[0]!.error).not.toContain('\n');
    expect(stored(db)).toMatchObject({ studies: 20, duplicatePmids: 0, withoutAuthors: 0, withoutRuleTags: 0 });
    expect(runRows(db)[0]).toMatchObject({ status: 'failed', found: 30, new_count: 20, requests: 7, retries: 3 });
    expect(db.sqlite.prepare(`SELECT last_window_end FROM topics WHERE id = 'tvns'`).pluck().get()).toBeNull();

    const second = await ingestInProcess(db, server.url, { topics: ['tvns'], batchSize: 10 });
    expect(second.summaries[0]).toMatchObject({ status: 'succeeded', found: 30, new: 10, unchanged: 20, failed: 0 });
    expect(stored(db)).toMatchObject({ studies: 30, duplicatePmids: 0, duplicateTopicLinks: 0 });
  });
});

describe('records PubMed does not return', () => {
  it('PMIDs missing from a history batch are counted as failed, noted, and asked for again by the next run', async () => {
    const unavailable = [TVNS[1]!.pmid, TVNS[4]!.pmid];
    const {
      summary,
      run,
      stored: s,
    } = await tvnsRunWith({ kind: 'omit_records', endpoint: 'efetch', pmids: unavailable, times: Infinity });
    expect(summary).toMatchObject({ status: 'succeeded', found: TVNS.length, new: TVNS.length - 2, failed: 2 });
    expect(run).toMatchObject({ status: 'succeeded', found: TVNS.length, new_count: TVNS.length - 2, failed: 2 });
    const notes = JSON.parse(run.notes) as string[];
    expect(notes).toContain(
      `efetch of records 1–${TVNS.length} returned ${TVNS.length - 2} of ${TVNS.length}: 2 asked for but not returned`,
    );
    expect(notes.some((n) => n.includes('the next run searches this window again'))).toBe(true);
    expect(s.studies).toBe(TVNS.length - 2);
    expect(s.pmids).not.toContain(unavailable[0]);

    server.setFailures([]);
    const again = await ingestInProcess(db, server.url, { topics: ['tvns'] });
    expect(again.summaries[0]).toMatchObject({ status: 'succeeded', new: 2, unchanged: TVNS.length - 2, failed: 0 });
    expect(stored(db)).toMatchObject({ studies: TVNS.length, duplicatePmids: 0 });
  });

  it('an empty set for a whole batch is reported, not silently taken as success', async () => {
    const { summary, stored: s } = await tvnsRunWith({ kind: 'omit_records', endpoint: 'efetch' });
    expect(summary).toMatchObject({ status: 'succeeded', found: TVNS.length, new: 0, failed: TVNS.length });
    expect(s.studies).toBe(0);
  });
});

describe('more than 10,000 records', () => {
  it('splits the date window until every slice fits under 9,999, and stores every record once', async () => {
    const count = 10_200;
    await setUp({ studies: [], generated: { topic: 'eft', count, from: '2020-01-01', to: '2023-12-31' } });
    const { summaries } = await ingestInProcess(db, server.url, { topics: ['eft'], batchSize: 5000, timeoutMs: 60_000 }); // 5,000-record pages take a while under load; only slicing is tested here
    expect(summaries[0]).toMatchObject({ status: 'succeeded', found: count, new: count, failed: 0 });
    const s = stored(db);
    expect(s).toMatchObject({ studies: count, duplicatePmids: 0, duplicateTopicLinks: 0, withoutAuthors: 0, withoutRuleTags: 0 });
    const [run] = runRows(db);
    const notes = JSON.parse(run!.notes) as string[];
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(note).toMatch(/^crdt \S+ finds \d+ records \(over PubMed's 9999 limit\); split into /);
    // One esearch per window tried (the whole one, then both halves of each split); the efetch
    // pages cover every record exactly once, none larger than the batch size.
    const searches = server.requests.filter((r) => r.endpoint === 'esearch' && r.status === 200);
    const fetches = server.requests.filter((r) => r.endpoint === 'efetch' && r.status === 200); // a retried page counts once
    expect(searches).toHaveLength(1 + 2 * notes.length);
    expect(fetches.every((r) => Number(r.params.retmax) <= 5000)).toBe(true);
    expect(fetches.reduce((sum, r) => sum + Number(r.params.retmax), 0)).toBe(count);
    expect(run!.requests).toBe(server.requests.length);
  }, 120_000);
});

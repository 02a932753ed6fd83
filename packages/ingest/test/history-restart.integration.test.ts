// Issue #12, finding 4: E-utilities restarts mid-run and forgets the search's WebEnv. The topic
// searches again (same term and window) and resumes where it was, storing every record once;
// at most two new searches per topic, so a server that keeps forgetting cannot make it loop.
import { FIXTURE_STUDIES, startFixtureServer, type FixtureServer } from '@evidence/eutils-fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, ingestInProcess, runRows, stored, type TestDatabase } from './harness.ts';

const TVNS = FIXTURE_STUDIES.filter((s) => s.topics.includes('tvns'));
let server: FixtureServer;
let db: TestDatabase;

afterEach(async () => {
  await server?.close();
  db?.remove();
});

describe('the E-utilities server restarts mid-run', () => {
  it('searches again with the same term and window, resumes at the batch it was on, and stores every record once', async () => {
    server = await startFixtureServer();
    db = createTestDatabase();
    // Request 1 is the esearch, 2 the first page; the server restarts as the second page is asked for.
    server.setFailures({ kind: 'restart', requestNumber: 3 });
    const { summaries } = await ingestInProcess(db, server.url, { topics: ['tvns'], batchSize: 4 });
    const [summary] = summaries;
    expect(summary!.status, summary!.error ?? '').toBe('succeeded');
    expect(summary).toMatchObject({ found: TVNS.length, new: TVNS.length, unchanged: 0, updated: 0, failed: 0 });
    const s = stored(db);
    expect(s.pmids).toEqual(TVNS.map((t) => t.pmid).sort((a, b) => a - b));
    expect(s).toMatchObject({ duplicatePmids: 0, duplicateTopicLinks: 0 });
    const searches = server.requests.filter((r) => r.endpoint === 'esearch');
    expect(searches).toHaveLength(2);
    expect(searches[1]!.params).toMatchObject({
      term: searches[0]!.params.term,
      datetype: searches[0]!.params.datetype,
      mindate: searches[0]!.params.mindate,
      maxdate: searches[0]!.params.maxdate,
    });
    // Every page but the interrupted one was asked for once; that one twice (old WebEnv, then the new).
    const pages = server.requests.filter((r) => r.endpoint === 'efetch' && r.status === 200).map((r) => r.params.retstart);
    expect(pages.filter((p) => p === '4').length).toBeGreaterThanOrEqual(1);
    const [run] = runRows(db);
    expect(run).toMatchObject({ status: 'succeeded', new_count: TVNS.length, failed: 0 });
    expect((JSON.parse(run!.notes) as string[]).some((n) => n.includes('searched again and resumed at record 5'))).toBe(true);
    // The window was saved: the next run starts from it as usual.
    const again = await ingestInProcess(db, server.url, { topics: ['tvns'], batchSize: 4 });
    expect(again.summaries[0]).toMatchObject({ status: 'succeeded', failed: 0 });
  });

  it('fails the topic in one line after two new searches when the server keeps forgetting, keeping what it stored', async () => {
    server = await startFixtureServer();
    db = createTestDatabase();
    // Every page after the first restarts the server (requests 3, 5, 7, …: each is followed by a new esearch).
    server.setFailures([3, 6, 9, 12].map((requestNumber) => ({ kind: 'restart', requestNumber }) as const));
    const { summaries } = await ingestInProcess(db, server.url, { topics: ['tvns'], batchSize: 1 });
    const [summary] = summaries;
    expect(summary!.status).toBe('failed');
    expect(summary!.error).toMatch(
      /^PubMed efetch failed after \d+ attempts?: E-utilities error: Unable to obtain query #1 \(searched again 2 times/,
    );
    expect(server.requests.filter((r) => r.endpoint === 'esearch')).toHaveLength(3);
    const s = stored(db);
    expect(s.studies).toBeGreaterThan(0);
    expect(s.duplicatePmids).toBe(0);
  });
});

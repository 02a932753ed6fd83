import { FIXTURE_STUDIES } from '@evidence/eutils-fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { EutilsError } from './errors.ts';
import type { SearchSlice } from './slices.ts';
import { QUERIES, startHarness, type Harness } from './test-support.ts';

let h: Harness;
afterEach(() => h?.server.close());

const tvnsCount = FIXTURE_STUDIES.filter((s) => s.topics.includes('tvns')).length;
const countArticles = (body: string) => body.match(/<PubmedArticle>/g)?.length ?? 0;

describe('search and fetch', () => {
  it('searches with history and fetches in batches by WebEnv, sending tool, email and api_key', async () => {
    h = await startHarness();
    const client = h.client({ batchSize: 4, apiKey: 'fixture-key' });
    const result = await client.search({ term: QUERIES.tvns! });
    expect(result).toMatchObject({ count: tvnsCount, queryKey: '1', warnings: [] });
    expect(result.webEnv).toMatch(/^MCID_/);

    const batches = [];
    for await (const batch of client.fetchBatches(result)) batches.push(batch);
    expect(batches.map((b) => b.retstart)).toEqual([0, 4, 8].filter((n) => n < tvnsCount));
    expect(batches.reduce((n, b) => n + countArticles(b.body), 0)).toBe(tvnsCount);

    for (const request of h.server.requests) {
      expect(request.params).toMatchObject({ tool: 'evidence-tests', email: 'tests@example.org', api_key: 'fixture-key', db: 'pubmed' });
    }
    expect(h.server.requests[1]!.params).toMatchObject({ WebEnv: result.webEnv, query_key: '1', retstart: '0', retmax: '4' });
    expect(h.events.filter((e) => e.type === 'request')).toHaveLength(h.server.requests.length);
  });

  it('passes the date window as YYYY/MM/DD', async () => {
    h = await startHarness();
    const result = await h.client().search({ term: QUERIES.emdr!, datetype: 'crdt', mindate: '2022-01-01', maxdate: '2022-12-31' });
    expect(result.count).toBe(FIXTURE_STUDIES.filter((s) => s.topics.includes('emdr') && s.createdDate.startsWith('2022')).length);
    expect(h.server.requests[0]!.params).toMatchObject({ datetype: 'crdt', mindate: '2022/01/01', maxdate: '2022/12/31', usehistory: 'y' });
  });

  it('treats PhraseNotFound with Count 0 as an empty result with a warning, not an error', async () => {
    h = await startHarness();
    const result = await h.client().search({ term: 'zzqx-no-such-phrase' });
    expect(result.count).toBe(0);
    expect(result.warnings).toContain('phrase not found: zzqx-no-such-phrase');
    expect(h.server.requests).toHaveLength(1);
    expect(h.events).toContainEqual({ type: 'warning', endpoint: 'esearch', message: 'phrase not found: zzqx-no-such-phrase' });
  });

  it('fetches by id with GET up to 200 ids and POST above, and unknown PMIDs are simply absent', async () => {
    h = await startHarness();
    const client = h.client();
    const known = FIXTURE_STUDIES.slice(0, 5).map((s) => s.pmid);
    const many = [...known, ...Array.from({ length: 245 }, (_, i) => 80000000 + i)];
    const posted = [];
    for await (const batch of client.fetchByIds(many)) posted.push(batch);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.requestedIds).toHaveLength(250);
    expect(countArticles(posted[0]!.body)).toBe(5);
    expect(h.server.requests[0]).toMatchObject({ method: 'POST', params: { tool: 'evidence-tests', email: 'tests@example.org' } });
    expect(h.server.requests[0]!.params.id!.split(',')).toHaveLength(250);

    for await (const batch of client.fetchByIds(known.slice(0, 2))) expect(countArticles(batch.body)).toBe(2);
    expect(h.server.requests[1]).toMatchObject({ method: 'GET', params: { id: `${known[0]},${known[1]}` } });
  });

  it('refuses ids that are not PMIDs before sending anything (id=-1 would return PMID 1)', async () => {
    h = await startHarness();
    const client = h.client();
    for (const bad of [-1, 0, '12a', 1.5, '']) {
      const error = await (async () => {
        for await (const _ of client.fetchByIds([90000001, bad])) {
          /* nothing */
        }
      })().catch((e) => e);
      expect(error).toBeInstanceOf(EutilsError);
      expect(error).toMatchObject({ kind: 'bad_request', attempts: 0 });
    }
    expect(h.server.requests).toHaveLength(0);
  });
});

describe('a WebEnv the history server forgot (E-utilities restarted mid-run)', () => {
  const window = { term: '', datetype: 'crdt' as const, from: '1800-01-01', to: '2030-12-31' };
  const pmidsOf = (body: string) => [...body.matchAll(/<PMID Version="\d+">(\d+)<\/PMID>/g)].map((m) => m[1]!);

  it('searches again with the same term and window and resumes at the batch it was fetching, once per record', async () => {
    h = await startHarness();
    const client = h.client({ batchSize: 4 });
    const slices: SearchSlice[] = [];
    for await (const slice of client.searchSlices({ ...window, term: QUERIES.tvns! })) slices.push(slice);
    expect(slices).toHaveLength(1);
    const pmids: string[] = [];
    let batches = 0;
    for await (const batch of client.fetchBatches(slices[0]!)) {
      pmids.push(...pmidsOf(batch.body));
      if (++batches === 1) await h.server.restart();
    }
    expect(pmids).toHaveLength(tvnsCount);
    expect(new Set(pmids).size).toBe(tvnsCount);
    const calls = h.server.requests.map((r) => `${r.endpoint}${r.endpoint === 'efetch' ? `@${r.params.retstart}` : ''}`);
    expect(calls.slice(0, 5)).toEqual(['esearch', 'efetch@0', 'efetch@4', 'esearch', 'efetch@4']);
    const [first, second] = h.server.requests.filter((r) => r.endpoint === 'esearch');
    expect(second!.params).toMatchObject({
      term: first!.params.term,
      datetype: 'crdt',
      mindate: first!.params.mindate,
      maxdate: first!.params.maxdate,
    });
    // The dead WebEnv is not retried: one failed efetch, then the new search.
    expect(h.server.requests.filter((r) => r.params.WebEnv === slices[0]!.webEnv)).toHaveLength(2);
    expect(h.events).toContainEqual(expect.objectContaining({ type: 'research' }));
  });

  it('gives up after two new searches in one fetch, so a server that keeps forgetting cannot loop', async () => {
    h = await startHarness();
    const client = h.client({ batchSize: 1 });
    const slices: SearchSlice[] = [];
    for await (const slice of client.searchSlices({ ...window, term: QUERIES.tvns! })) slices.push(slice);
    let caught: unknown;
    try {
      for await (const _batch of client.fetchBatches(slices[0]!)) await h.server.restart();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EutilsError);
    expect((caught as EutilsError).kind).toBe('history_expired');
    expect((caught as Error).message).toMatch(/Unable to obtain query.*searched again 2 times/);
    expect(h.server.requests.filter((r) => r.endpoint === 'esearch')).toHaveLength(3);
  });
});

import { FIXTURE_STUDIES } from '@evidence/eutils-fixtures';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from './dates.ts';
import { PUBMED_RETRIEVAL_CAP, type SearchSlice } from './slices.ts';
import { QUERIES, startHarness, type Harness } from './test-support.ts';
import type { EutilsEvent } from './transport.ts';

let h: Harness;
afterEach(() => h?.server.close());

async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('searchSlices', () => {
  it('splits a window finding more than 9,999 records into slices under the cap that cover it exactly', async () => {
    h = await startHarness({ generated: { topic: 'tvns', count: 25_000, from: '2015-01-01', to: '2024-12-31' } });
    const client = h.client();
    const window = { term: QUERIES.tvns!, datetype: 'crdt' as const, from: '2010-01-01', to: '2025-12-31' };
    const total = (await client.search({ term: window.term, datetype: 'crdt', mindate: window.from, maxdate: window.to })).count;
    expect(total).toBe(25_000 + FIXTURE_STUDIES.filter((s) => s.topics.includes('tvns')).length);

    const slices: SearchSlice[] = await drain(client.searchSlices(window));
    expect(slices.length).toBeGreaterThanOrEqual(3);
    for (const slice of slices) expect(slice.count).toBeLessThanOrEqual(PUBMED_RETRIEVAL_CAP);
    expect(slices.reduce((n, s) => n + s.count, 0)).toBe(total);

    // The searched windows (empty ones included) tile the requested window without gaps or overlaps.
    const ready = h.events.filter((e): e is Extract<EutilsEvent, { type: 'slice_ready' }> => e.type === 'slice_ready');
    expect(ready[0]!.from).toBe(window.from);
    expect(ready.at(-1)!.to).toBe(window.to);
    for (let i = 1; i < ready.length; i++) expect(ready[i]!.from).toBe(addDays(ready[i - 1]!.to, 1));

    const splits = h.events.filter((e) => e.type === 'slice' && e.action === 'split');
    expect(splits.length).toBeGreaterThan(0);
    expect((splits[0] as { message: string }).message).toMatch(
      /^crdt 2010-01-01\.\.2025-12-31 finds \d+ records \(over PubMed's 9999 limit\); split into/,
    );
    expect(h.server.requests.every((r) => r.params.mindate && r.params.maxdate && r.params.datetype === 'crdt')).toBe(true);
  });

  it('reports a single day over the cap that cannot be split, and still yields it', async () => {
    h = await startHarness({ studies: [], generated: { topic: 'breathwork', count: 12_000, from: '2020-05-05', to: '2020-05-05' } });
    const slices = await drain(
      h.client().searchSlices({ term: QUERIES.breathwork!, datetype: 'mdat', from: '2020-05-05', to: '2020-05-05' }),
    );
    expect(slices).toMatchObject([{ from: '2020-05-05', to: '2020-05-05', count: 12_000, capped: true }]);
    expect(h.events).toContainEqual(
      expect.objectContaining({ type: 'slice', action: 'over_cap', message: expect.stringContaining('cannot be split further') }),
    );
  });

  it('fetches a slice in batches of batchSize', async () => {
    h = await startHarness({ studies: [], generated: { topic: 'eft', count: 1_200, from: '2020-01-01', to: '2020-12-31' } });
    const client = h.client({ batchSize: 500 });
    const [slice] = await drain(client.searchSlices({ term: QUERIES.eft!, datetype: 'crdt', from: '2020-01-01', to: '2020-12-31' }));
    const batches = await drain(client.fetchBatches(slice!));
    expect(batches.map((b) => b.retstart)).toEqual([0, 500, 1000]);
    expect(batches.map((b) => b.body.match(/<PubmedArticle>/g)!.length)).toEqual([500, 500, 200]);
  });
});

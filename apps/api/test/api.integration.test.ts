// Every read endpoint and filter against a real server on loopback and a real SQLite file.
import { FIXTURE_STUDIES } from '@evidence/eutils-fixtures';
import { DESIGN_IDS, OUTCOME_IDS } from '@evidence/schema';
import { Validator } from '@seriousme/openapi-schema-validator';
import { SEEDED_AT, seedFixtureCorpus } from '@evidence/test-corpus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startApi, type RunningApi } from './harness.ts';

let api: RunningApi;
let runId: number;
beforeAll(async () => {
  api = await startApi({
    seed: (db) => {
      runId = seedFixtureCorpus(db);
    },
  });
});
afterAll(() => api?.close());

type Page = { items: any[]; total: number; nextCursor: string | null; sort: string };

/** Follows every cursor and returns all items for a query. */
async function allItems(query: string): Promise<{ items: any[]; total: number }> {
  const items: any[] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    const url = new URL(`/api/studies?${query}`, api.url);
    url.searchParams.set('limit', '7');
    // Every fixture, the retraction notice (non-research) included; its default is tested on its own.
    if (!url.searchParams.has('include_non_research')) url.searchParams.set('include_non_research', 'true');
    if (cursor) url.searchParams.set('cursor', cursor);
    const { status, body } = await getJson<Page>(url.href);
    expect(status, url.href).toBe(200);
    items.push(...body.items);
    total = body.total;
    cursor = body.nextCursor;
  } while (cursor);
  expect(items.length).toBe(total);
  expect(new Set(items.map((i) => i.pmid)).size).toBe(items.length);
  return { items, total };
}

const pmidsOf = (items: { pmid: string }[]) => items.map((i) => i.pmid).sort();
const specPmids = (predicate: (s: (typeof FIXTURE_STUDIES)[number]) => boolean) =>
  FIXTURE_STUDIES.filter(predicate)
    .map((s) => String(s.pmid))
    .sort();
const dbPmids = (sql: string, ...args: unknown[]) =>
  (
    api.db.sqlite
      .prepare(sql)
      .pluck()
      .all(...args) as number[]
  )
    .map(String)
    .sort();

describe('GET /api/studies filters', () => {
  it('non-research studies (the retraction notice) are out by default; include_non_research, design or pmid bring them back', async () => {
    const notices = dbPmids(`SELECT pmid FROM studies WHERE design = 'non_research'`);
    expect(notices.length).toBeGreaterThan(0);
    const byDefault = await allItems('include_non_research=false');
    expect(byDefault.total).toBe(FIXTURE_STUDIES.length - notices.length);
    expect((await getJson<Page>(`${api.url}/api/studies?limit=100`)).body.total).toBe(byDefault.total);
    expect((await allItems('')).total).toBe(FIXTURE_STUDIES.length);
    expect(pmidsOf((await allItems('design=non_research&include_non_research=false')).items)).toEqual(notices);
    expect(pmidsOf((await allItems(`pmid=${notices[0]}&include_non_research=false`)).items)).toEqual([notices[0]]);
    const facets = await getJson<any>(`${api.url}/api/facets`);
    expect(JSON.stringify(facets.body)).not.toContain('non_research');
    const matrix = await getJson<any>(`${api.url}/api/matrix`);
    for (const cell of matrix.body.cells) expect(cell.byDesign.non_research).toBeUndefined();
  });

  it('pages through everything by publication date, newest first', async () => {
    const { items } = await allItems('sort=published');
    expect(items.length).toBe(FIXTURE_STUDIES.length);
    const dates = items.map((i) => i.pubDate ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    const first = items.find((i) => i.pmid === '90000001')!;
    expect(first).toMatchObject({
      journal: expect.stringMatching(/^Fixture Journal of/),
      links: { pubmed: 'https://pubmed.ncbi.nlm.nih.gov/90000001/' },
    });
    expect(first.outcomes.length).toBeGreaterThan(0);
    expect(first.design).toBeTruthy();
  });

  it.each(['tvns', 'breathwork', 'emdr', 'eft', 'long_covid'])(
    'topic=%s returns exactly the studies its saved query found',
    async (topic) => {
      expect(pmidsOf((await allItems(`topic=${topic}`)).items)).toEqual(specPmids((s) => s.topics.includes(topic)));
    },
  );

  it('several topics: any of them, or all of them with match=all', async () => {
    expect(pmidsOf((await allItems('topic=tvns&topic=long_covid')).items)).toEqual(
      specPmids((s) => s.topics.includes('tvns') || s.topics.includes('long_covid')),
    );
    const both = specPmids((s) => s.topics.includes('tvns') && s.topics.includes('long_covid'));
    expect(pmidsOf((await allItems('topic=tvns&topic=long_covid&match=all')).items)).toEqual(both);
  });

  it.each(OUTCOME_IDS)('outcome=%s matches the effective outcome tags', async (outcome) => {
    expect(pmidsOf((await allItems(`outcome=${outcome}`)).items)).toEqual(
      dbPmids('SELECT DISTINCT pmid FROM effective_outcomes WHERE outcome = ?', outcome),
    );
  });

  it('several outcomes with match=any and match=all', async () => {
    const hrv = new Set(dbPmids(`SELECT DISTINCT pmid FROM effective_outcomes WHERE outcome = 'hrv'`));
    const anxiety = new Set(dbPmids(`SELECT DISTINCT pmid FROM effective_outcomes WHERE outcome = 'anxiety'`));
    expect(pmidsOf((await allItems('outcome=hrv&outcome=anxiety')).items)).toEqual([...new Set([...hrv, ...anxiety])].sort());
    expect(pmidsOf((await allItems('outcome=hrv&outcome=anxiety&match=all')).items)).toEqual([...hrv].filter((p) => anxiety.has(p)).sort());
  });

  it('design, years, language and journal', async () => {
    expect(pmidsOf((await allItems('design=rct&design=meta_analysis')).items)).toEqual(
      dbPmids(`SELECT pmid FROM studies WHERE design IN ('rct', 'meta_analysis')`),
    );
    expect(pmidsOf((await allItems('year_from=2022&year_to=2023')).items)).toEqual(
      specPmids((s) => Number(s.pubDate.slice(0, 4)) >= 2022 && Number(s.pubDate.slice(0, 4)) <= 2023),
    );
    expect(pmidsOf((await allItems('language=eng')).items)).toEqual(specPmids((s) => (s.language ?? 'eng') === 'eng'));
    const journal = FIXTURE_STUDIES[0]!.journal.title;
    expect(pmidsOf((await allItems(`journal=${encodeURIComponent(journal)}`)).items)).toEqual(
      specPmids((s) => s.journal.title === journal),
    );
  });

  it('retracted=include|exclude|only', async () => {
    const retracted = specPmids((s) => s.retractionIn !== undefined);
    expect(retracted.length).toBeGreaterThan(0);
    expect(pmidsOf((await allItems('retracted=only')).items)).toEqual(retracted);
    expect((await allItems('retracted=exclude')).total).toBe(FIXTURE_STUDIES.length - retracted.length);
    expect((await allItems('retracted=include')).total).toBe(FIXTURE_STUDIES.length);
    const item = (await allItems('retracted=only')).items[0];
    expect(item.retracted).toBe(true);
  });

  it('added_since a date or a run, and an explicit PMID list', async () => {
    expect((await allItems('added_since=2026-10-31')).total).toBe(FIXTURE_STUDIES.length);
    expect((await allItems('added_since=2026-11-02')).total).toBe(0);
    expect((await allItems(`added_since=run:${runId}`)).total).toBe(FIXTURE_STUDIES.length);
    expect(pmidsOf((await allItems('pmid=90000003&pmid=90000007')).items)).toEqual(['90000003', '90000007']);
  });

  it('full-text search ranks by relevance and highlights matches in escaped snippets', async () => {
    const { body } = await getJson<Page>(`${api.url}/api/studies?q=${encodeURIComponent('"heart rate variability"')}&limit=50`);
    expect(body.sort).toBe('relevance');
    expect(body.total).toBeGreaterThan(0);
    expect(body.total).toBe(dbPmids(`SELECT rowid FROM studies_fts WHERE studies_fts MATCH '"heart rate variability"'`).length);
    for (const item of body.items) expect(`${item.titleHighlight} ${item.snippet ?? ''}`.toLowerCase()).toContain('<mark>');
    const xss = await getJson<Page>(`${api.url}/api/studies?q=tapping`);
    const probe = xss.body.items.find((i) => i.title.includes('<script>'));
    expect(probe).toBeDefined();
    expect(probe.titleHighlight).not.toContain('<script>');
    expect(probe.titleHighlight).toContain('&lt;script&gt;');
  });

  it('sorts by date added and paginates without gaps for every sort', async () => {
    for (const sort of ['published', 'added']) expect((await allItems(`sort=${sort}`)).total).toBe(FIXTURE_STUDIES.length);
    expect((await allItems('q=trial&sort=relevance')).total).toBeGreaterThan(1);
  });

  it('sorts by sample size, largest first with unstated sizes last, across pages (issue #15)', async () => {
    const { items } = await allItems('sort=sample_size');
    expect(items.length).toBe(FIXTURE_STUDIES.length);
    const sizes = items.map((i) => i.sampleSize as number | null);
    const stated = sizes.filter((n): n is number => n !== null);
    expect(stated.length).toBeGreaterThan(3);
    expect(sizes.slice(0, stated.length)).toEqual([...stated].sort((a, b) => b - a));
    expect(sizes.slice(stated.length).every((n) => n === null)).toBe(true);
  });

  it('sorts by design, strongest first and newest first within a design, across pages (issue #15)', async () => {
    const { items } = await allItems('sort=design');
    expect(items.length).toBe(FIXTURE_STUDIES.length);
    const rank = (design: string | null) =>
      design === null ? DESIGN_IDS.length : DESIGN_IDS.indexOf(design as (typeof DESIGN_IDS)[number]);
    const ranks = items.map((i) => rank(i.design));
    expect(new Set(ranks).size).toBeGreaterThan(3);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(items[0].design).toBe('meta_analysis');
    for (let i = 1; i < items.length; i++) {
      if (ranks[i] === ranks[i - 1]) expect((items[i].pubDate ?? '') <= (items[i - 1].pubDate ?? '')).toBe(true);
    }
    const refused = await getJson<any>(`${api.url}/api/studies?sort=size`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('sample_size');
  });

  it('gives each card outside a search the abstract’s conclusions (or its opening), escaped and cut short (issue #15)', async () => {
    const { body } = await getJson<Page>(`${api.url}/api/studies?limit=100&include_non_research=true`);
    const withAbstract = api.db.sqlite
      .prepare(`SELECT pmid, abstract, abstract_sections FROM studies WHERE abstract IS NOT NULL AND abstract <> ''`)
      .all() as { pmid: number; abstract: string; abstract_sections: string }[];
    expect(withAbstract.length).toBeGreaterThan(3);
    for (const row of withAbstract) {
      const item = body.items.find((i) => i.pmid === String(row.pmid));
      expect(item?.snippet, String(row.pmid)).toEqual(expect.any(String));
      expect(item.snippet.length).toBeLessThanOrEqual(300);
      expect(item.snippet).not.toMatch(/<(?!\/?mark>)/);
      const conclusions = (JSON.parse(row.abstract_sections) as { nlmCategory: string | null; text: string }[]).find(
        (x) => x.nlmCategory === 'CONCLUSIONS',
      );
      const source = (conclusions?.text ?? row.abstract).replace(/\s+/g, ' ');
      const unescaped = item.snippet
        .replace(/…$/, '')
        .replaceAll('&amp;', '&')
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&quot;', '"')
        .replaceAll('&#39;', "'");
      expect(source.startsWith(unescaped), String(row.pmid)).toBe(true);
    }
  });

  it('reviewed and inclusion filters follow curation', async () => {
    api.db.sqlite
      .prepare(
        `INSERT INTO study_curation (pmid, reviewed, inclusion, updated_by, updated_at) VALUES (90000002, 1, 'include', 'editor', ?)`,
      )
      .run(SEEDED_AT);
    expect(pmidsOf((await allItems('reviewed=true')).items)).toEqual(['90000002']);
    expect((await allItems('reviewed=false')).total).toBe(FIXTURE_STUDIES.length - 1);
    expect(pmidsOf((await allItems('inclusion=include')).items)).toEqual(['90000002']);
    expect((await allItems('inclusion=undecided')).total).toBe(FIXTURE_STUDIES.length - 1);
  });
});

describe('other read endpoints', () => {
  it('GET /api/studies/{pmid} has everything stored, with tag evidence', async () => {
    const { status, body } = await getJson(`${api.url}/api/studies/90000001`);
    expect(status).toBe(200);
    expect(body.abstractSections.length).toBeGreaterThan(1);
    expect(body.authors.length).toBeGreaterThan(0);
    expect(body.publicationTypes.map((p: any) => p.name)).toContain('Randomized Controlled Trial');
    const outcomeTags = body.tags.filter((t: any) => t.kind === 'outcome');
    expect(outcomeTags.length).toBeGreaterThan(0);
    for (const tag of outcomeTags) {
      expect(tag.source).toBe('rule');
      expect(tag.evidence.sentence.length).toBeGreaterThan(0);
    }
    expect(body.topicMemberships.map((t: any) => t.topic)).toContain('tvns');
    expect((await getJson(`${api.url}/api/studies/12345`)).status).toBe(404);
  });

  it('GET /api/facets counts under the same filters as the list', async () => {
    const { body } = await getJson(`${api.url}/api/facets?topic=tvns`);
    const list = await allItems('topic=tvns');
    expect(body.total).toBe(list.total);
    const designTotal = body.design.reduce((sum: number, d: any) => sum + d.count, 0);
    expect(designTotal).toBe(list.total);
    for (const { value, count } of body.outcome) expect((await allItems(`topic=tvns&outcome=${value}`)).total).toBe(count);
    for (const { value, count } of body.year) expect((await allItems(`topic=tvns&year_from=${value}&year_to=${value}`)).total).toBe(count);
  });

  it('GET /api/matrix splits each topic × outcome cell by design, consistent with the list', async () => {
    const { body } = await getJson(`${api.url}/api/matrix`);
    expect(body.cells.length).toBeGreaterThan(5);
    for (const cell of body.cells.slice(0, 8)) {
      const { total } = await allItems(`topic=${cell.topic}&outcome=${cell.outcome}`);
      expect(cell.total).toBe(total);
      expect(Object.values(cell.byDesign as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(total);
      expect(cell.newest).toMatch(/^\d{4}/);
    }
  });

  it('GET /api/timeline counts per year per topic', async () => {
    const { body } = await getJson(`${api.url}/api/timeline?topic=emdr`);
    const emdr = body.points.filter((p: any) => p.topic === 'emdr');
    expect(emdr.reduce((s: number, p: any) => s + p.count, 0)).toBe(specPmids((s) => s.topics.includes('emdr')).length);
    const months = await getJson(`${api.url}/api/timeline?interval=month`);
    expect(months.body.points.every((p: any) => /^\d{4}-\d{2}$/.test(p.period))).toBe(true);
  });

  it('vocabularies and runs', async () => {
    expect((await getJson(`${api.url}/api/topics`)).body.items.map((t: any) => t.id)).toEqual([
      'breathwork',
      'eft',
      'emdr',
      'long_covid',
      'tvns',
    ]);
    expect((await getJson(`${api.url}/api/outcomes`)).body.items.map((o: any) => o.id)).toEqual([...OUTCOME_IDS]);
    expect((await getJson(`${api.url}/api/designs`)).body.items.map((d: any) => d.id)).toEqual([...DESIGN_IDS]);
    const runs = await getJson(`${api.url}/api/runs`);
    expect(runs.body.items[0]).toMatchObject({ id: runId, status: 'succeeded' });
    const run = await getJson(`${api.url}/api/runs/${runId}`);
    expect(run.body.added).toHaveLength(FIXTURE_STUDIES.length);
    expect((await getJson(`${api.url}/api/runs/99999`)).status).toBe(404);
  });

  it('the OpenAPI document is valid OpenAPI 3.1 and lists every endpoint', async () => {
    const { body } = await getJson(`${api.url}/api/openapi.json`);
    const result = await new Validator().validate(body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(body.openapi).toBe('3.1.0');
    for (const path of [
      '/api/studies',
      '/api/studies/{pmid}',
      '/api/facets',
      '/api/matrix',
      '/api/timeline',
      '/api/topics',
      '/api/outcomes',
      '/api/designs',
      '/api/runs',
      '/api/runs/{id}',
      '/api/studies/{pmid}/tags',
      '/api/studies/{pmid}/curation',
      '/api/studies/{pmid}/notes',
    ]) {
      expect(Object.keys(body.paths)).toContain(path);
    }
  });
});

describe('HTTP behaviour', () => {
  it('answers a repeated read with 304 for its ETag, and compresses with brotli or gzip', async () => {
    const first = await fetch(`${api.url}/api/facets`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.headers.get('last-modified')).toBeTruthy();
    await first.arrayBuffer();
    const again = await fetch(`${api.url}/api/facets`, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    const { request } = await import('node:http');
    const encodingFor = (accept: string) =>
      new Promise<string | undefined>((resolve, reject) => {
        request(`${api.url}/api/studies?limit=50`, { headers: { 'Accept-Encoding': accept } }, (res) => {
          res.resume();
          resolve(res.headers['content-encoding']);
        })
          .on('error', reject)
          .end();
      });
    expect(await encodingFor('gzip, deflate, br')).toBe('br');
    expect(await encodingFor('gzip')).toBe('gzip');
    expect(await encodingFor('identity')).toBeUndefined();
  });

  it('a write through another connection (the ingester) changes the next answer', async () => {
    const before = (await getJson(`${api.url}/api/studies?q=zebrafish`)).body.total;
    const { openDatabase } = await import('@evidence/schema');
    const other = openDatabase(api.db.path);
    other.sqlite.prepare(`UPDATE studies SET title = title || ' zebrafish' WHERE pmid = 90000005`).run();
    other.close();
    expect((await getJson(`${api.url}/api/studies?q=zebrafish`)).body.total).toBe(before + 1);
  });
});

// The study index must answer exactly as SQLite does: every aggregate and list page is computed
// both ways over the same generated database (with curator decisions, deletions, missing values
// and several languages mixed in) for a table of filters, and compared.
import { openDatabase } from '@evidence/schema';
import { createTestDatabase } from '@evidence/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDatabase } from '../bench/generate.ts';
import { createDataGeneration } from '../src/data-generation.ts';
import type { StudyFilter } from '../src/filters/filter-schema.ts';
import { evidenceMatrix, facets, findingFacets, sqlFacets, sqlMatrix, sqlTimeline, timeline } from '../src/queries/aggregates.ts';
import { listStudies } from '../src/queries/list-studies.ts';
import { createApp } from '../src/app.ts';
import { createStudyIndex, type StudyIndex } from '../src/study-index/index.ts';

const STUDIES = 3_000;
const NOW = '2026-11-24T00:00:00.000Z';
let db: ReturnType<typeof createTestDatabase>;
let index: StudyIndex;

beforeAll(() => {
  const scratch = createTestDatabase();
  scratch.close();
  generateDatabase(scratch.path, STUDIES);
  db = Object.assign(openDatabase(scratch.path), { dir: scratch.dir, remove: scratch.remove });
  const { sqlite } = db;
  // Variety the generator does not make: every branch of every filter must meet it.
  sqlite.exec(`
    UPDATE studies SET design = NULL WHERE pmid % 17 = 0;
    UPDATE studies SET pub_date_sort = NULL WHERE pmid % 23 = 0;
    UPDATE studies SET pub_year = NULL WHERE pmid % 29 = 0;
    UPDATE studies SET pub_date_sort = '2024' WHERE pmid % 53 = 0;
    UPDATE studies SET journal_title = NULL WHERE pmid % 31 = 0;
    UPDATE studies SET languages = '["eng","dut"]' WHERE pmid % 7 = 0;
    UPDATE studies SET languages = '["ger"]' WHERE pmid % 11 = 0;
    UPDATE studies SET languages = '[]' WHERE pmid % 47 = 0;
    UPDATE studies SET is_retracted = 1 WHERE pmid % 59 = 0;
    UPDATE studies SET deleted_at = '${NOW}' WHERE pmid % 37 = 0;
    UPDATE studies SET first_seen_at = '2025-06-01T00:00:00.000Z' WHERE pmid % 5 = 0;
    INSERT INTO study_curation (pmid, reviewed, inclusion, updated_by, updated_at)
      SELECT pmid, 1, CASE WHEN pmid % 2 = 0 THEN 'include' END, 'test', '${NOW}' FROM studies WHERE pmid % 13 = 0;
    INSERT INTO study_curation (pmid, reviewed, inclusion, updated_by, updated_at)
      SELECT pmid, 0, 'exclude', 'test', '${NOW}' FROM studies WHERE pmid % 19 = 0 AND pmid % 13 != 0;
    INSERT INTO study_tags (pmid, kind, value, source, decision, curator, created_at)
      SELECT pmid, 'outcome', value, 'curator', 'reject', 'test', '${NOW}' FROM study_tags WHERE kind = 'outcome' AND pmid % 41 = 0;
    INSERT INTO study_tags (pmid, kind, value, source, decision, curator, created_at)
      SELECT pmid, 'outcome', 'sleep', 'curator', 'assert', 'test', '${NOW}' FROM studies WHERE pmid % 43 = 0;
    INSERT INTO study_topics (pmid, topic_id, found_by, first_found_at)
      SELECT pmid, 'eft', 'rule', '${NOW}' FROM studies WHERE pmid % 61 = 0 ON CONFLICT DO NOTHING;
  `);
  index = createStudyIndex(db, createDataGeneration(db), { build: 'inline', minStudies: 0 });
});
afterAll(() => db?.remove());

const base: StudyFilter = { match: 'any', retracted: 'include' };
const FILTERS: [string, StudyFilter][] = [
  ['no filter', base],
  ['topic + outcome', { ...base, topic: ['tvns'], outcome: ['hrv'] }],
  ['two outcomes, any', { ...base, outcome: ['hrv', 'sleep'] }],
  ['two outcomes, all', { ...base, outcome: ['hrv', 'sleep'], match: 'all' }],
  ['two topics, all', { ...base, topic: ['tvns', 'eft'], match: 'all' }],
  ['design incl. other', { ...base, design: ['rct', 'other'] }],
  ['year range', { ...base, year_from: 2010, year_to: 2020 }],
  ['year from only', { ...base, year_from: 2024 }],
  ['languages', { ...base, language: ['dut', 'ger'] }],
  ['unknown language', { ...base, language: ['xyz'] }],
  ['journals', { ...base, journal: ['Journal of Neuroscience', 'Frontiers in Neuroscience', 'No Such Journal'] }],
  ['retracted only', { ...base, retracted: 'only' }],
  ['retracted excluded', { ...base, retracted: 'exclude' }],
  ['reviewed', { ...base, reviewed: true }],
  ['not reviewed', { ...base, reviewed: false }],
  ['included', { ...base, inclusion: 'include' }],
  ['excluded', { ...base, inclusion: 'exclude' }],
  ['undecided', { ...base, inclusion: 'undecided' }],
  ['added since a date', { ...base, added_since: '2025-06-01' }],
  ['added since a timestamp', { ...base, added_since: '2026-01-01T12:00:00Z' }],
  ['pmid list', { ...base, pmid: ['10000005', '10000010', '10000037', '99999999'] }],
  ['full text', { ...base, q: 'vagus' }],
  ['full text + topic + design', { ...base, q: 'breathing OR stimulation', topic: ['breathwork', 'tvns'], design: ['rct'] }],
  [
    'everything',
    {
      ...base,
      topic: ['long_covid'],
      outcome: ['fatigue', 'cognition'],
      year_from: 2000,
      language: ['eng'],
      retracted: 'exclude',
      reviewed: false,
    },
  ],
];

/** What GET /api/facets answers: the facets, plus the finding and quality counts (ADR 0017). */
const apiFacets = (filter: Parameters<typeof sqlFacets>[1]) => ({ ...sqlFacets(db, filter), ...findingFacets(db, filter) });

describe('the study index answers as SQLite does', () => {
  it.each(FILTERS)('%s: facets, matrix and timeline', (_name, filter) => {
    const fromIndex = facets(db, filter, index);
    expect(fromIndex).toEqual(sqlFacets(db, filter));
    expect(evidenceMatrix(db, filter, index)).toEqual(sqlMatrix(db, filter));
    expect(timeline(db, filter, 'year', index)).toEqual(sqlTimeline(db, filter, 'year'));
    expect(timeline(db, filter, 'month', index)).toEqual(sqlTimeline(db, filter, 'month'));
    // Guard against a vacuous comparison: most filters here select something.
    if (!filter.language?.includes('xyz')) expect(fromIndex.total).toBeGreaterThan(0);
  });

  it.each(FILTERS)('%s: list pages, totals and cursors for each sort', (_name, filter) => {
    const sorts = filter.q ? (['relevance', 'published', 'added'] as const) : (['published', 'added'] as const);
    for (const sort of sorts) {
      let cursorIndex: string | undefined;
      let cursorSql: string | undefined;
      // Three pages, each continued from its own cursor: both paths must walk the same rows.
      for (let page = 0; page < 3; page++) {
        const viaIndex = listStudies(db, { ...filter, sort, limit: 40, cursor: cursorIndex }, index);
        const viaSql = listStudies(db, { ...filter, sort, limit: 40, cursor: cursorSql });
        expect(viaIndex).toEqual(viaSql);
        if (!viaSql.nextCursor) break;
        cursorIndex = viaIndex.nextCursor!;
        cursorSql = viaSql.nextCursor;
      }
    }
  });
});

describe('keeping the index current', () => {
  it('is stale after any write and is not used until rebuilt for the new data', () => {
    const generation = createDataGeneration(db);
    const fresh = createStudyIndex(db, generation, { build: 'inline', minStudies: 0 });
    const before = facets(db, base, fresh).total;
    db.sqlite.prepare('UPDATE studies SET deleted_at = ? WHERE pmid = (SELECT min(pmid) FROM studies WHERE deleted_at IS NULL)').run(NOW);
    generation.markWrite();
    expect(facets(db, base, fresh).total).toBe(before - 1);
    expect(facets(db, base, fresh)).toEqual(sqlFacets(db, base));
  });

  it('builds in a worker thread behind a running app, SQLite answering meanwhile; with maxStaleMs 0 a write from another connection stops it answering', async () => {
    const app = createApp({ database: db, studyIndex: { minStudies: 0, maxStaleMs: 0 } });
    const health = async () => (await (await app.request('/api/health')).json()) as { studyIndex: string };
    expect((await health()).studyIndex).toBe('building');
    const duringBuild = await (await app.request('/api/facets?topic=tvns')).json();
    for (let i = 0; i < 200 && (await health()).studyIndex !== 'ready'; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await health()).studyIndex).toBe('ready');
    // Same answer from the index as from SQLite during the build (a fresh URL: no response cache).
    expect(await (await app.request('/api/facets?topic=tvns&match=any')).json()).toEqual(duringBuild);

    const other = openDatabase(db.path, { migrate: false });
    try {
      other.sqlite
        .prepare(
          'UPDATE studies SET is_retracted = 1 WHERE pmid = (SELECT max(pmid) FROM studies WHERE deleted_at IS NULL AND is_retracted = 0)',
        )
        .run();
    } finally {
      other.close();
    }
    // The generation is read once per event-loop turn (data-generation.ts); a write from another
    // process always lands in a later turn than the requests read before it.
    await new Promise((resolve) => setImmediate(resolve));
    expect((await health()).studyIndex).toBe('building');
    const afterWrite = await (await app.request('/api/facets?retracted=only')).json();
    // The route adds the findings and quality counts (always SQL) to the index's or SQLite's facets.
    const onlyRetracted = { ...base, retracted: 'only' } as const;
    expect(afterWrite).toEqual(apiFacets(onlyRetracted));
  });

  it('while another process writes, answers from the old snapshot for at most maxStaleMs, saying how far behind and never stored; past that SQLite answers', async () => {
    let now = 1_000_000;
    // settleMs: no rebuild starts during the test's stale window (its steps take milliseconds).
    const app = createApp({ database: db, studyIndex: { minStudies: 0, settleMs: 2_000, maxStaleMs: 10_000, clock: () => now } });
    const health = async () => ((await (await app.request('/api/health')).json()) as { studyIndex: string }).studyIndex;
    for (let i = 0; i < 200 && (await health()) !== 'ready'; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await health()).toBe('ready');
    const before = await app.request('/api/facets?retracted=only&year_from=1990');
    expect(before.headers.get('X-Index-Lag-Ms')).toBeNull();
    const beforeBody = await before.json();
    expect(beforeBody).toEqual(apiFacets({ ...base, retracted: 'only', year_from: 1990 }));

    const other = openDatabase(db.path, { migrate: false });
    try {
      other.sqlite
        .prepare(
          'UPDATE studies SET is_retracted = 1 WHERE pmid = (SELECT max(pmid) FROM studies WHERE deleted_at IS NULL AND is_retracted = 0 AND pub_year >= 1990)',
        )
        .run();
    } finally {
      other.close();
    }
    await new Promise((resolve) => setImmediate(resolve));
    now += 3_000;
    expect(await health()).toBe('stale');
    const stale = await app.request('/api/facets?retracted=only&year_from=1990&_=1');
    expect(stale.headers.get('X-Index-Lag-Ms')).toBe('3000');
    expect(stale.headers.get('Cache-Control')).toBe('no-store');
    // The old snapshot's answer: one retracted study fewer than the database now holds.
    const staleBody = (await stale.json()) as { total: number };
    expect(staleBody).toEqual(beforeBody);
    expect(sqlFacets(db, { ...base, retracted: 'only', year_from: 1990 }).total).toBe(staleBody.total + 1);

    now += 7_001;
    expect(await health()).toBe('building');
    const past = await app.request('/api/facets?retracted=only&year_from=1990&_=2');
    expect(past.headers.get('X-Index-Lag-Ms')).toBeNull();
    expect(await past.json()).toEqual(apiFacets({ ...base, retracted: 'only', year_from: 1990 }));
    await app.request('/api/health');
  });

  it("never answers from a stale snapshot after this process's own write (a curator sees their change at once)", async () => {
    const now = 1_000_000;
    const app = createApp({ database: db, editorToken: 'anna:t0ken', studyIndex: { minStudies: 0, settleMs: 2_000, clock: () => now } });
    const health = async () => ((await (await app.request('/api/health')).json()) as { studyIndex: string }).studyIndex;
    for (let i = 0; i < 200 && (await health()) !== 'ready'; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await health()).toBe('ready');
    const pmid = db.sqlite
      .prepare(
        'SELECT min(s.pmid) FROM studies s LEFT JOIN study_curation c USING (pmid) WHERE s.deleted_at IS NULL AND c.reviewed IS NOT 1',
      )
      .pluck()
      .get() as number;
    const put = await app.request(`/api/studies/${pmid}/curation`, {
      method: 'PUT',
      headers: { Authorization: 'Bearer t0ken', 'Content-Type': 'application/json' },
      body: JSON.stringify({ reviewed: true }),
    });
    expect(put.status).toBe(200);
    expect(await health()).toBe('building');
    const after = await app.request('/api/facets?reviewed=true');
    expect(after.headers.get('X-Index-Lag-Ms')).toBeNull();
    expect(await after.json()).toEqual(apiFacets({ ...base, reviewed: true }));
  });

  it('drops a build that finishes after its connection was closed (a server shutting down) without touching it', async () => {
    const own = openDatabase(db.path, { migrate: false });
    const index = createStudyIndex(own, createDataGeneration(own), { minStudies: 0, settleMs: 0 });
    index.warm();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const finished = index.idle();
    own.close();
    // Before the guard, the worker's answer read the data generation from the closed connection:
    // "The database connection is not open", thrown from an event handler, uncaught.
    await expect(finished).resolves.toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
  });
});

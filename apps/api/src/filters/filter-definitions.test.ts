// Each filter in the table, alone: its SQL condition and its index form pick the same studies from a
// small database that has a row for every branch (no year, no journal, no design, several languages,
// retracted, deleted, reviewed, included/excluded, curator asserts and rejects, runs).
import { createTestDatabase, insertStudy } from '@evidence/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSnapshot, type Snapshot } from '../study-index/snapshot.ts';
import { FILTER_PARAMS, type FilterName } from './filter-params.ts';
import { allRows, countRows, hasRow, rowList } from '../study-index/row-sets.ts';
import { FILTERS, filterContext, narrowByFilter, sqlOf } from './filter-definitions.ts';

const db = createTestDatabase();
let snapshot: Snapshot;
const NOW = '2026-01-01T00:00:00.000Z';

beforeAll(() => {
  const topicsOf = (i: number) => [i % 2 ? 'tvns' : 'eft', ...(i % 3 === 0 ? ['breathwork'] : [])];
  for (let i = 1; i <= 40; i++) {
    insertStudy(db, {
      pmid: 90_000_000 + i,
      topics: topicsOf(i),
      pubYear: 2000 + (i % 25),
      journalTitle: ['Journal A', 'Journal B', 'Journal C'][i % 3]!,
      abstract: i % 4 === 0 ? 'Vagus nerve stimulation improved sleep.' : 'Slow breathing lowered anxiety.',
      isRetracted: i % 9 === 0,
    });
  }
  db.sqlite.exec(`
    UPDATE studies SET design = CASE pmid % 4 WHEN 0 THEN 'rct' WHEN 1 THEN 'observational' WHEN 2 THEN 'meta_analysis' END;
    UPDATE studies SET design = 'non_research' WHERE pmid % 10 = 3;
    UPDATE studies SET pub_year = NULL WHERE pmid % 11 = 0;
    UPDATE studies SET journal_title = NULL WHERE pmid % 13 = 0;
    UPDATE studies SET languages = CASE WHEN pmid % 5 = 0 THEN '["eng","dut"]' WHEN pmid % 7 = 0 THEN '["ger"]' WHEN pmid % 17 = 0 THEN '[]' ELSE '["eng"]' END;
    UPDATE studies SET first_seen_at = '2025-06-0' || (pmid % 9 + 1) || 'T00:00:00.000Z';
    UPDATE studies SET deleted_at = '${NOW}' WHERE pmid % 19 = 0;
    INSERT INTO study_curation (pmid, reviewed, inclusion, updated_by, updated_at)
      SELECT pmid, pmid % 2, CASE pmid % 3 WHEN 0 THEN 'include' WHEN 1 THEN 'exclude' END, 'test', '${NOW}' FROM studies WHERE pmid % 4 <> 3;
    INSERT INTO study_tags (pmid, kind, value, source, created_at)
      SELECT pmid, 'outcome', CASE WHEN pmid % 2 = 0 THEN 'hrv' ELSE 'sleep' END, 'rule', '${NOW}' FROM studies;
    INSERT INTO study_tags (pmid, kind, value, source, created_at) SELECT pmid, 'outcome', 'anxiety', 'rule', '${NOW}' FROM studies WHERE pmid % 3 = 0;
    INSERT INTO study_tags (pmid, kind, value, source, decision, curator, created_at)
      SELECT pmid, 'outcome', 'hrv', 'curator', 'reject', 'test', '${NOW}' FROM studies WHERE pmid % 8 = 0;
    INSERT INTO study_tags (pmid, kind, value, source, decision, curator, created_at)
      SELECT pmid, 'outcome', 'hrv', 'curator', 'assert', 'test', '${NOW}' FROM studies WHERE pmid % 5 = 0 AND pmid % 8 <> 0;
    INSERT INTO ingestion_runs (kind, started_at, status) VALUES ('search', '2025-06-05T00:00:00.000Z', 'succeeded');
    INSERT INTO study_findings (pmid, outcome, source, direction, comparison, created_at)
      SELECT pmid, CASE WHEN pmid % 2 = 0 THEN 'hrv' ELSE 'sleep' END, 'rule',
        CASE pmid % 4 WHEN 0 THEN 'improved' WHEN 1 THEN 'no_difference' WHEN 2 THEN 'worsened' ELSE 'not_reported' END, 'vs_control', '${NOW}'
      FROM studies;
    INSERT INTO study_findings (pmid, outcome, source, direction, created_at) SELECT pmid, 'anxiety', 'rule', 'improved', '${NOW}' FROM studies WHERE pmid % 3 = 0;
    INSERT INTO study_findings (pmid, outcome, source, direction, curator, created_at)
      SELECT pmid, 'sleep', 'curator', 'improved', 'test', '${NOW}' FROM studies WHERE pmid % 7 = 1;
    INSERT INTO study_quality (pmid, signal, source, value, created_at)
      SELECT pmid, signal, 'rule', 1, '${NOW}' FROM studies, (SELECT 'randomised' AS signal UNION ALL SELECT 'blinded' UNION ALL SELECT 'sham' UNION ALL SELECT 'registered')
      WHERE pmid % (CASE signal WHEN 'randomised' THEN 2 WHEN 'blinded' THEN 3 WHEN 'sham' THEN 5 ELSE 7 END) = 0;
    INSERT INTO study_quality (pmid, signal, source, value, curator, created_at)
      SELECT pmid, 'randomised', 'curator', pmid % 4 = 1, 'test', '${NOW}' FROM studies WHERE pmid % 4 IN (0, 1);
  `);
  snapshot = loadSnapshot(db.sqlite);
});
afterAll(() => db.remove());

/** Query values to try for every filter in the table (the type makes a new filter add its own). */
const SAMPLES: { [K in FilterName]: (string | string[])[] } = {
  topic: [['tvns'], ['tvns', 'breathwork'], ['long_covid']],
  outcome: [['hrv'], ['hrv', 'anxiety'], ['sleep', 'anxiety'], ['pain']],
  design: [['rct'], ['rct', 'meta_analysis', 'other'], ['non_research']],
  include_non_research: ['false', 'true'],
  match: ['any', 'all'],
  year_from: ['2010', '2024'],
  year_to: ['2005', '2030'],
  language: [['dut'], ['ger', 'eng'], ['xyz']],
  journal: [['Journal A'], ['Journal B', 'Journal C', 'No Such Journal']],
  retracted: ['include', 'exclude', 'only'],
  reviewed: ['true', 'false'],
  inclusion: ['include', 'exclude', 'undecided'],
  q: ['vagus', 'breathing OR stimulation', 'nothing', 'post-COVID', 'stimulation AND 2020:2026[dp]'],
  added_since: ['2025-06-05', '2025-06-03T12:00:00Z', 'run:1'],
  pmid: [['90000001', '90000019', '90000040', '99999999']],
  direction: [['improved'], ['worsened', 'no_difference'], ['mixed']],
  randomised: ['true', 'false'],
  blinded: ['true', 'false'],
  sham: ['true', 'false'],
  registered: ['true', 'false'],
};

const pmidsByIndex = (name: FilterName, value: unknown, match: 'any' | 'all') => {
  const rows = allRows(snapshot.size);
  narrowByFilter(name, value, filterContext(db, { match }), snapshot, rows);
  return [...snapshot.pmid].filter((_, r) => hasRow(rows, r));
};
const pmidsBySql = (name: FilterName, value: unknown, match: 'any' | 'all') => {
  const conditions = [{ sql: 's.deleted_at IS NULL', values: [] }, ...sqlOf(name, value, filterContext(db, { match }))];
  return db.sqlite
    .prepare(`SELECT s.pmid FROM studies s WHERE ${conditions.map((c) => c.sql).join(' AND ')} ORDER BY s.pmid`)
    .pluck()
    .all(...conditions.flatMap((c) => c.values)) as number[];
};

describe('the filter table', () => {
  it('defines every filter parameter, and only those', () => {
    expect(Object.keys(FILTERS)).toEqual(Object.keys(FILTER_PARAMS));
  });

  for (const name of Object.keys(SAMPLES) as FilterName[]) {
    it(`${name}: the SQL condition and the index form select the same studies`, () => {
      let narrowed = 0;
      for (const raw of SAMPLES[name]) {
        const value = FILTERS[name].schema.parse(raw);
        for (const match of FILTER_PARAMS.match.values) {
          const bySql = pmidsBySql(name, value, match);
          expect(pmidsByIndex(name, value, match), `${name}=${JSON.stringify(raw)}, match=${match}`).toEqual(bySql);
          if (bySql.length > 0 && bySql.length < snapshot.size) narrowed++;
        }
      }
      // match has no condition of its own (topic and outcome read it); every other filter must bite.
      if (name !== 'match') expect(narrowed).toBeGreaterThan(0);
    });
  }

  it('non-research designs are out by default, back with include_non_research=true or when the design filter names them', () => {
    const nonResearch = db.sqlite.prepare(`SELECT pmid FROM studies WHERE design = 'non_research' AND deleted_at IS NULL`).pluck().all();
    expect(nonResearch.length).toBeGreaterThan(0);
    const byDefault = FILTERS.include_non_research.schema.parse(undefined);
    expect(byDefault).toBe(undefined);
    const sqlWith = (designs: string[] | undefined) => {
      const ctx = filterContext(db, { match: 'any', design: designs });
      const c = sqlOf('include_non_research', byDefault, ctx);
      return db.sqlite
        .prepare(`SELECT s.pmid FROM studies s WHERE s.deleted_at IS NULL ${c.map((x) => `AND ${x.sql}`).join(' ')}`)
        .pluck()
        .all(...c.flatMap((x) => x.values));
    };
    for (const p of nonResearch) expect(sqlWith(undefined)).not.toContain(p);
    expect(sqlWith(['non_research'])).toEqual(expect.arrayContaining(nonResearch));
    const rows = allRows(snapshot.size);
    narrowByFilter('include_non_research', byDefault, filterContext(db, { match: 'any', design: ['non_research'] }), snapshot, rows);
    expect(countRows(rows)).toBe(snapshot.size);
  });

  it('direction with outcome means that outcome’s finding in effect; a curator’s direction wins, a rejected outcome’s finding counts for nothing', () => {
    const improved = FILTERS.direction.schema.parse(['improved']);
    const withOutcome = (outcome: string[]) => {
      const ctx = filterContext(db, { match: 'any', outcome });
      const c = [...sqlOf('outcome', outcome, ctx), ...sqlOf('direction', improved, ctx)];
      const bySql = db.sqlite
        .prepare(`SELECT s.pmid FROM studies s WHERE s.deleted_at IS NULL AND ${c.map((x) => x.sql).join(' AND ')} ORDER BY s.pmid`)
        .pluck()
        .all(...c.flatMap((x) => x.values)) as number[];
      const rows = allRows(snapshot.size);
      narrowByFilter('outcome', outcome, ctx, snapshot, rows);
      narrowByFilter('direction', improved, ctx, snapshot, rows);
      expect([...rowList(rows, countRows(rows))].map((r) => snapshot.pmid[r])).toEqual(bySql);
      return bySql;
    };
    // sleep: the rules say improved nowhere (odd PMIDs are 1 or 3 mod 4); curators said improved for pmid % 7 = 1.
    const sleep = withOutcome(['sleep']);
    expect(sleep.length).toBeGreaterThan(0);
    expect(sleep.every((p) => p % 7 === 1)).toBe(true);
    // hrv improved by the rules at pmid % 4 = 0, but hrv is rejected by a curator at pmid % 8 = 0.
    const hrv = withOutcome(['hrv']);
    expect(hrv.length).toBeGreaterThan(0);
    expect(hrv.every((p) => p % 4 === 0 && p % 8 !== 0)).toBe(true);
    // Without outcome: any finding (anxiety at pmid % 3 = 0 counts).
    expect(pmidsBySql('direction', improved, 'any')).toContain(90_000_003);
  });

  it('a quality filter takes the curator’s value over the rules’', () => {
    const yes = pmidsBySql('randomised', true, 'any');
    // Rules: even PMIDs; curators: yes at pmid % 4 = 1, no at pmid % 4 = 0.
    expect(yes.length).toBeGreaterThan(0);
    expect(yes.every((p) => p % 4 === 1 || p % 4 === 2)).toBe(true);
    expect(yes).toContain(90_000_001);
  });

  it('match=all needs every topic or outcome, match=any one of them', () => {
    const both = FILTERS.topic.schema.parse(['tvns', 'breathwork']);
    expect(pmidsBySql('topic', both, 'all').length).toBeLessThan(pmidsBySql('topic', both, 'any').length);
    expect(pmidsByIndex('topic', both, 'all')).toEqual(pmidsBySql('topic', both, 'all'));
  });

  it('reports an unusable value as an invalid filter naming the parameter', () => {
    // q's schema refuses input with nothing to search for; a caller that skipped the schema still gets a 400.
    for (const [name, value] of [
      ['q', '(('],
      ['added_since', FILTERS.added_since.schema.parse('run:99')],
    ] as const) {
      expect(() => pmidsBySql(name, value, 'any')).toThrow(expect.objectContaining({ code: 'invalid_parameter', parameter: name }));
      expect(() => pmidsByIndex(name, value, 'any')).toThrow(expect.objectContaining({ code: 'invalid_parameter', parameter: name }));
    }
  });
});

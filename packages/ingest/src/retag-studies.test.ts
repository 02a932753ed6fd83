import { buildArticleSetXml, FIXTURE_STUDIES } from '@evidence/eutils-fixtures';
import { parsePubmedXml } from '@evidence/pubmed';
import { createTestDatabase, insertStudy } from '@evidence/schema/testing';
import { RULESET_VERSION, tagStudy, toTaggable } from '@evidence/tagger';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudyStore } from './study-store.ts';
import { createTagWriter } from './tag-writer.ts';
import { retagStudies } from './retag-studies.ts';

let db: ReturnType<typeof createTestDatabase>;

beforeEach(() => {
  db = createTestDatabase();
  const writer = createTagWriter(db);
  const store = createStudyStore(db, (record, ctx) => writer.write(Number(record.pmid), tagStudy(toTaggable(record)), ctx.now));
  const { records } = parsePubmedXml(buildArticleSetXml(FIXTURE_STUDIES));
  store.writeBatch(records, [], { runId: null, topicId: null, origin: 'import', now: '2026-11-01T00:00:00.000Z' });
});
afterEach(() => db.remove());

const one = <T>(sql: string, ...args: unknown[]) => db.sqlite.prepare(sql).get(...args) as T;
const all = <T>(sql: string, ...args: unknown[]) => db.sqlite.prepare(sql).all(...args) as T[];

function curate(pmid: number, kind: string, value: string, decision: 'assert' | 'reject') {
  db.sqlite
    .prepare(`INSERT INTO study_tags (pmid, kind, value, source, decision, curator, note, created_at)
    VALUES (?, ?, ?, 'curator', ?, 'editor', 'checked the full text', '2026-11-02T00:00:00.000Z')`)
    .run(pmid, kind, value, decision);
}

describe('retag', () => {
  it('tags every stored study with outcome, design and sample-size evidence', () => {
    const untagged = one<{ n: number }>(`SELECT count(*) n FROM studies WHERE tagged_ruleset_version IS NOT ?`, RULESET_VERSION);
    expect(untagged.n).toBe(0);
    const withDesign = one<{ n: number }>(`SELECT count(*) n FROM studies WHERE design IS NOT NULL`);
    expect(withDesign.n).toBe(FIXTURE_STUDIES.length);
    const ruleTagsWithoutEvidence = one<{ n: number }>(
      `SELECT count(*) n FROM study_tags WHERE source = 'rule' AND kind IN ('outcome', 'sample_size') AND (evidence_sentence IS NULL OR evidence_start IS NULL)`,
    );
    expect(ruleTagsWithoutEvidence.n).toBe(0);
  });

  it('keeps every curator decision and its effect through a full re-tag', () => {
    const pmid = FIXTURE_STUDIES[0]!.pmid;
    const ruleOutcomes = all<{ value: string }>(
      `SELECT value FROM study_tags WHERE pmid = ? AND kind = 'outcome' AND source = 'rule'`,
      pmid,
    ).map((r) => r.value);
    expect(ruleOutcomes.length).toBeGreaterThan(0);
    const rejected = ruleOutcomes[0]!;
    curate(pmid, 'outcome', rejected, 'reject');
    curate(pmid, 'outcome', 'sleep', 'assert');
    curate(pmid, 'design', 'controlled_trial', 'assert');
    curate(pmid, 'sample_size', '77', 'assert');

    const effective = () =>
      all<{ outcome: string }>(`SELECT outcome FROM effective_outcomes WHERE pmid = ? ORDER BY outcome`, pmid).map((r) => r.outcome);
    const before = effective();
    expect(before).toContain('sleep');
    expect(before).not.toContain(rejected);
    expect(one(`SELECT design, sample_size FROM studies WHERE pmid = ?`, pmid)).toEqual({ design: 'controlled_trial', sample_size: 77 });

    const result = retagStudies({ opened: db, all: true });
    expect(result.studies).toBe(FIXTURE_STUDIES.length);

    expect(all(`SELECT kind, value, decision FROM study_tags WHERE pmid = ? AND source = 'curator' ORDER BY kind, value`, pmid)).toEqual(
      [
        { kind: 'design', value: 'controlled_trial', decision: 'assert' },
        { kind: 'outcome', value: 'sleep', decision: 'assert' },
        { kind: 'outcome', value: rejected, decision: 'reject' },
        { kind: 'sample_size', value: '77', decision: 'assert' },
      ].sort((a, b) => a.kind.localeCompare(b.kind) || a.value.localeCompare(b.value)),
    );
    expect(effective()).toEqual(before);
    expect(one(`SELECT design, sample_size FROM studies WHERE pmid = ?`, pmid)).toEqual({ design: 'controlled_trial', sample_size: 77 });
    // The automatic value stays visible beside the curated one.
    expect(
      all(`SELECT value FROM study_tags WHERE pmid = ? AND kind = 'outcome' AND source = 'rule'`, pmid).map((r: any) => r.value),
    ).toContain(rejected);
  });

  it('re-tags only studies tagged by another rule set unless asked for all, and reports unchanged tags as 0', () => {
    expect(retagStudies({ opened: db, all: false }).studies).toBe(0);
    db.sqlite
      .prepare(`UPDATE studies SET tagged_ruleset_version = 'older' WHERE pmid IN (?, ?)`)
      .run(FIXTURE_STUDIES[0]!.pmid, FIXTURE_STUDIES[1]!.pmid);
    const result = retagStudies({ opened: db, all: false });
    expect(result).toMatchObject({ studies: 2, tagsChanged: 0, studiesChanged: 0 });
  });

  it('counts changed tags when the stored rule tags differ from what the rules now say', () => {
    const pmid = FIXTURE_STUDIES[2]!.pmid;
    db.sqlite.prepare(`DELETE FROM study_tags WHERE pmid = ? AND kind = 'outcome' AND source = 'rule'`).run(pmid);
    db.sqlite
      .prepare(`INSERT INTO study_tags (pmid, kind, value, source, created_at) VALUES (?, 'outcome', 'respiratory', 'rule', '2026-01-01')`)
      .run(pmid);
    const expected = tagStudy(toTaggable(parsePubmedXml(buildArticleSetXml([FIXTURE_STUDIES[2]!])).records[0]!)).outcomes.length;
    const result = retagStudies({ opened: db, all: true });
    expect(result.studiesChanged).toBe(1);
    expect(result.tagsChanged).toBe(expected + 1);
  });

  it('a study stored under the old fallback (observational, no evidence) moves to unclassified on upgrade, and the change is recorded', () => {
    const pmid = 90_999_001;
    const notes = db.sqlite.prepare(`SELECT count(*) FROM study_changes WHERE pmid = ?`).pluck();
    insertStudy(db, { pmid, title: '[Fixture] Optical properties of quantum dots', abstract: 'Quantum dots emit light at 520 nm.' });
    db.sqlite
      .prepare(
        `UPDATE studies SET publication_types = '[{"name":"Journal Article","ui":null}]', tagged_ruleset_version = '2026.11.1+9ee25f9adc03' WHERE pmid = ?`,
      )
      .run(pmid);
    db.sqlite
      .prepare(`INSERT INTO study_tags (pmid, kind, value, source, decision, ruleset_version, created_at)
        VALUES (?, 'design', 'observational', 'rule', 'assert', '2026.11.1+9ee25f9adc03', '2026-01-01')`)
      .run(pmid);
    expect(one(`SELECT design FROM studies WHERE pmid = ?`, pmid)).toEqual({ design: 'observational' });
    expect(notes.get(pmid)).toBe(0);

    // Without --all: the stored ruleset version is older, so the study is picked up.
    const result = retagStudies({ opened: db, all: false, clock: () => new Date('2026-12-05T00:00:00.000Z') });
    expect(result).toMatchObject({ studies: 1, studiesChanged: 1, tagsChanged: 2 });
    expect(one(`SELECT design, tagged_ruleset_version FROM studies WHERE pmid = ?`, pmid)).toEqual({
      design: 'unclassified',
      tagged_ruleset_version: RULESET_VERSION,
    });
    expect(
      one(`SELECT value, rule_id, evidence_sentence FROM study_tags WHERE pmid = ? AND kind = 'design' AND source = 'rule'`, pmid),
    ).toEqual({ value: 'unclassified', rule_id: null, evidence_sentence: null });
    expect(all(`SELECT run_id, changed_fields, changed_at FROM study_changes WHERE pmid = ?`, pmid)).toEqual([
      { run_id: null, changed_fields: '["tag:design"]', changed_at: '2026-12-05T00:00:00.000Z' },
    ]);
    // Nothing changed the second time: nothing recorded.
    retagStudies({ opened: db, all: true });
    expect(notes.get(pmid)).toBe(1);
  });
});

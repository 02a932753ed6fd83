import { buildArticleSetXml, FIXTURE_STUDIES } from '@evidence/eutils-fixtures';
import { parsePubmedXml } from '@evidence/pubmed';
import { createTestDatabase, insertStudy } from '@evidence/schema/testing';
import { RULESET_VERSION, tagStudy, toTaggable } from '@evidence/tagger';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStudyStore } from './study-store.ts';
import { createTagWriter } from './tag-writer.ts';
import { retagStudies } from './retag-studies.ts';

let db: ReturnType<typeof createTestDatabase>;
let store: ReturnType<typeof createStudyStore>;

beforeEach(() => {
  db = createTestDatabase();
  const writer = createTagWriter(db);
  store = createStudyStore(db, (record, ctx) => writer.write(Number(record.pmid), tagStudy(toTaggable(record)), ctx.now));
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

/** A synthetic trial whose abstract states a direction for anxiety, randomisation, blinding and a sham. */
function findingRecord(abstract?: string) {
  const [record] = parsePubmedXml(buildArticleSetXml([FIXTURE_STUDIES[0]!])).records;
  const text =
    abstract ??
    'In this randomised, double-blind, sham-controlled trial, 60 adults were randomised to active or sham stimulation. Anxiety scores decreased significantly more with active stimulation than with sham (p < 0.01).';
  const title = '[Fixture] Sham-controlled stimulation for anxiety';
  return {
    ...record!,
    pmid: '90999100',
    title: { text: title, markup: title },
    abstract: { text, markup: text },
    abstractSections: [],
    dataBanks: [{ name: 'ClinicalTrials.gov', accessionNumbers: ['NCT09000001'] }],
  };
}
const ingest = (record: ReturnType<typeof findingRecord>, now = '2026-11-03T00:00:00.000Z') =>
  store.writeBatch([record], [], { runId: null, topicId: null, origin: 'import', now });

describe('findings and quality signals', () => {
  it('stores, per tagged outcome, the finding the tagger gives, and the quality signals and registrations', () => {
    const record = findingRecord();
    ingest(record);
    const tagging = tagStudy(toTaggable(record));
    expect(tagging.findings.length).toBeGreaterThan(0);
    expect(
      all(`SELECT outcome, direction, comparison FROM study_findings WHERE pmid = 90999100 AND source = 'rule' ORDER BY outcome`),
    ).toEqual(
      tagging.findings
        .map((f) => ({ outcome: f.outcome, direction: f.direction, comparison: f.comparison }))
        .sort((a, b) => a.outcome.localeCompare(b.outcome)),
    );
    const anxiety = one<{ direction: string; evidence_sentence: string; evidence_start: number; evidence_end: number }>(
      `SELECT direction, evidence_sentence, evidence_start, evidence_end FROM study_findings WHERE pmid = 90999100 AND outcome = 'anxiety'`,
    );
    expect(anxiety.direction).toBe('improved');
    expect(record.abstract.text.slice(anxiety.evidence_start, anxiety.evidence_end)).toBe(anxiety.evidence_sentence);
    const signals = Object.fromEntries(
      all<{ signal: string; value: number }>(`SELECT signal, value FROM study_quality WHERE pmid = 90999100 AND source = 'rule'`).map(
        (r) => [r.signal, r.value],
      ),
    );
    expect(signals).toMatchObject({ randomised: 1, blinded: 1, sham: 1, registered: 1 });
    expect(signals.n_randomised).toBe(tagging.quality.nRandomisedOrEnrolled.value);
    expect(all(`SELECT registry, registration_id, source FROM study_registrations WHERE pmid = 90999100`)).toEqual([
      { registry: 'clinicaltrials_gov', registration_id: 'NCT09000001', source: 'databank' },
    ]);
    // Every rule outcome tag of every study has its rule finding.
    expect(
      one(`SELECT count(*) n FROM study_tags t WHERE t.kind = 'outcome' AND t.source = 'rule'
        AND NOT EXISTS (SELECT 1 FROM study_findings f WHERE f.pmid = t.pmid AND f.outcome = t.value AND f.source = 'rule')`),
    ).toEqual({ n: 0 });
  });

  it('keeps curator corrections of a finding and a signal through a re-tag and a re-ingestion, and the DataBankList registration through a re-tag', () => {
    ingest(findingRecord());
    db.sqlite
      .prepare(`INSERT INTO study_findings (pmid, outcome, source, direction, comparison, curator, created_at)
        VALUES (90999100, 'anxiety', 'curator', 'no_difference', 'vs_control', 'editor', '2026-11-04T00:00:00.000Z')`)
      .run();
    db.sqlite
      .prepare(`INSERT INTO study_quality (pmid, signal, source, value, curator, created_at)
        VALUES (90999100, 'blinded', 'curator', 0, 'editor', '2026-11-04T00:00:00.000Z')`)
      .run();
    const effective = () => ({
      finding: one(`SELECT direction, source FROM effective_findings WHERE pmid = 90999100 AND outcome = 'anxiety'`),
      blinded: one(`SELECT value, source FROM effective_quality WHERE pmid = 90999100 AND signal = 'blinded'`),
      randomised: one(`SELECT value, source FROM effective_quality WHERE pmid = 90999100 AND signal = 'randomised'`),
    });
    const expected = {
      finding: { direction: 'no_difference', source: 'curator' },
      blinded: { value: 0, source: 'curator' },
      randomised: { value: 1, source: 'rule' },
    };
    expect(effective()).toEqual(expected);

    retagStudies({ opened: db, all: true });
    expect(effective()).toEqual(expected);
    expect(all(`SELECT registration_id, source FROM study_registrations WHERE pmid = 90999100`)).toEqual([
      { registration_id: 'NCT09000001', source: 'databank' },
    ]);
    // The rules' finding is still there beside the curator's.
    expect(one(`SELECT direction FROM study_findings WHERE pmid = 90999100 AND outcome = 'anxiety' AND source = 'rule'`)).toEqual({
      direction: 'improved',
    });

    // A changed record is re-tagged at ingestion; the curator rows stay and still win.
    ingest(
      findingRecord(
        'In this randomised, double-blind, sham-controlled trial, 62 adults were randomised to active or sham stimulation. Anxiety scores decreased significantly more with active stimulation than with sham (p < 0.01).',
      ),
      '2026-11-05T00:00:00.000Z',
    );
    expect(one(`SELECT value FROM study_quality WHERE pmid = 90999100 AND signal = 'n_randomised' AND source = 'rule'`)).toEqual({
      value: 62,
    });
    expect(effective()).toEqual(expected);
  });

  it('records a changed finding in study_changes on re-tag, and an unchanged one not', () => {
    ingest(findingRecord());
    expect(retagStudies({ opened: db, all: true })).toMatchObject({ studiesChanged: 0, tagsChanged: 0 });
    db.sqlite
      .prepare(`UPDATE study_findings SET direction = 'worsened' WHERE pmid = 90999100 AND outcome = 'anxiety' AND source = 'rule'`)
      .run();
    const result = retagStudies({ opened: db, all: true, clock: () => new Date('2026-12-05T00:00:00.000Z') });
    expect(result).toMatchObject({ studiesChanged: 1, tagsChanged: 2 });
    expect(all(`SELECT changed_fields FROM study_changes WHERE pmid = 90999100 AND run_id IS NULL`)).toEqual([
      { changed_fields: '["tag:finding"]' },
    ]);
    expect(one(`SELECT direction FROM study_findings WHERE pmid = 90999100 AND outcome = 'anxiety' AND source = 'rule'`)).toEqual({
      direction: 'improved',
    });
  });

  it('hides a finding whose outcome a curator rejected', () => {
    ingest(findingRecord());
    curate(90999100, 'outcome', 'anxiety', 'reject');
    expect(one(`SELECT count(*) n FROM effective_findings WHERE pmid = 90999100 AND outcome = 'anxiety'`)).toEqual({ n: 0 });
  });
});

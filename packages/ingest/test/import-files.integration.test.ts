// `pnpm ingest import` through importFiles on generated files (fixture PMIDs from 90000000,
// "[Fixture]" titles): gzip + deletions, MEDLINE, a bad record, rule topics, idempotence, dry run.
import { loadTopicsFile } from '@evidence/schema';
import { createTestDatabase } from '@evidence/schema/testing';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecordGenerator, writePubmedFile, XML_HEAD, XML_TAIL } from '../bench/pubmed-generator.ts';
import { importFiles, type ImportOptions } from '../src/import-files.ts';

type Db = ReturnType<typeof createTestDatabase>;
let db: Db;
const topics = loadTopicsFile();
const lines: string[] = [];
const progress: ImportOptions['progress'] = {
  topicStarted() {},
  fileStarted() {},
  found() {},
  stored() {},
  topicFinished() {},
  retry() {},
  line: (message) => {
    lines.push(message);
  },
};

beforeEach(() => {
  db = createTestDatabase();
  lines.length = 0;
});
afterEach(() => db.remove());

const run = (files: string[], extra: Partial<ImportOptions> = {}) =>
  importFiles({ opened: db, files, topics, dryRun: false, progress, threads: 0, ...extra });
const count = (sql: string, ...params: unknown[]) =>
  db.sqlite
    .prepare(sql)
    .pluck()
    .get(...params) as number;

describe('import: PubMed XML', () => {
  it('reads a .xml.gz with worker threads, stores every record with authors and tags, applies a DeleteCitation', async () => {
    const file = join(db.dir, 'set.xml.gz');
    await writePubmedFile(file, {
      records: 600,
      extra: (i) => (i === 400 ? '<DeleteCitation><PMID Version="1">90000007</PMID></DeleteCitation>' : null),
    });
    const summary = await run([file], { threads: 2, batchSize: 250 });
    expect(summary.status).toBe('succeeded');
    expect(summary.files[0]).toMatchObject({ status: 'succeeded', records: 600, new: 600, deleted: 1, failed: 0 });
    expect(count('SELECT count(*) FROM studies')).toBe(600);
    expect(count('SELECT count(*) FROM studies WHERE deleted_at IS NOT NULL')).toBe(1);
    expect(count('SELECT deleted_at IS NOT NULL FROM studies WHERE pmid = 90000007')).toBe(1);
    expect(count('SELECT count(*) FROM studies WHERE title NOT LIKE ?', '[Fixture]%')).toBe(0);
    // Every record got its authors (5–15) and a design tag, in file order of PMIDs.
    expect(count('SELECT count(*) FROM studies s WHERE (SELECT count(*) FROM authors a WHERE a.pmid = s.pmid) < 5')).toBe(0);
    expect(count(`SELECT count(DISTINCT pmid) FROM study_tags WHERE kind = 'design' AND source = 'rule'`)).toBe(600);
    // Findings are stored at import, one per rule outcome tag.
    expect(count(`SELECT count(*) FROM study_findings WHERE source = 'rule'`)).toBe(
      count(`SELECT count(*) FROM study_tags WHERE kind = 'outcome' AND source = 'rule'`),
    );
    expect(count(`SELECT count(*) FROM study_findings WHERE source = 'rule'`)).toBeGreaterThan(0);
    expect(count('SELECT min(pmid) FROM studies')).toBe(90000000);
    expect(count('SELECT max(pmid) FROM studies')).toBe(90000599);
  });

  it('gives the same rows with and without worker threads', async () => {
    const file = join(db.dir, 'same.xml');
    await writePubmedFile(file, { records: 150 });
    await run([file], { threads: 2 });
    const snapshot = () => ({
      studies: db.sqlite.prepare('SELECT pmid, content_hash, design, tagged_ruleset_version FROM studies ORDER BY pmid').all(),
      tags: db.sqlite.prepare('SELECT pmid, kind, value, parameter FROM study_tags ORDER BY pmid, kind, value, parameter').all(),
      topics: db.sqlite.prepare('SELECT pmid, topic_id, found_by FROM study_topics ORDER BY pmid, topic_id').all(),
      findings: db.sqlite.prepare('SELECT pmid, outcome, direction, comparison FROM study_findings ORDER BY pmid, outcome').all(),
      quality: db.sqlite.prepare('SELECT pmid, signal, value FROM study_quality ORDER BY pmid, signal').all(),
    });
    const withWorkers = snapshot();
    const other = createTestDatabase();
    try {
      await importFiles({ opened: other, files: [file], topics, dryRun: false, progress, threads: 0 });
      const prev = db;
      db = other as Db;
      const inline = snapshot();
      db = prev;
      expect(inline).toEqual(withWorkers);
    } finally {
      other.remove();
    }
  });

  it('links studies to topics by the local rules (found_by = rule)', async () => {
    const file = join(db.dir, 'topics.xml');
    await writePubmedFile(file, { records: 200 });
    await run([file]);
    const linked = count(`SELECT count(*) FROM study_topics WHERE found_by = 'rule'`);
    expect(linked).toBeGreaterThan(20);
    expect(count(`SELECT count(*) FROM study_topics WHERE found_by <> 'rule'`)).toBe(0);
    // A record about taVNS lands in the tvns topic.
    const pmid = count(`SELECT pmid FROM studies WHERE title LIKE '%vagus nerve stimulation%' LIMIT 1`);
    expect(count(`SELECT count(*) FROM study_topics WHERE pmid = ? AND topic_id = 'tvns' AND found_by = 'rule'`, pmid)).toBe(1);
  });

  it('skips a record that cannot be parsed, stores the others and logs the reason with its PMID', async () => {
    const record = createRecordGenerator();
    const broken = record(2).replace(/<Article PubModel[\s\S]*<\/Article>/, '');
    const file = join(db.dir, 'one-bad.xml');
    writeFileSync(file, XML_HEAD + [record(0), record(1), broken, record(3), record(4)].join('\n') + XML_TAIL);
    const summary = await run([file]);
    expect(summary.files[0]).toMatchObject({ status: 'succeeded', records: 4, new: 4, failed: 1 });
    expect(db.sqlite.prepare('SELECT pmid FROM studies ORDER BY pmid').pluck().all()).toEqual([90000000, 90000001, 90000003, 90000004]);
    const notes = JSON.parse(db.sqlite.prepare('SELECT notes FROM ingestion_runs').pluck().get() as string) as string[];
    expect(notes).toEqual([expect.stringMatching(/^skipped record 90000002: .*PMID 90000002.*no Article/)]);
    expect(lines.join('\n')).toMatch(/4 records \(4 new.*1 skipped/);
  });

  it('refuses the batch holding a record that is not well-formed XML, keeping the batches before it', async () => {
    const record = createRecordGenerator();
    const file = join(db.dir, 'malformed.xml');
    const records = Array.from({ length: 6 }, (_, i) => record(i));
    records[4] = records[4]!.replace('<Volume>', '<Volume>1</Issue>');
    writeFileSync(file, XML_HEAD + records.join('\n') + XML_TAIL);
    const summary = await run([file], { batchSize: 2 });
    expect(summary.files[0]!.status).toBe('failed');
    expect(summary.files[0]!.error).toMatch(/malformed\.xml: Malformed XML.*line/);
    expect(db.sqlite.prepare('SELECT pmid FROM studies ORDER BY pmid').pluck().all()).toEqual([90000000, 90000001, 90000002, 90000003]);
  });

  it('is idempotent: importing the same file again changes nothing', async () => {
    const file = join(db.dir, 'again.xml');
    await writePubmedFile(file, { records: 120 });
    await run([file]);
    const tables = ['studies', 'authors', 'study_tags', 'study_topics', 'study_changes'];
    const before = tables.map((t) => count(`SELECT count(*) FROM ${t}`));
    const hashes = db.sqlite.prepare('SELECT group_concat(content_hash) FROM studies').pluck().get();
    const second = await run([file]);
    expect(second.files[0]).toMatchObject({ status: 'succeeded', records: 120, new: 0, updated: 0, unchanged: 120 });
    expect(tables.map((t) => count(`SELECT count(*) FROM ${t}`))).toEqual(before);
    expect(db.sqlite.prepare('SELECT group_concat(content_hash) FROM studies').pluck().get()).toBe(hashes);
  });

  it('stores a record and its revision in the same batch as one study, the revision winning; every new study is in the full-text index', async () => {
    // New studies are inserted 100 to a statement (study-store.ts): a revision of one still
    // waiting to be inserted must see it stored first, and none of the 250 may miss the index.
    const record = createRecordGenerator();
    const revised = record(150).replace(/<ArticleTitle>\[Fixture\]/, '<ArticleTitle>[Fixture] Revised zyxwvrevision');
    const file = join(db.dir, 'revision.xml');
    // The revision comes right after its original, both in the same group of 100 still to insert.
    const records = Array.from({ length: 250 }, (_, i) => record(i));
    records.splice(151, 0, revised);
    writeFileSync(file, XML_HEAD + records.join('') + XML_TAIL);
    const summary = await run([file], { batchSize: 1000 });
    expect(summary.files[0]).toMatchObject({ status: 'succeeded', records: 251, new: 250, updated: 1, failed: 0 });
    expect(count('SELECT count(*) FROM studies')).toBe(250);
    expect(count(`SELECT count(*) FROM studies WHERE pmid = 90000150 AND title LIKE '%zyxwvrevision%'`)).toBe(1);
    expect(count(`SELECT count(*) FROM study_changes WHERE pmid = 90000150 AND changed_fields LIKE '%"title"%'`)).toBe(1);
    expect(count(`SELECT rowid FROM studies_fts WHERE studies_fts MATCH 'zyxwvrevision'`)).toBe(90000150);
    expect(count(`SELECT count(*) FROM studies s WHERE NOT EXISTS (SELECT 1 FROM studies_fts f WHERE f.rowid = s.pmid)`)).toBe(0);
    // rank 1: the index is checked against the studies table it indexes, not only for consistency.
    expect(() => db.sqlite.exec(`INSERT INTO studies_fts(studies_fts, rank) VALUES ('integrity-check', 1)`)).not.toThrow();
    expect(count('SELECT count(*) FROM authors WHERE pmid = 90000150')).toBeGreaterThanOrEqual(5);
    expect(count('SELECT count(*) - count(DISTINCT position) FROM authors WHERE pmid = 90000150')).toBe(0);
    expect(count(`SELECT count(DISTINCT pmid) FROM study_tags WHERE kind = 'design' AND source = 'rule'`)).toBe(250);
  });

  it('stores a record with 15,000 authors in order (written several hundred rows per statement)', async () => {
    const authors = Array.from(
      { length: 15_000 },
      (_, k) => `<Author ValidYN="Y"><LastName>Investigator${k}</LastName><Initials>Q</Initials></Author>`,
    ).join('');
    const big = createRecordGenerator()(0).replace(
      /<AuthorList CompleteYN="Y">[\s\S]*?<\/AuthorList>/,
      `<AuthorList CompleteYN="Y">${authors}</AuthorList>`,
    );
    const file = join(db.dir, 'consortium.xml');
    writeFileSync(file, XML_HEAD + big + createRecordGenerator()(1) + XML_TAIL);
    const summary = await run([file]);
    expect(summary.files[0]).toMatchObject({ status: 'succeeded', records: 2, new: 2, failed: 0 });
    expect(count('SELECT count(*) FROM authors WHERE pmid = 90000000')).toBe(15_000);
    const wrongPlace = count(`SELECT count(*) FROM authors WHERE pmid = 90000000 AND last_name != 'Investigator' || position`);
    expect(wrongPlace).toBe(0);
    expect(count('SELECT count(*) FROM authors WHERE pmid = 90000001')).toBeGreaterThanOrEqual(5);
  });

  it('--dry-run reads and counts but writes nothing', async () => {
    const file = join(db.dir, 'dry.xml');
    await writePubmedFile(file, { records: 50 });
    const summary = await run([file], { dryRun: true });
    expect(summary.files[0]).toMatchObject({ status: 'dry_run', records: 50, new: 0 });
    for (const table of ['studies', 'authors', 'study_tags', 'study_topics', 'ingestion_runs', 'topics']) {
      expect(count(`SELECT count(*) FROM ${table}`), table).toBe(0);
    }
  });
});

describe('import: MEDLINE (.nbib)', () => {
  it('stores MEDLINE records with rule topics', async () => {
    const file = join(db.dir, 'export.nbib');
    writeFileSync(
      file,
      [
        'PMID- 90000101',
        'TI  - [Fixture] Transcutaneous auricular vagus nerve stimulation for long COVID',
        '      fatigue: a randomized controlled trial.',
        'AB  - In this randomized controlled trial, 120 adults with long COVID received taVNS or',
        '      sham stimulation for 8 weeks. Fatigue improved.',
        'FAU - Fixture, Ada',
        'AU  - Fixture A',
        'AD  - Fixture University, Fixture City.',
        'PT  - Randomized Controlled Trial',
        'MH  - *Vagus Nerve Stimulation',
        'DP  - 2024 Jan',
        '',
        'PMID- 90000102',
        'TI  - [Fixture] Slow breathing and sleep.',
        'AB  - Slow-paced breathing improved sleep in 40 students.',
        'DP  - 2023',
        '',
      ].join('\n'),
    );
    const summary = await run([file]);
    expect(summary.files[0]).toMatchObject({ status: 'succeeded', records: 2, new: 2, failed: 0 });
    expect(db.sqlite.prepare(`SELECT pmid, raw_format FROM study_records ORDER BY pmid`).all()).toEqual([
      { pmid: 90000101, raw_format: 'medline' },
      { pmid: 90000102, raw_format: 'medline' },
    ]);
    expect(
      db.sqlite.prepare(`SELECT topic_id FROM study_topics WHERE pmid = 90000101 AND found_by = 'rule' ORDER BY topic_id`).pluck().all(),
    ).toEqual(expect.arrayContaining(['long_covid', 'tvns']));
    expect(count(`SELECT count(*) FROM authors WHERE pmid = 90000101`)).toBe(1);
  });
});

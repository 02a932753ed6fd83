// Bad files through the real `pnpm ingest import` command: what it exits with, the one line it
// says, and what it stored. Nothing stored before a bad file is lost.
import { createRecordGenerator, writePubmedFile, XML_HEAD, XML_TAIL } from '@evidence/ingest/pubmed-generator';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, runCli, runRows, startCli, type TestDatabase } from './harness.ts';

let db: TestDatabase;
let env: Record<string, string>;
beforeEach(() => {
  db = createTestDatabase();
  env = { DATABASE_URL: db.path };
});
afterEach(() => db?.remove());

const pmids = () => db.sqlite.prepare('SELECT pmid FROM studies ORDER BY pmid').pluck().all() as number[];
const lastLine = (text: string) => text.trim().split('\n').at(-1);
const notesOf = (runId: number) =>
  JSON.parse(db.sqlite.prepare('SELECT notes FROM ingestion_runs WHERE id = ?').pluck().get(runId) as string) as string[];

interface JsonFile {
  file: string;
  status: string;
  runId: number;
  records: number;
  new: number;
  failed: number;
  error: string | null;
  invalidUtf8: number;
  droppedLines: { count: number; lines: number[] };
}
const jsonFiles = (stdout: string) => (JSON.parse(stdout) as { files: JsonFile[] }).files;

/** Five good studies stored first: a bad file must not lose them. */
async function storeGoodFile() {
  const good = join(db.dir, 'good.xml');
  await writePubmedFile(good, { records: 5, firstPmid: 91000000 });
  const result = await runCli(['import', good], env);
  expect(result.code, result.stderr).toBe(0);
  return pmids();
}

describe('import: a file that is not PubMed at all', () => {
  it.each(['random.xml', 'random.xml.gz'])(
    '1 MiB of random bytes named %s fails with exit 1 and one line naming the file',
    async (name) => {
      const before = await storeGoodFile();
      const file = join(db.dir, name);
      const bytes = randomBytes(1 << 20);
      bytes[0] = 0xff; // not "<" (XML) nor gzip's magic number, whatever the draw
      writeFileSync(file, bytes);
      const result = await runCli(['import', file], env);
      expect(result.code).toBe(1);
      expect(lastLine(result.stderr)).toMatch(
        new RegExp(
          `^ingest: ${name.replace(/\./g, '\\.')}: not a PubMed file: no PubMed XML root element and no MEDLINE record \\(a line starting "PMID-"\\)$`,
        ),
      );
      expect(pmids()).toEqual(before);
      expect(runRows(db).at(-1)).toMatchObject({ status: 'failed', new_count: 0, error: expect.stringContaining('not a PubMed file') });
    },
  );

  it('a valid but empty PubmedArticleSet is fine: exit 0, 0 records', async () => {
    const file = join(db.dir, 'empty.xml');
    writeFileSync(file, `${XML_HEAD}${XML_TAIL}`);
    const result = await runCli(['import', file, '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(jsonFiles(result.stdout)).toEqual([expect.objectContaining({ status: 'succeeded', records: 0 })]);
  });
});

describe('import: invalid UTF-8', () => {
  it('counts invalid byte sequences per file (summary line, --json, the run notes); a real U+FFFD is not counted', async () => {
    const record = createRecordGenerator();
    const parts = [record(0).replace('<ArticleTitle>[Fixture]', '<ArticleTitle>[Fixture] \uFFFD'), record(1), record(2)];
    const text = Buffer.from(XML_HEAD + parts.join('\n') + XML_TAIL, 'utf8');
    const at = (needle: string) => text.indexOf(needle, text.indexOf('90000001')) + needle.length;
    // A lone continuation byte, and a lead byte followed by ASCII: two invalid sequences.
    const bad = Buffer.concat([
      text.subarray(0, at('<ArticleTitle>[Fixture]')),
      Buffer.from([0x20, 0xbf, 0x20, 0xc3, 0x28]),
      text.subarray(at('<ArticleTitle>[Fixture]')),
    ]);
    const file = join(db.dir, 'latin1.xml');
    writeFileSync(file, bad);

    const human = await runCli(['import', file], env);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stderr).toMatch(/import latin1\.xml: succeeded; 3 records \(3 new.*; 2 invalid UTF-8 byte sequences stored as U\+FFFD/);
    // A file is read, not searched (issue #15: it used to say "searching crdt file → file").
    expect(human.stderr).toContain('ingest import latin1.xml: reading\n');
    expect(human.stderr).toContain('ingest import latin1.xml: 3 records stored\n');
    expect(human.stderr).not.toContain('searching');
    const [run] = runRows(db);
    expect(notesOf(run!.id)).toContain('2 invalid UTF-8 byte sequences stored as U+FFFD');
    expect(db.sqlite.prepare('SELECT title FROM studies WHERE pmid = 90000001').pluck().get()).toMatch(/^\[Fixture\] \uFFFD \uFFFD\(/);

    const json = await runCli(['import', file, '--json'], env);
    expect(json.code, json.stderr).toBe(0);
    expect(jsonFiles(json.stdout)).toEqual([expect.objectContaining({ status: 'succeeded', records: 3, invalidUtf8: 2 })]);
  });
});

describe('import: a record too large to parse', () => {
  it('a 50 MB text node: the record is skipped with its PMID named, the rest is stored, memory stays bounded', async () => {
    const before = await storeGoodFile();
    const record = createRecordGenerator();
    const huge = record(1).replace(/<AbstractText[^>]*>/, (tag) => `${tag}${'x'.repeat(50 * 1024 * 1024)}`);
    const file = join(db.dir, 'huge.xml');
    writeFileSync(file, XML_HEAD + [record(0), huge, record(2)].join('\n') + XML_TAIL);

    const { child, done } = startCli(['import', file, '--json'], env);
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        peakKb = Math.max(peakKb, Number(rss?.[1] ?? 0));
      } catch {
        /* exited */
      }
    }, 20);
    const result = await done.finally(() => clearInterval(poll));
    expect(result.code, result.stderr).toBe(0);
    const [summary] = jsonFiles(result.stdout);
    expect(summary).toMatchObject({ status: 'succeeded', records: 2, new: 2, failed: 1 });
    expect(pmids()).toEqual([90000000, 90000002, ...before]);
    expect(notesOf(summary!.runId)).toEqual([
      expect.stringMatching(/^skipped record 90000001: PubmedArticle at line \d+ is too large to parse \(50\.0 MiB; the limit is 8 MiB\)$/),
    ]);
    expect(peakKb / 1024).toBeLessThan(450);

    const human = await runCli(['import', file], env);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stderr).toMatch(/import huge\.xml: skipped record 90000001: PubmedArticle at line \d+ is too large to parse/);
  }, 60_000);
});

describe('import: MEDLINE lines that are not MEDLINE', () => {
  it('counts dropped lines per file with the first line numbers (summary line, --json, the run notes)', async () => {
    const file = join(db.dir, 'junk.nbib');
    writeFileSync(
      file,
      [
        'Exported by a reference manager', // 1: junk before the first record
        '',
        'PMID- 90000101',
        'TI  - [Fixture] Slow breathing and sleep.',
        'this line is not MEDLINE', // 5
        'AB  - Slow-paced breathing improved sleep',
        '      in 40 students.',
        '<p>stray markup</p>', // 8
        '',
        'PMID- 90000102',
        'TI  - [Fixture] EMDR for PTSD.',
        '???', // 12
        'DP  - 2023',
        '',
      ].join('\n'),
    );
    const human = await runCli(['import', file], env);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stderr).toMatch(/import junk\.nbib: succeeded; 2 records .*; 4 lines dropped as not MEDLINE \(lines 1, 5, 8, 12\)/);
    expect(pmids()).toEqual([90000101, 90000102]);
    expect(notesOf(runRows(db)[0]!.id)).toContain('4 lines dropped as not MEDLINE (lines 1, 5, 8, 12)');

    const json = await runCli(['import', file, '--json'], env);
    expect(jsonFiles(json.stdout)).toEqual([
      expect.objectContaining({ status: 'succeeded', records: 2, droppedLines: { count: 4, lines: [1, 5, 8, 12] } }),
    ]);
  });
});

// `pnpm ingest import` stopped by real signals: Ctrl-C (SIGINT) and SIGTERM close the run as
// interrupted after the batch being written (exit 130 and 143, as `pnpm ingest` searches do), and
// a run left `running` by a SIGKILLed import is closed as interrupted by the next run.
import { writePubmedFile } from '@evidence/ingest/pubmed-generator';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, runCli, runRows, startCli, stored, waitFor, type TestDatabase } from './harness.ts';

const RECORDS = 3000;
let dir: string;
let file: string;
let db: TestDatabase;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'evidence-signals-'));
  file = join(dir, 'set.xml');
  await writePubmedFile(file, { records: RECORDS });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => db?.remove());

describe('import stopped by a signal', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s: the batch being written is kept, the run is closed as interrupted, exit %i',
    async (signal, exitCode) => {
      db = createTestDatabase();
      const { child, done } = startCli(['import', file], { DATABASE_URL: db.path });
      await waitFor(() => stored(db).studies > 0, 60_000, 'the first batch');
      child.kill(signal);
      const result = await done;
      expect(result.code, result.stderr).toBe(exitCode);
      expect(result.stderr.trim().split('\n').at(-1)).toBe(
        'ingest: interrupted; everything stored so far is kept and the next run resumes',
      );
      const s = stored(db);
      expect(s.studies).toBeGreaterThan(0);
      expect(s.studies).toBeLessThan(RECORDS);
      expect(s).toMatchObject({ duplicatePmids: 0, withoutAuthors: 0, withoutRuleTags: 0 });
      expect(runRows(db)).toEqual([
        expect.objectContaining({
          status: 'interrupted',
          new_count: s.studies,
          error: 'stopped by the user; batches stored so far are kept',
        }),
      ]);
      expect(existsSync(`${db.path}.ingest.lock`)).toBe(false);
    },
    90_000,
  );

  it('SIGKILL: the run stays running until the next run takes the lock and closes it as interrupted', async () => {
    db = createTestDatabase();
    const { child, done } = startCli(['import', file], { DATABASE_URL: db.path });
    await waitFor(() => stored(db).studies > 0, 60_000, 'the first batch');
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    expect(runRows(db)).toEqual([expect.objectContaining({ status: 'running' })]);

    const small = join(db.dir, 'small.xml');
    await writePubmedFile(small, { records: 5, firstPmid: 91000000 });
    const next = await runCli(['import', small], { DATABASE_URL: db.path });
    expect(next.code, next.stderr).toBe(0);
    expect(runRows(db)).toEqual([
      expect.objectContaining({ status: 'interrupted', error: 'the ingestion process stopped before finishing' }),
      expect.objectContaining({ status: 'succeeded', new_count: 5 }),
    ]);
  }, 90_000);
});

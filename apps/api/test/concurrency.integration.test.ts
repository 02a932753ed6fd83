// Reads keep working while an ingestion writes: WAL plus a busy timeout, so no client ever sees
// SQLITE_BUSY. The writer is a separate process, as the ingester is in production.
import { seedFixtureCorpus } from '@evidence/test-corpus';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type RunningApi } from './harness.ts';

let api: RunningApi;
beforeAll(async () => {
  api = await startApi({ seed: (db) => seedFixtureCorpus(db) });
});
afterAll(() => api?.close());

/** A child process that rewrites every study's title in one transaction after another, until told to stop. */
const WRITER = `
import { existsSync } from 'node:fs';
import { openDatabase } from '@evidence/schema';
const db = openDatabase(process.argv[1]);
const touch = db.sqlite.transaction((round) => {
  db.sqlite.prepare("UPDATE studies SET title = title || ' ' || ?, last_updated_at = ?").run('r' + round, new Date().toISOString());
  db.sqlite.prepare("INSERT INTO study_changes (pmid, run_id, changed_fields, changed_at) SELECT pmid, NULL, '[\\"title\\"]', ? FROM studies").run(new Date().toISOString());
});
let round = 0;
// Until the test has made all its reads (a stop file), and at least 6 rounds; never past 60 s.
const until = Date.now() + 60_000;
while (Date.now() < until && (round < 6 || !existsSync(process.argv[2]))) touch.immediate(round++);
console.log(round);
db.close();
`;

describe('concurrent reads during a write', () => {
  it('answers every read with 200 while another process commits write transactions', async () => {
    // Reads now run on reader threads (ADR 0009): wait until they have started (about a second).
    await Promise.all(['/api/facets?warm', '/api/studies?warm'].map((p) => fetch(`${api.url}${p}`).then((r) => r.arrayBuffer())));
    // A count of reads, not a time window: how fast they come is the benchmark's business (pnpm
    // bench:api), this test holds that every one of them is answered while the writer commits.
    const stopFile = join(api.db.dir, 'stop-writer');
    const writer = spawn(process.execPath, ['--input-type=module', '-e', WRITER, api.db.path, stopFile], {
      cwd: import.meta.dirname,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let rounds = '';
    let stderr = '';
    writer.stdout.on('data', (d) => {
      rounds += d;
    });
    writer.stderr.on('data', (d) => {
      stderr += d;
    });
    const finished = new Promise<number | null>((resolve) => writer.on('exit', resolve));

    const statuses: number[] = [];
    const paths = ['/api/studies?limit=50', '/api/facets', '/api/matrix', '/api/studies?q=trial', '/api/studies/90000001'];
    for (let i = 0; i < 8; i++) {
      const batch = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          fetch(`${api.url}${paths[i % paths.length]}`).then(async (r) => {
            await r.arrayBuffer();
            return r.status;
          }),
        ),
      );
      statuses.push(...batch);
    }
    const writerStillCommitting = writer.exitCode === null; // every read overlapped the writer's rounds
    writeFileSync(stopFile, '');
    expect(await finished).toBe(0);
    expect(writerStillCommitting).toBe(true);
    expect(stderr).toBe('');
    expect(Number(rounds)).toBeGreaterThan(5);
    expect(statuses).toHaveLength(128);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // Reads saw the writer's commits (the response cache follows data_version).
    const title = ((await (await fetch(`${api.url}/api/studies/90000001`)).json()) as { title: string }).title;
    expect(title).toMatch(/ r\d+$/);
  });
});

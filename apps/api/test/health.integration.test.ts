/**
 * Issue #16 part 4: /api/health says whether the database can be read, each topic's last run and
 * the free space on the database's volume, and answers 503 (same fields, a one-line reason) when
 * the database cannot be read.
 */
import { openDatabase } from '@evidence/schema';
import { createTestDatabase, insertStudy } from '@evidence/schema/testing';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { getJson, startApi, type RunningApi } from './harness.ts';

const apis: RunningApi[] = [];
afterEach(async () => {
  while (apis.length) await apis.pop()!.close();
});

async function api(seed?: (db: RunningApi['db']) => void) {
  const running = await startApi({ readers: 0, studyIndex: false, ...(seed ? { seed } : {}) });
  apis.push(running);
  return running;
}

function insertRun(
  db: RunningApi['db'],
  run: { topic: string | null; kind?: string; status: string; startedAt: string; endedAt: string | null },
): void {
  db.sqlite
    .prepare(`INSERT INTO ingestion_runs (kind, topic_id, started_at, ended_at, status) VALUES (?, ?, ?, ?, ?)`)
    .run(run.kind ?? 'search', run.topic, run.startedAt, run.endedAt, run.status);
}

describe('/api/health', () => {
  it('reports the database, each topic’s newest run and the disk space, keeping the fields the dashboard reads', async () => {
    const running = await api((db) => {
      insertStudy(db, { pmid: 90000001, topics: ['tvns', 'eft'] });
      insertStudy(db, { pmid: 90000002, topics: ['tvns'] });
      insertRun(db, { topic: 'tvns', status: 'succeeded', startedAt: '2026-02-01T03:00:00Z', endedAt: '2026-02-01T03:01:00Z' });
      insertRun(db, { topic: 'tvns', status: 'failed', startedAt: '2026-02-02T03:00:00Z', endedAt: '2026-02-02T03:00:30Z' });
      insertRun(db, { topic: 'eft', status: 'running', startedAt: '2026-02-02T04:00:00Z', endedAt: null });
      insertRun(db, {
        topic: null,
        kind: 'import',
        status: 'succeeded',
        startedAt: '2026-02-03T00:00:00Z',
        endedAt: '2026-02-03T00:10:00Z',
      });
    });
    const { status, body, headers } = await getJson(`${running.url}/api/health`);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body).toMatchObject({
      status: 'ok',
      database: 'ok',
      studies: 2,
      lastRunAt: '2026-02-03T00:10:00Z',
      demoData: true,
      studyIndex: 'off',
      lastRuns: [
        { topic: 'eft', status: 'running', endedAt: null },
        { topic: 'tvns', status: 'failed', endedAt: '2026-02-02T03:00:30Z' },
      ],
    });
    expect(body.disk.path).toBe(dirname(running.db.path));
    expect(body.disk.freeBytes).toBeGreaterThan(0);
    expect(body.disk.totalBytes).toBeGreaterThanOrEqual(body.disk.freeBytes);
  });

  it('answers 503 with status "error" and a one-line reason when the database file was removed', async () => {
    const running = await api();
    rmSync(running.db.path);
    const { status, body } = await getJson(`${running.url}/api/health`);
    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: 'error',
      database: 'error',
      reason: `database file ${running.db.path} is missing`,
      studies: null,
      lastRunAt: null,
      demoData: false,
      lastRuns: [],
      studyIndex: 'off',
    });
    expect(body.reason).not.toContain('\n');
  });

  it('answers 503 when the studies table cannot be read (corrupt pages)', async () => {
    const running = await api((db) => {
      insertStudy(db, { pmid: 90000001 });
      // Garbage over the root pages of the studies table and its indexes, as after a torn write or a
      // bad disk block; the page cache is emptied so the next read comes from the file.
      db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      const pageSize = db.sqlite.pragma('page_size', { simple: true }) as number;
      const roots = db.sqlite
        .prepare(`SELECT rootpage FROM sqlite_master WHERE tbl_name = 'studies' AND rootpage > 0`)
        .pluck()
        .all() as number[];
      const fd = openSync(db.path, 'r+');
      for (const page of roots) writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize);
      closeSync(fd);
      db.sqlite.pragma('shrink_memory');
    });
    const { status, body } = await getJson(`${running.url}/api/health`);
    expect(status).toBe(503);
    expect(body.status).toBe('error');
    expect(body.reason).toMatch(/^database cannot be read: SQLITE_CORRUPT\w*: /);
    expect(body.reason).not.toContain('\n');
  });

  it('answers 503 without waiting out the 10 s busy timeout while another process holds the schema locked (a migration in progress)', async () => {
    // A read-only served copy in rollback-journal mode (WAL readers are never blocked): another
    // process in the middle of a schema change holds the exclusive lock, so reads cannot start.
    const test = createTestDatabase();
    insertStudy(test, { pmid: 90000001 });
    test.sqlite.pragma('journal_mode = DELETE');
    test.close();
    const database = openDatabase(`file:${test.path}?mode=ro`, { allowReadOnly: true });
    const app = createApp({ database, readers: 0, studyIndex: false });
    // node:sqlite, in its own process: a second SQLite library in this process would not see our locks.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const { DatabaseSync } = require('node:sqlite');
         const db = new DatabaseSync(${JSON.stringify(test.path)});
         db.exec('BEGIN EXCLUSIVE; ALTER TABLE studies ADD COLUMN being_migrated TEXT;');
         console.log('locked');
         setTimeout(() => {}, 60000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await once(holder.stdout, 'data');
      const started = performance.now();
      const res = await app.request('/api/health');
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { status: string; reason: string };
      expect(body.status).toBe('error');
      expect(body.reason).toBe('database cannot be read: SQLITE_BUSY: database is locked');
    } finally {
      holder.kill('SIGKILL');
      await once(holder, 'exit');
      database.close();
      test.remove();
    }
  });
});

import { buildArticleSetXml, FIXTURE_STUDIES } from '@evidence/eutils-fixtures';
import { createStudyStore, createTagWriter } from '@evidence/ingest/testing';
import { parsePubmedXml } from '@evidence/pubmed';
import { createTestDatabase } from '@evidence/schema/testing';
import { RULESET_VERSION, tagStudy, toTaggable } from '@evidence/tagger';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let db: ReturnType<typeof createTestDatabase>;

beforeEach(() => {
  db = createTestDatabase();
  const writer = createTagWriter(db);
  const store = createStudyStore(db, (record, ctx) => writer.write(Number(record.pmid), tagStudy(toTaggable(record)), ctx.now));
  const { records } = parsePubmedXml(buildArticleSetXml(FIXTURE_STUDIES));
  store.writeBatch(records, [], { runId: null, topicId: null, origin: 'import', now: '2026-11-01T00:00:00.000Z' });
});
afterEach(() => db.remove());

describe('retag', () => {
  it('runs as `pnpm retag --json` against DATABASE_URL', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(import.meta.dirname, 'cli.ts'), '--all', '--json'], {
      env: { ...process.env, DATABASE_URL: db.path },
    });
    expect(JSON.parse(stdout)).toMatchObject({ studies: FIXTURE_STUDIES.length, tagsChanged: 0, rulesetVersion: RULESET_VERSION });
  });

  it('refuses an unknown option in one line with the usage and exit 2, not a stack trace', async () => {
    const failed = await promisify(execFile)(process.execPath, [join(import.meta.dirname, 'cli.ts'), '--bogus'], {
      env: { ...process.env, DATABASE_URL: db.path },
    }).catch((error: { code: number; stderr: string }) => error);
    expect((failed as { code: number }).code).toBe(2);
    const stderr = (failed as { stderr: string }).stderr;
    expect(stderr.split('\n')[0]).toBe("retag: Unknown option '--bogus'");
    expect(stderr).toContain('usage: pnpm retag');
    expect(stderr).not.toContain('    at ');
  });
});

// The foundation's walking path: the real ingestion command fetches from a fixture E-utilities
// server on loopback into a temporary SQLite file, and the API serves what it stored.
import { serve } from '@hono/node-server';
import { FIXTURE_STUDIES, startFixtureServer, type FixtureServer } from '@evidence/eutils-fixtures';
import { FIXTURE_REQUESTS_PER_SECOND } from '@evidence/test-corpus';
import { createTestDatabase } from '@evidence/schema/testing';
import { ingestCommandPath } from '@evidence/test-corpus';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';

const run = promisify(execFile);
const ingestCli = ingestCommandPath();

let fixtures: FixtureServer;
let database: ReturnType<typeof createTestDatabase>;
let apiUrl: string;
let closeApi: () => void;

beforeAll(async () => {
  fixtures = await startFixtureServer();
  database = createTestDatabase();
  const app = createApp({ database });
  await new Promise<void>((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
      apiUrl = `http://127.0.0.1:${info.port}`;
      resolve();
    });
    closeApi = () => server.close();
  });
});

afterAll(async () => {
  closeApi?.();
  await fixtures?.close();
  database?.remove();
});

function ingest(...args: string[]) {
  return run(process.execPath, [ingestCli, ...args], {
    env: {
      ...process.env,
      DATABASE_URL: database.path,
      EUTILS_BASE_URL: fixtures.url,
      EUTILS_REQUESTS_PER_SECOND: FIXTURE_REQUESTS_PER_SECOND,
      NCBI_EMAIL: 'tests@evidence.invalid',
    },
  });
}

describe('ingest from the fixture E-utilities server, read back through the API', () => {
  it('stores every fixture study once and serves them page by page', async () => {
    const { stdout } = await ingest('--json');
    const summary = JSON.parse(stdout) as { topics: { topic: string; status: string; found: number }[] };
    expect(summary.topics.map((t) => t.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded']);

    const health = await (await fetch(`${apiUrl}/api/health`)).json();
    expect(health).toMatchObject({ status: 'ok', studies: FIXTURE_STUDIES.length });

    const seen: { pmid: string; title: string; journal: string | null; year: number | null }[] = [];
    let cursor: string | null = null;
    do {
      const url = new URL('/api/studies', apiUrl);
      url.searchParams.set('limit', '7');
      url.searchParams.set('include_non_research', 'true');
      if (cursor) url.searchParams.set('cursor', cursor);
      const page = (await (await fetch(url)).json()) as { items: typeof seen; total: number; nextCursor: string | null };
      expect(page.total).toBe(FIXTURE_STUDIES.length);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);

    expect(seen.map((s) => s.pmid).sort()).toEqual(FIXTURE_STUDIES.map((s) => String(s.pmid)).sort());
    for (const study of seen) {
      const spec = FIXTURE_STUDIES.find((s) => String(s.pmid) === study.pmid)!;
      expect(study.title.startsWith('[Fixture]')).toBe(true);
      expect(study.journal).toBe(spec.journal.title);
      expect(study.year).toBe(Number(spec.pubDate.slice(0, 4)));
    }
  });

  it('filters by the topic whose saved query found a study', async () => {
    const page = (await (await fetch(`${apiUrl}/api/studies?topic=emdr&limit=100`)).json()) as {
      items: { topics: string[] }[];
      total: number;
    };
    const expected = FIXTURE_STUDIES.filter((s) => s.topics.includes('emdr')).length;
    expect(page.total).toBe(expected);
    expect(page.items.every((s) => s.topics.includes('emdr'))).toBe(true);
  });

  it('a second run finds nothing new with one request per topic and changes nothing', async () => {
    const before = fixtures.requests.length;
    const { stdout } = await ingest('--json');
    const summary = JSON.parse(stdout) as { topics: { new: number; updated: number; requests: number }[] };
    expect(summary.topics.every((t) => t.new === 0 && t.updated === 0 && t.requests === 1)).toBe(true);
    expect(fixtures.requests.length - before).toBe(summary.topics.length);
    const health = (await (await fetch(`${apiUrl}/api/health`)).json()) as { studies: number };
    expect(health.studies).toBe(FIXTURE_STUDIES.length);
  });
});

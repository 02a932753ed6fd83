// Reads run on a pool of reader threads (ADR 0009): a slow read never stalls the HTTP thread, a read
// over its time budget is cancelled with a 503 and its reader replaced, and full-text queries whose
// cost is unbounded (many or short prefixes) are refused before they run.
import { seedFixtureCorpus } from '@evidence/test-corpus';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDatabase } from '../bench/generate.ts';
import { getJson, startApi, type RunningApi } from './harness.ts';

/** The query: 36 one-character prefixes, seconds of FTS5 work at 20,000 studies. */
const SERVER_CHILD = join(import.meta.dirname, '../bench/server-child.ts');

const PREFIXES_36 = [...'abcdefghijklmnopqrstuvwxyz0123456789'].map((c) => `${c}*`).join(' OR ');

/**
 * The widest search the cost rule allows (eight three-letter prefixes): about 0.2 s of facets at
 * 20,000 studies on a 2-core machine, several times any budget or head start the tests below give.
 */
const WIDEST_ALLOWED = encodeURIComponent('sti* OR hea* OR bre* OR the* OR car* OR con* OR pat* OR res*');

let dir: string;
let path: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'read-pool-'));
  path = join(dir, 'evidence.db');
  // Big enough that SQL aggregates and wide searches take a visible time (about 0.1–2 s each).
  generateDatabase(path, 20_000);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The API over the generated database in its own process (as in production: a stalled event loop
 * must not also stall the test's clock). SQL answers every aggregate (no study index), so reads are slow.
 */
async function serveApi(options: { readers?: number; readTimeoutMs?: number; readQueuePerReader?: number; readQueueWaitMs?: number } = {}) {
  const child = spawn(process.execPath, [SERVER_CHILD, 'api', path, JSON.stringify({ studyIndex: false, ...options })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(String(chunk)).port as number));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        child.removeAllListeners('exit');
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

async function timed(url: string) {
  const started = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - started };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Health asked while slow reads run must not wait for them. Not a wall-clock bound (a loaded CI
 * runner slows everything; speed lives in bench/api.bench.ts's stall mode): health must come back
 * before the slow reads it arrived behind, in a small part of the time they take.
 */
async function expectHealthNotBehind(url: string, slowUrls: string[]) {
  await timed(`${url}/api/health`);
  const slowStarted = performance.now();
  let slowDone = 0;
  const slow = slowUrls.map((u) =>
    timed(u).then((r) => {
      slowDone = performance.now();
      return r;
    }),
  );
  await sleep(30);
  const health = await timed(`${url}/api/health`);
  const healthDone = performance.now();
  expect(health.status).toBe(200);
  expect((await Promise.all(slow)).map((r) => r.status)).toEqual(slowUrls.map(() => 200));
  const slowMs = slowDone - slowStarted;
  expect(healthDone, `health ${health.ms.toFixed(0)} ms, slow reads ${slowMs.toFixed(0)} ms`).toBeLessThan(slowDone);
  expect(health.ms, `slow reads took ${slowMs.toFixed(0)} ms`).toBeLessThan(slowMs / 3);
}

describe('a slow read does not stall the API', () => {
  it('answers /api/health long before wide searches it arrived behind are done', async () => {
    const api = await serveApi({ readers: 1 });
    try {
      await expectHealthNotBehind(
        api.url,
        [1990, 1995, 2000, 2005].map((year) => `${api.url}/api/studies?sort=relevance&year_from=${year}&q=${WIDEST_ALLOWED}`),
      );
    } finally {
      await api.close();
    }
  });

  it('answers /api/health long before the uncached SQL aggregates it arrived behind are done', async () => {
    const api = await serveApi();
    try {
      await expectHealthNotBehind(
        api.url,
        [1990, 1995, 2000, 2005].flatMap((year) => [
          `${api.url}/api/matrix?year_from=${year}`,
          `${api.url}/api/facets?year_from=${year}&q=${WIDEST_ALLOWED}`,
        ]),
      );
    } finally {
      await api.close();
    }
  });
});

describe('the time budget per read', () => {
  it('answers 503 query_too_expensive with Retry-After, then serves the next request normally', async () => {
    // The budget sits well between the two reads' costs (about 0.2 s and 5 ms here), so a slower or
    // busier CI machine still puts the wide search over it and the narrow list under it.
    const api = await serveApi({ readers: 1, readTimeoutMs: 60 });
    try {
      const slow = await getJson(`${api.url}/api/facets?q=${WIDEST_ALLOWED}`);
      expect(slow.status).toBe(503);
      expect(slow.body.error.code).toBe('query_too_expensive');
      expect(slow.body.error.message).toMatch(/60 ms/);
      expect(slow.body.error.requestId).toEqual(expect.any(String));
      expect(Number(slow.headers.get('Retry-After'))).toBeGreaterThan(0);
      // The one reader was terminated and replaced: a cheap read on the same lane (a list without a
      // study index plans nothing, so it runs on the general lane) is answered.
      const next = await getJson(`${api.url}/api/studies?limit=5&year_from=2024`);
      expect(next.status).toBe(200);
      expect(next.body.items).toHaveLength(5);
    } finally {
      await api.close();
    }
  });
});

/** Uncached SQL aggregates (no study index here) that each take a visible time at 20,000 studies. */
const slowAggregates = (url: string) =>
  [1990, 1994, 1998, 2002].map((year) => timed(`${url}/api/facets?year_from=${year}&q=${WIDEST_ALLOWED}`));

/** Both lanes' readers have opened their connections, so no read below pays for that. */
async function warmLanes(url: string) {
  for (let i = 0; i < 100 && (await timed(`${url}/api/studies/10000003`)).status !== 200; i++) await sleep(50);
  await timed(`${url}/api/facets?year_from=2030`);
}

describe('reads of bounded cost and a full queue', () => {
  it('answers a study page while the aggregates it arrived behind are still running (a lane of its own)', async () => {
    const api = await serveApi({ readers: 1 });
    try {
      await warmLanes(api.url);
      const finished: string[] = [];
      const slow = slowAggregates(api.url).map((p) =>
        p.then((r) => {
          finished.push('aggregate');
          return r;
        }),
      );
      await sleep(30);
      const study = await timed(`${api.url}/api/studies/10000007`);
      finished.push('study');
      expect(study.status).toBe(200);
      // With one lane the study waited for all four aggregates on the one reader.
      expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200, 200, 200]);
      expect(finished.indexOf('study')).toBeLessThan(3);
    } finally {
      await api.close();
    }
  });

  it('refuses a read at once with 503 readers_busy and Retry-After when its lane is full, and serves again after', async () => {
    const api = await serveApi({ readers: 1, readQueuePerReader: 1 });
    try {
      await warmLanes(api.url);
      const order: number[] = [];
      const answers = slowAggregates(api.url).map((p) =>
        p.then((r) => {
          order.push(r.status);
          return r;
        }),
      );
      const refused = await getJson(`${api.url}/api/facets?year_from=2010&q=${encodeURIComponent('sti* OR hea*')}`);
      order.push(refused.status);
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('readers_busy');
      expect(refused.headers.get('Retry-After')).toBe('2');
      const statuses = (await Promise.all(answers)).map((r) => r.status);
      // One ran and one waited; the other two were refused at once like the fifth.
      expect(statuses.filter((s) => s === 200)).toHaveLength(2);
      expect(statuses.filter((s) => s === 503)).toHaveLength(2);
      // Refusals came back before the queued reads finished: they did not wait.
      expect(order.lastIndexOf(503)).toBeLessThan(order.indexOf(200));
      expect((await getJson(`${api.url}/api/facets?year_from=2011&q=vagus`)).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});

describe('a client that goes away', () => {
  it('takes its waiting read out of the queue, so it no longer holds a place others need', async () => {
    const api = await serveApi({ readers: 1, readQueuePerReader: 2 });
    const slow = (year: number, init?: RequestInit) =>
      fetch(`${api.url}/api/matrix?year_from=${year}&q=${encodeURIComponent('sti* OR hea* OR bre*')}`, init);
    try {
      for (let i = 0; i < 100 && (await timed(`${api.url}/api/studies?limit=1`)).status !== 200; i++) await sleep(50);
      const running = slow(1990);
      await sleep(30);
      const gone = new AbortController();
      const abandoned = [1991, 1992].map((year) => slow(year, { signal: gone.signal }).catch(() => null));
      await sleep(50);
      gone.abort();
      await Promise.all(abandoned);
      await sleep(50);
      // One running and two waiting filled the lane; with the two gone, two more fit.
      const next = await Promise.all([slow(1993), slow(1994)]);
      expect(next.map((r) => r.status)).toEqual([200, 200]);
      expect((await running).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});

describe('the bound on waiting for a reader', () => {
  it('refuses a read that waited longer than readQueueWaitMs with 503 readers_busy, instead of letting it wait on', async () => {
    const api = await serveApi({ readers: 1, readQueueWaitMs: 50 });
    try {
      // The reader thread boots (half a second or more) before it takes reads: wait for it.
      for (let i = 0; i < 100 && (await timed(`${api.url}/api/studies?limit=1`)).status !== 200; i++) await sleep(50);
      const answers = await Promise.all(
        [1990, 1994, 1998, 2002].map((year) =>
          getJson(`${api.url}/api/matrix?year_from=${year}&q=${encodeURIComponent('sti* OR hea* OR bre*')}`),
        ),
      );
      expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);
      const refused = answers.filter((a) => a.status === 503);
      expect(refused.length).toBeGreaterThan(0);
      for (const r of refused) {
        expect(r.body.error.code).toBe('readers_busy');
        expect(r.body.error.message).toMatch(/waited 50 ms/);
        expect(r.headers.get('Retry-After')).toBe('2');
      }
    } finally {
      await api.close();
    }
  });
});

describe('full-text cost rules', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi({ seed: (db) => seedFixtureCorpus(db) });
  });
  afterAll(() => api?.close());

  const words = (n: number, suffix = '') => Array.from({ length: n }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}${suffix}`);
  const CASES: [name: string, q: string, message: RegExp][] = [
    ['a prefix shorter than 3 characters', 'a*', /^q: prefix 'a\*' is shorter than 3 characters/],
    ['a two-character prefix in a longer query', 'vagus OR he*', /^q: prefix 'he\*' is shorter than 3 characters/],
    ['the issue’s 36 one-character prefixes', PREFIXES_36, /^q: prefix 'a\*' is shorter than 3 characters/],
    ['too many prefix terms', words(9, '*').join(' OR '), /^q: at most 8 prefix terms \(word\*\) are allowed; found 9/],
    ['too many terms', words(21).join(' OR '), /^q: at most 20 terms are allowed; found 21/],
    ['too many terms counting phrase words', `"${words(12).join(' ')}" OR ${words(9).join(' ')}`, /^q: at most 20 terms/],
  ];
  for (const [name, q, message] of CASES) {
    it(`refuses ${name} with a 400 naming the rule`, async () => {
      for (const route of ['/api/studies', '/api/facets']) {
        const res = await getJson(`${api.url}${route}?q=${encodeURIComponent(q)}`);
        expect(res.status, route).toBe(400);
        expect(res.body.error.code).toBe('invalid_parameter');
        expect(res.body.error.parameter).toBe('q');
        expect(res.body.error.message).toMatch(message);
      }
    });
  }

  it('accepts queries within the rules', async () => {
    for (const q of ['vagus', 'sti*', 'heart rate variability', '"heart rate" AND vag* NOT pain', words(8, '*').join(' OR ')]) {
      const res = await getJson(`${api.url}/api/studies?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
  });
});

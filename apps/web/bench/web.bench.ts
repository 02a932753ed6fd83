// Page benchmark for the dashboard: a synthetic 100,000-study database (the API benchmark's generator),
// the API in-process on 127.0.0.1 (request logs off), the BUILT web server (serve.js) as a child
// process, and headless Debian chromium through playwright-core.
// Per page: TTFB, DOMContentLoaded and load (median of several loads, cold = fresh browser context,
// warm = same context after a first visit), the JS the page loads (raw, gzip -6 via node:zlib, and
// bytes on the wire), and on /studies the time from ticking a facet to the updated list.
// Usage: node apps/web/bench/web.bench.ts [--studies 100000] [--runs 5] [--interactions 3] [--db PATH (reuse/keep a generated DB)]
import { serve } from '@hono/node-server';
import { createApp } from '@evidence/api';
import { openDatabase } from '@evidence/schema';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { generateDatabase } from '@evidence/api/bench/generate';
import { waitForIndex } from '@evidence/api/bench/wait-for-index';
import { runsOnCi } from '../src/lib/server/env.ts';
import { launchBrowser, startWeb, webRoot } from '../test/browser/harness.ts';

const { values } = parseArgs({
  options: {
    studies: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    interactions: { type: 'string', default: '3' }, // facets to tick (each: tick, untick, tick, untick)
    db: { type: 'string' },
  },
});
const STUDIES = Number(values.studies);
const RUNS = Number(values.runs);
const INTERACTIONS = Number(values.interactions);
const TARGET_STUDIES_JS_GZ = 100 * 1024;
const TARGET_INTERACTION_MS = 100;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${Math.round(n)} ms`;

// 1. The built app (build it when missing, like the tests' global setup).
if (!existsSync(join(webRoot, 'build', 'index.js'))) {
  const require = createRequire(join(webRoot, 'package.json'));
  console.log('[bench:web] build/ is missing: running vite build first');
  execFileSync(process.execPath, [join(require.resolve('vite/package.json'), '..', 'bin', 'vite.js'), 'build'], {
    cwd: webRoot,
    stdio: 'inherit',
  });
}

// 2. The database.
const tempDir = values.db ? null : mkdtempSync(join(tmpdir(), 'evidence-web-bench-'));
const dbPath = values.db ?? join(tempDir!, 'bench.db');
if (!existsSync(dbPath)) {
  console.log(`[bench:web] generating ${STUDIES.toLocaleString('en')} studies in ${dbPath} …`);
  const generated = generateDatabase(dbPath, STUDIES);
  console.log(`[bench:web] generated ${generated.studies.toLocaleString('en')} studies in ${(generated.ms / 1000).toFixed(1)} s`);
} else console.log(`[bench:web] reusing ${dbPath}`);
const database = openDatabase(dbPath, { migrate: false });
const studyCount = Number(database.sqlite.prepare('SELECT count(*) FROM studies').pluck().get());

// 3. API in-process, web server as a child process.
const app = createApp({ database, logRequests: false });
const apiServer = await new Promise<{ url: string; close(): Promise<void> }>((resolve, reject) => {
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
    resolve({
      url: `http://127.0.0.1:${info.port}`,
      close: () =>
        new Promise<void>((done) => {
          (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          server.close(() => done());
        }),
    }),
  );
  server.once('error', reject);
});
// Measure what users meet at rest: the API's in-memory study index built (it is rebuilt after
// every ingestion; meanwhile SQLite answers).
const index = await waitForIndex(apiServer.url);
console.log(`[bench:web] API study index ${index.state} after ${index.seconds.toFixed(1)} s`);
const web = await startWeb({ apiUrl: apiServer.url });
let browser: Browser | undefined;

interface Timing {
  ttfb: number;
  dcl: number;
  load: number;
}
interface JsBytes {
  raw: number;
  gzip: number;
  wire: number;
  files: { url: string; raw: number; gzip: number }[];
}

async function navTiming(page: Page): Promise<Timing> {
  return page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { ttfb: n.responseStart - n.startTime, dcl: n.domContentLoadedEventEnd - n.startTime, load: n.loadEventEnd - n.startTime };
  });
}

/** Loads the page in a fresh context (empty cache) and sums every JS response, dynamic imports included. */
async function coldLoad(url: string): Promise<{ timing: Timing; js: JsBytes }> {
  const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  const scripts: Promise<{ url: string; raw: number; gzip: number; wire: number }>[] = [];
  page.on('requestfinished', (request) => {
    const response = request.url();
    if (request.resourceType() !== 'script' && !response.endsWith('.js')) return;
    scripts.push(
      (async () => {
        const res = await request.response();
        const body = res ? await res.body() : Buffer.alloc(0);
        const sizes = await request.sizes();
        return { url: response, raw: body.length, gzip: gzipSync(body).length, wire: sizes.responseBodySize };
      })(),
    );
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(
    () =>
      performance.getEntriesByType('navigation')[0] &&
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd > 0,
  );
  const timing = await navTiming(page);
  const files = await Promise.all(scripts);
  await context.close();
  const sum = (k: 'raw' | 'gzip' | 'wire') => files.reduce((a, f) => a + f[k], 0);
  return {
    timing,
    js: {
      raw: sum('raw'),
      gzip: sum('gzip'),
      wire: sum('wire'),
      files: files.map(({ url: u, raw, gzip }) => ({ url: new URL(u).pathname, raw, gzip })),
    },
  };
}

/** Warm: one context, first visit primes the HTTP cache, then RUNS measured loads. */
async function warmLoads(url: string): Promise<Timing[]> {
  const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const out: Timing[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(
      () => ((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.loadEventEnd ?? 0) > 0,
    );
    out.push(await navTiming(page));
  }
  await context.close();
  return out;
}

/**
 * On /studies: tick a topic facet, untick it, tick it again, untick it — for several facets — timing
 * each inside the page from the click until the list and the total have changed. The first tick of a
 * facet is a filter the API has not answered before; the repeat is served from the API's response cache.
 */
async function facetInteractions(url: string): Promise<{ first: number[]; repeat: number[]; untick: number[] }> {
  const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  const values = await page
    .locator('[data-testid="facet-topic"] input[type="checkbox"]')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  const out = { first: [] as number[], repeat: [] as number[], untick: [] as number[] };
  const toggle = async (value: string) => {
    const elapsed = await page.evaluate(async (v) => {
      const input = document.querySelector<HTMLInputElement>(`[data-testid="facet-topic"] input[value="${v}"]`)!;
      const total = () => document.querySelector('[data-testid="total"]')?.textContent ?? '';
      const list = () => document.querySelector('[data-testid="study-list"]')?.textContent ?? '';
      const before = { total: total(), list: list() };
      const start = performance.now();
      const done = new Promise<number>((resolve, reject) => {
        const check = () => {
          if (total() !== before.total && list() !== before.list) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.querySelector('main') ?? document.body, { subtree: true, childList: true, characterData: true });
        setTimeout(() => {
          observer.disconnect();
          reject(new Error('list did not update within 30 s'));
        }, 30_000);
      });
      input.click();
      return done;
    }, value);
    await page.waitForLoadState('networkidle');
    return elapsed;
  };
  for (const value of values.slice(0, INTERACTIONS)) {
    out.first.push(await toggle(value));
    out.untick.push(await toggle(value));
    out.repeat.push(await toggle(value));
    out.untick.push(await toggle(value));
  }
  await context.close();
  return out;
}

try {
  browser = await launchBrowser();
  const study = (await (await fetch(`${apiServer.url}/api/studies?topic=tvns&limit=1`)).json()) as { items: { pmid: string | number }[] };
  const pmid = String(study.items[0]!.pmid);
  const pages: [string, string][] = [
    ['/', '/'],
    ['/studies', '/studies'],
    ['/studies?q=vagus', '/studies?q=vagus'],
    ['/studies/{pmid}', `/studies/${pmid}`],
    ['/runs', '/runs'],
    ['/topics', '/topics'],
  ];
  // One throw-away load per page so server-side first-use costs (module loading, SQLite page cache) are not in the cold figures.
  for (const [, path] of pages) await (await fetch(`${web.url}${path}`)).arrayBuffer();

  const rows: string[][] = [];
  const jsByPage = new Map<string, JsBytes>();
  for (const [name, path] of pages) {
    const cold: Timing[] = [];
    let js: JsBytes | undefined;
    for (let i = 0; i < RUNS; i++) {
      const r = await coldLoad(`${web.url}${path}`);
      cold.push(r.timing);
      js = r.js;
    }
    const warm = await warmLoads(`${web.url}${path}`);
    jsByPage.set(name, js!);
    const med = (xs: Timing[], k: keyof Timing) => ms(median(xs.map((x) => x[k])));
    rows.push([
      name,
      med(cold, 'ttfb'),
      med(cold, 'dcl'),
      med(cold, 'load'),
      med(warm, 'ttfb'),
      med(warm, 'dcl'),
      med(warm, 'load'),
      kb(js!.raw),
      kb(js!.gzip),
      kb(js!.wire),
      name === '/studies' ? (js!.gzip <= TARGET_STUDIES_JS_GZ ? '≤ 100 KB gz ✓' : '≤ 100 KB gz ✗') : '',
    ]);
  }
  const interactions = await facetInteractions(`${web.url}/studies`);

  const header = [
    'page',
    'cold TTFB',
    'cold DCL',
    'cold load',
    'warm TTFB',
    'warm DCL',
    'warm load',
    'JS raw',
    'JS gzip',
    'JS wire',
    'target',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(
    `\nDashboard pages over ${studyCount.toLocaleString('en')} studies — medians of ${RUNS} loads each (chromium headless, loopback; ${runsOnCi() ? 'CI' : 'local'} run, ${new Date().toISOString()})\n`,
  );
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  console.log(`\n/studies facet tick → list updated, measured in the page (target < ${TARGET_INTERACTION_MS} ms):`);
  for (const [label, xs] of [
    ['first tick of a facet (API computes the filter fresh)', interactions.first],
    ['repeat tick (API response cache warm)', interactions.repeat],
    ['untick (back to a seen filter)', interactions.untick],
  ] as const) {
    const med = median(xs);
    console.log(
      `  ${label.padEnd(54)} median ${ms(med).padStart(7)}  min ${ms(Math.min(...xs)).padStart(7)}  max ${ms(Math.max(...xs)).padStart(7)}  (${xs.length} runs) ${med < TARGET_INTERACTION_MS ? '✓' : '✗'}`,
    );
  }
  const studiesJs = jsByPage.get('/studies')!;
  console.log(`\nJS on /studies (${studiesJs.files.length} files):`);
  for (const f of [...studiesJs.files].sort((a, b) => b.gzip - a.gzip))
    console.log(`  ${kb(f.gzip).padStart(9)} gz  ${kb(f.raw).padStart(9)} raw  ${f.url}`);
  const chartOnStudies = studiesJs.files.some((f) => f.raw > 100 * 1024);
  if (chartOnStudies) console.log('  note: a file over 100 KB raw loads on /studies (chart.js belongs to the overview only)');
} finally {
  await browser?.close().catch(() => {});
  await web.close();
  await apiServer.close();
  database.sqlite.close();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
}

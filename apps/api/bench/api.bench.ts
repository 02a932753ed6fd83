// API load benchmark: realistic synthetic databases of several sizes, the real server (default createApp
// options: reader pool, study index, response cache) in a child process on 127.0.0.1, beside a bare Hono
// hello-world measured in the same run. Modes (issue #12), each runnable alone with --modes:
//   hit    32 connections repeat one URL per endpoint (the response cache answers)
//   miss   32 connections ask a unique URL per request that varies real filters (each is computed)
//   miss1  the same with one client: what one person waits for a filter nobody asked for yet
//   stall  /api/health latency while a few clients repeat an expensive search
//   import 16 clients read while `pnpm ingest import` writes a generated file into the served database
// Usage: node bench/api.bench.ts [--sizes 10000,100000,1000000] [--modes hit,miss,miss1,stall] [--duration 6]
//   [--connections 32] [--keep DIR] [--import-records 50000] [--import-clients 16] [--import-max-seconds 600]
import autocannon from 'autocannon';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writePubmedFile } from '@evidence/ingest/pubmed-generator';
import { failures, statusText, summarise, type Summary } from './client-loop.ts';
import { generateDatabase } from './generate.ts';
import { readDuringImport } from './reads-during-import.ts';
import { startServer, stopServer as stop } from './server.ts';
import { measureStall } from './stall.ts';
import { UNIQUE_PATHS } from './unique-urls.ts';
import { waitForIndex } from './wait-for-index.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    modes: { type: 'string', default: 'hit,miss,miss1,stall' },
    duration: { type: 'string', default: '6' },
    connections: { type: 'string', default: '32' },
    keep: { type: 'string' },
    'import-records': { type: 'string', default: '50000' },
    'import-clients': { type: 'string', default: '16' },
    'import-max-seconds': { type: 'string', default: '600' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const duration = Number(values.duration);
const connections = Number(values.connections);
const ALL_MODES = ['hit', 'miss', 'miss1', 'stall', 'import'] as const;
type Mode = (typeof ALL_MODES)[number];
const modes = new Set(values.modes.split(',') as Mode[]);
for (const mode of modes) if (!ALL_MODES.includes(mode)) throw new Error(`unknown mode ${mode}; choose from ${ALL_MODES.join(',')}`);

/**
 * Targets: a repeated URL (response cache) p50 ≤ 5 ms, p99 ≤ 25 ms and ≥ 40 % of hello-world's
 * req/s; a unique URL per request (issue #12): list, facets and matrix p50 ≤ 25 ms, p99 ≤ 100 ms,
 * search p50 ≤ 100 ms, p99 ≤ 300 ms.
 */
const ENDPOINTS = [
  { name: 'list topic+outcome', path: '/api/studies?topic=tvns&outcome=hrv', unique: UNIQUE_PATHS.list, miss: [25, 100] },
  { name: 'search q', path: '/api/studies?q=vagus%20heart', unique: UNIQUE_PATHS.search, miss: [100, 300] },
  { name: 'facets', path: '/api/facets', unique: UNIQUE_PATHS.facets, miss: [25, 100] },
  { name: 'matrix', path: '/api/matrix', unique: UNIQUE_PATHS.matrix, miss: [25, 100] },
] as const;
const HIT_TARGETS = { p50: 5, p99: 25, ratio: 0.4 };

interface Figure {
  p50: number;
  p99: number;
  rps: number;
  non2xx: number;
  errors: number;
  completed: number;
}

/** What Chromium sends: every browser and most HTTP clients accept compressed answers. */
const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd';

/**
 * With `unique`, the n-th request asks unique(n) (the response cache misses); else every request
 * repeats `path`. Requests accept compression as a browser does unless `identity`.
 */
async function load(
  url: string,
  path: string,
  unique: ((n: number) => string) | null,
  seconds = duration,
  identity = false,
  clients = connections,
): Promise<Figure> {
  let n = 0;
  const result = await autocannon({
    url,
    connections: clients,
    duration: seconds,
    timeout: 30,
    headers: identity ? {} : { 'accept-encoding': BROWSER_ENCODINGS },
    requests: [
      {
        method: 'GET',
        path,
        ...(unique ? { setupRequest: (req: autocannon.Request) => ({ ...req, path: unique(n++) }) } : {}),
      },
    ],
  });
  const completed = result['2xx'] + result.non2xx;
  // No response within the window: every latency is unknown, i.e. longer than the run, not 0.
  if (completed === 0) return { p50: Infinity, p99: Infinity, rps: 0, non2xx: 0, errors: result.errors + result.timeouts, completed };
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    completed,
  };
}

const LOAD_MODES = (['miss', 'hit', 'miss1'] as const).filter((m) => modes.has(m));
const MODE_LABEL = { miss: 'miss', hit: 'hit', miss1: 'miss×1' } as const;

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '> run').padStart(8);
const mark = (value: number, target: number | null) => (target === null ? ' ' : value <= target ? '✓' : '✗');
// Infinity prints as "> run": no request finished within the run.
const overBy = (value: number, target: number) => (value <= target ? '✓' : `✗ (+${(value - target).toFixed(0)} ms)`);
const latencies = (s: Summary) => `${fmt(s.p50)} ${fmt(s.p99)} ${fmt(s.max)}`;

const root = values.keep ?? mkdtempSync(join(tmpdir(), 'evidence-api-bench-'));
mkdirSync(root, { recursive: true });
console.log(
  `API benchmark: modes ${[...modes].join(',')}; ${connections} connections, ${duration} s per run, loopback only; databases in ${root}`,
);
console.log(`node ${process.version}; load generator and server share this machine's cores (figures are noisy on a shared machine)`);
console.log(`server: default createApp options (reader pool, study index, response cache); request logs off`);
console.log(`requests send Accept-Encoding: ${BROWSER_ENCODINGS} (as Chromium does)\n`);

const hello = await startServer(['hello']);
await load(hello.url, '/hello', null, 2);
const helloFigure = await load(hello.url, '/hello', null);
await stop(hello.child);
const helloLine = `bare Hono hello-world (same run): ${helloFigure.rps.toFixed(0)} req/s, p50 ${helloFigure.p50} ms, p99 ${helloFigure.p99} ms`;
console.log(`${helloLine}\n`);

const results = new Map<string, Figure>();
try {
  for (const size of sizes) {
    const path = join(root, `studies-${size}.db`);
    if (!existsSync(path)) {
      const generated = generateDatabase(path, size);
      console.log(
        `generated ${size.toLocaleString('en-US')} studies (${generated.topicRows.toLocaleString('en-US')} topic rows, ${generated.tagRows.toLocaleString('en-US')} outcome tags) in ${(generated.ms / 1000).toFixed(1)} s`,
      );
    }
    if (LOAD_MODES.length || modes.has('stall')) {
      const server = await startServer(['api', path]);
      const index = await waitForIndex(server.url);
      console.log(
        `\n${size.toLocaleString('en-US')} studies (study index ${index.state}${index.state === 'ready' ? `, built in ${index.seconds.toFixed(1)} s after start` : ''})`,
      );
      if (LOAD_MODES.length) await loadModes(server.url, size);
      if (modes.has('stall')) await stallMode(server.url);
      await stop(server.child);
    }
    if (modes.has('import')) await importMode(path, size);
  }
} finally {
  if (!values.keep) rmSync(root, { recursive: true, force: true });
}

async function loadModes(url: string, size: number) {
  console.log(
    `${'endpoint'.padEnd(20)} ${'cache'.padEnd(6)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'req/s'.padStart(8)} ${'vs hello'.padStart(8)}  targets`,
  );
  for (const endpoint of ENDPOINTS) {
    await load(url, endpoint.path, endpoint.unique, 1); // warm-up: page cache, prepared statements, JIT
    let offset = 1_000_000; // the warm-up's URLs are not asked again
    for (const mode of LOAD_MODES) {
      // Requests the server accepted before a run ended are still answered after it: let them
      // drain (health answers once they have) so they don't spill into the next run's figures.
      await fetch(`${url}/api/health`);
      const start = offset;
      offset += 1_000_000;
      const unique = mode === 'hit' ? null : (n: number) => endpoint.unique(start + n);
      const figure = await load(url, endpoint.path, unique, duration, false, mode === 'miss1' ? 1 : connections);
      results.set(`${size} ${endpoint.name} ${mode}`, figure);
      const ratio = figure.rps / helloFigure.rps;
      const [p50, p99] = mode === 'hit' ? [HIT_TARGETS.p50, HIT_TARGETS.p99] : endpoint.miss;
      const targets =
        `p50≤${p50} ${mark(figure.p50, p50)}  p99≤${p99} ${mark(figure.p99, p99)}` +
        (mode === 'hit' ? `  ≥${HIT_TARGETS.ratio * 100}% ${ratio >= HIT_TARGETS.ratio ? '✓' : '✗'}` : '');
      const problems =
        figure.non2xx || figure.errors || !figure.completed
          ? `  (${figure.completed} completed, ${figure.non2xx} non-2xx, ${figure.errors} errors/timeouts)`
          : '';
      console.log(
        `${endpoint.name.padEnd(20)} ${MODE_LABEL[mode].padEnd(6)} ${fmt(figure.p50)} ${fmt(figure.p99)} ${fmt(figure.rps, 0)} ${fmt(ratio * 100, 1)}%  ${targets}${problems}`,
      );
    }
  }
  if (modes.has('hit')) {
    await fetch(`${url}/api/health`);
    const plain = await load(url, ENDPOINTS[0].path, null, duration, true);
    console.log(
      `${`${ENDPOINTS[0].name}, uncompressed`.padEnd(27)} ${fmt(plain.p50)} ${fmt(plain.p99)} ${fmt(plain.rps, 0)} ${fmt((plain.rps / helloFigure.rps) * 100, 1)}%`,
    );
  }
  console.log(
    `miss URLs vary topic/outcome/design and the year range (search: two words and year_from), e.g. ${ENDPOINTS.map((e) => e.unique(12_345)).join(' ')}`,
  );
}

async function stallMode(url: string) {
  const clients = 4;
  console.log(
    `\nstall: /api/health asked 50 times in sequence (100 ms apart) while ${clients} clients repeat a search; target health p99 ≤ 100 ms`,
  );
  console.log(
    `${'while searching'.padEnd(24)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}  target  | searches: ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}  answers`,
  );
  for (const run of await measureStall(url, { clients, probes: 50, gapMs: 100, maxSeconds: 60 })) {
    const searches = run.load.count ? `${latencies(run.load)}  ${statusText(run.load)}` : '';
    console.log(`${run.name.padEnd(24)} ${latencies(run.health)}  ${overBy(run.health.p99, 100).padEnd(12)}  | ${searches}`);
  }
  console.log(helloLine);
}

async function importMode(basePath: string, size: number) {
  const records = Number(values['import-records']);
  const clients = Number(values['import-clients']);
  const file = join(root, `import-${records}.xml`);
  if (!existsSync(file)) {
    const started = performance.now();
    const written = await writePubmedFile(`${file}.tmp`, { records });
    copyFileSync(`${file}.tmp`, file);
    rmSync(`${file}.tmp`);
    console.log(
      `\ngenerated ${file}: ${written.records.toLocaleString('en-US')} records, ${(written.bytes / 1e6).toFixed(0)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  // The import adds studies: it writes into a copy, so the kept database stays at its size.
  const copy = join(root, `import-into-${size}.db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
  copyFileSync(basePath, copy);
  const server = await startServer(['api', copy]);
  await waitForIndex(server.url);
  const run = await readDuringImport({
    baseUrl: server.url,
    databasePath: copy,
    studies: size,
    command: join(import.meta.dirname, '../../../scripts/ingest/cli.ts'),
    cwd: join(import.meta.dirname, '../../..'),
    file,
    clients,
    maxSeconds: Number(values['import-max-seconds']),
  });
  await stop(server.child);
  const walBytes = existsSync(`${copy}-wal`) ? statSync(`${copy}-wal`).size : 0;
  // The copy (and a WAL that readers' snapshots kept from being checkpointed) can reach gigabytes.
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
  console.log(
    `\nimport: ${clients} clients read (list, facets, study, search; unique URLs) while \`pnpm ingest import\` (its own process) writes ${records.toLocaleString('en-US')} records into the ${size.toLocaleString('en-US')}-study database the API serves`,
  );
  console.log(
    `import ${run.timedOut ? 'stopped at the time limit after' : 'took'} ${run.importSeconds.toFixed(1)} s, exit ${run.exitCode}: ${run.summary}; study index seen by health once a second: ${[...run.indexStates].map(([s, c]) => `${s}×${c}`).join(' ')}; WAL at the end ${(walBytes / 1e6).toFixed(0)} MB`,
  );
  console.log(
    `${'reads'.padEnd(10)} ${'count'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}  answers`,
  );
  for (const kind of ['list', 'facets', 'study', 'search', 'all']) {
    const samples = kind === 'all' ? run.samples : run.samples.filter((s) => s.kind === kind);
    const summary = summarise(samples);
    console.log(`${kind.padEnd(10)} ${String(summary.count).padStart(7)} ${latencies(summary)}  ${statusText(summary)}`);
  }
  const all = summarise(run.samples);
  const failed = failures(run.samples).length;
  console.log(`targets: 0 errors ${failed === 0 ? '✓' : `✗ (${failed})`}  p99 ≤ 500 ms ${overBy(all.p99, 500)}`);
  console.log(helloLine);
}

if (sizes.length > 1 && LOAD_MODES.length) {
  console.log(
    `\nHow each figure changes with size (${sizes.map((s) => s.toLocaleString('en-US')).join(' → ')}); miss = unique URL per request, miss×1 = the same with one client`,
  );
  for (const endpoint of ENDPOINTS) {
    for (const cache of LOAD_MODES) {
      const row = sizes.map((size) => results.get(`${size} ${endpoint.name} ${cache}`)!);
      const series = (pick: (f: Figure) => number, digits: number) => row.map((f) => fmt(pick(f), digits).trim()).join(' → ');
      console.log(
        `${endpoint.name.padEnd(20)} ${MODE_LABEL[cache].padEnd(6)} p50 ${series((f) => f.p50, 1).padEnd(24)} p99 ${series((f) => f.p99, 1).padEnd(26)} req/s ${series((f) => f.rps, 0)}`,
      );
    }
  }
}

// API load benchmark: realistic synthetic databases of several sizes, the real server in a child process
// on 127.0.0.1, and autocannon with 32 connections per endpoint, beside a bare Hono hello-world.
// Usage: node bench/api.bench.ts [--sizes 10000,100000,1000000] [--duration 6] [--connections 32] [--keep DIR]
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateDatabase } from './generate.ts';
import { waitForIndex } from './wait-for-index.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    duration: { type: 'string', default: '6' },
    connections: { type: 'string', default: '32' },
    keep: { type: 'string' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const duration = Number(values.duration);
const connections = Number(values.connections);

const ENDPOINTS = [
  { name: 'list topic+outcome', path: '/api/studies?topic=tvns&outcome=hrv', p50: 5, p99: 25, ratio: 0.4 },
  { name: 'search q', path: '/api/studies?q=vagus%20heart', p50: 5, p99: 25, ratio: null },
  { name: 'facets', path: '/api/facets', p50: 5, p99: 25, ratio: null },
  { name: 'matrix', path: '/api/matrix', p50: null, p99: 50, ratio: null },
] as const;

interface Figure {
  p50: number;
  p99: number;
  rps: number;
  non2xx: number;
  errors: number;
  completed: number;
}

function startServer(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'server-child.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.stdout!.once('data', (chunk: Buffer) => resolve({ url: `http://127.0.0.1:${JSON.parse(String(chunk)).port}`, child }));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** What Chromium sends: every browser and most HTTP clients accept compressed answers. */
const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd';

/**
 * Unique URLs defeat the response cache (an unknown parameter is ignored by validation); else every
 * request repeats one URL. Requests accept compression as a browser does unless `identity`.
 */
async function load(
  url: string,
  path: string,
  unique: boolean,
  seconds = duration,
  identity = false,
  clients = connections,
): Promise<Figure> {
  let n = 0;
  const separator = path.includes('?') ? '&' : '?';
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
        ...(unique ? { setupRequest: (req: autocannon.Request) => ({ ...req, path: `${path}${separator}_bench=${n++}` }) } : {}),
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

/**
 * hit: every request repeats one URL (the response cache answers); miss: a unique URL per request
 * with all connections (each is computed, and waits behind the others); miss×1: the same with one
 * client, i.e. what one person waits for a filter nobody asked for yet.
 */
const MODES = ['miss', 'hit', 'miss×1'] as const;

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '> run').padStart(8);
const mark = (value: number, target: number | null) => (target === null ? ' ' : value <= target ? '✓' : '✗');
// Infinity prints as "> run": no request finished within the run.

const root = values.keep ?? mkdtempSync(join(tmpdir(), 'evidence-api-bench-'));
mkdirSync(root, { recursive: true });
console.log(`API benchmark: ${connections} connections, ${duration} s per run, loopback only; databases in ${root}`);
console.log(`node ${process.version}; load generator and server share this machine's cores`);
console.log(
  `requests send Accept-Encoding: ${BROWSER_ENCODINGS} (as Chromium does); one extra row per size shows the list without compression\n`,
);

const hello = await startServer(['hello']);
await load(hello.url, '/hello', false, 2);
const helloFigure = await load(hello.url, '/hello', false);
await stop(hello.child);
console.log(`bare Hono hello-world: ${helloFigure.rps.toFixed(0)} req/s, p50 ${helloFigure.p50} ms, p99 ${helloFigure.p99} ms\n`);

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
    const server = await startServer(['api', path]);
    const index = await waitForIndex(server.url);
    console.log(
      `\n${size.toLocaleString('en-US')} studies (study index ${index.state}${index.state === 'ready' ? `, built in ${index.seconds.toFixed(1)} s after start` : ''})`,
    );
    console.log(
      `${'endpoint'.padEnd(20)} ${'cache'.padEnd(6)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'req/s'.padStart(8)} ${'vs hello'.padStart(8)}  targets`,
    );
    for (const endpoint of ENDPOINTS) {
      await load(server.url, endpoint.path, true, 1); // warm-up: page cache, prepared statements, JIT
      for (const mode of MODES) {
        const unique = mode !== 'hit';
        // Requests the server accepted before a run ended are still answered after it: let them
        // drain (health answers once they have) so they don't spill into the next run's figures.
        await fetch(`${server.url}/api/health`);
        const figure = await load(server.url, endpoint.path, unique, duration, false, mode === 'miss×1' ? 1 : connections);
        results.set(`${size} ${endpoint.name} ${mode}`, figure);
        const ratio = figure.rps / helloFigure.rps;
        const targets =
          `p50≤${endpoint.p50 ?? '-'} ${mark(figure.p50, endpoint.p50)}  p99≤${endpoint.p99} ${mark(figure.p99, endpoint.p99)}` +
          (endpoint.ratio ? `  ≥${endpoint.ratio * 100}% ${ratio >= endpoint.ratio ? '✓' : '✗'}` : '');
        const problems =
          figure.non2xx || figure.errors || !figure.completed
            ? `  (${figure.completed} completed, ${figure.non2xx} non-2xx, ${figure.errors} errors/timeouts)`
            : '';
        console.log(
          `${endpoint.name.padEnd(20)} ${mode.padEnd(6)} ${fmt(figure.p50)} ${fmt(figure.p99)} ${fmt(figure.rps, 0)} ${fmt(ratio * 100, 1)}%  ${targets}${problems}`,
        );
      }
    }
    await fetch(`${server.url}/api/health`);
    const plain = await load(server.url, ENDPOINTS[0].path, false, duration, true);
    console.log(
      `${`${ENDPOINTS[0].name}, uncompressed`.padEnd(27)} ${fmt(plain.p50)} ${fmt(plain.p99)} ${fmt(plain.rps, 0)} ${fmt((plain.rps / helloFigure.rps) * 100, 1)}%`,
    );
    await stop(server.child);
  }
} finally {
  if (!values.keep) rmSync(root, { recursive: true, force: true });
}

if (sizes.length > 1) {
  console.log(
    `\nHow each figure changes with size (${sizes.map((s) => s.toLocaleString('en-US')).join(' → ')}); miss = unique URL per request, miss×1 = the same with one client`,
  );
  for (const endpoint of ENDPOINTS) {
    for (const cache of MODES) {
      const row = sizes.map((size) => results.get(`${size} ${endpoint.name} ${cache}`)!);
      const series = (pick: (f: Figure) => number, digits: number) => row.map((f) => fmt(pick(f), digits).trim()).join(' → ');
      console.log(
        `${endpoint.name.padEnd(20)} ${cache.padEnd(5)} p50 ${series((f) => f.p50, 1).padEnd(24)} p99 ${series((f) => f.p99, 1).padEnd(26)} req/s ${series((f) => f.rps, 0)}`,
      );
    }
  }
}

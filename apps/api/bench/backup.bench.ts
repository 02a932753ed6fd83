// Backup benchmark (issue #16): `pnpm db:backup` of a ~1 GB database while 32 clients read through
// the real API (reader pool, study index, response cache; server in its own process). The same load
// runs for as long as the backup command runs, then as long again without it; per-request latency
// (p50/p99/max) and failures of both are printed side by side.
// Mixes (--mix): `dashboard` (default) asks list, facets, matrix and search pages drawn from 50 URLs
// each (as a dashboard's visitors do: the response cache answers them after the first) and a
// different study page on every other request (a real SQLite read each); `unique` asks a different
// list, facets, search or study URL every time (every request computed on the reader pool).
// Target: no failed request, and no request waiting more than 1 s longer than the slowest without the backup.
// Usage: node bench/backup.bench.ts [--size 500000] [--keep DIR] [--connections 32] [--baseline-seconds S] [--mix dashboard|unique]
//   --size: studies to generate (bench/generate.ts: ~2 KB each, so 500,000 ≈ 1 GB); --keep DIR reuses
//   DIR/backup-bench-SIZE.db between runs instead of generating it again.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { failures, runClients, statusText, summarise, type Sample } from './client-loop.ts';
import { envWithDatabase } from './env.ts';
import { generateDatabase } from './generate.ts';
import { startServer, stopServer } from './server.ts';
import { UNIQUE_PATHS } from './unique-urls.ts';
import { waitForIndex } from './wait-for-index.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '500000' },
    keep: { type: 'string' },
    connections: { type: 'string', default: '32' },
    'baseline-seconds': { type: 'string' },
    mix: { type: 'string', default: 'dashboard' },
  },
});
const studies = Number(values.size);
const clients = Number(values.connections);
/** How long the load runs without the backup; by default as long as the backup took. */
const baselineSeconds = values['baseline-seconds'] === undefined ? undefined : Number(values['baseline-seconds']);
const BACKUP_COMMAND = join(import.meta.dirname, '../../../scripts/backup/cli.ts');
const ALLOWED_EXTRA_WAIT_MS = 1000;

const root = values.keep ?? mkdtempSync(join(tmpdir(), 'evidence-backup-bench-'));
mkdirSync(root, { recursive: true });
const databasePath = join(root, `backup-bench-${studies}.db`);
if (!existsSync(databasePath)) {
  console.log(`generating ${studies.toLocaleString('en')} studies into ${databasePath} …`);
  const generated = generateDatabase(databasePath, studies);
  console.log(`  generated in ${(generated.ms / 1000).toFixed(0)} s`);
}
const databaseMb = statSync(databasePath).size / 1e6;
console.log(`database: ${databasePath}, ${databaseMb.toFixed(0)} MB, ${studies.toLocaleString('en')} studies`);

if (values.mix !== 'dashboard' && values.mix !== 'unique') throw new Error(`--mix: expected dashboard or unique, got '${values.mix}'`);
const POOLED = ['list', 'facets', 'matrix', 'search'] as const;
const POOL_SIZE = 50;
type Kind = (typeof POOLED)[number] | 'study';

/** The n-th request of a phase; `offset` keeps each phase's unique URLs apart from the others'. */
const next =
  (offset: number) =>
  (n: number): { kind: Kind; path: string } => {
    if (values.mix === 'unique') {
      const kind = (['list', 'facets', 'study', 'search'] as const)[n % 4]!;
      const i = offset + Math.floor(n / 4);
      return { kind, path: kind === 'study' ? UNIQUE_PATHS.study(i, studies) : UNIQUE_PATHS[kind](i) };
    }
    if (n % 2 === 1) return { kind: 'study', path: UNIQUE_PATHS.study(offset + n, studies) };
    const kind = POOLED[(n / 2) % POOLED.length]!;
    return { kind, path: UNIQUE_PATHS[kind](Math.floor(n / 2 / POOLED.length) % POOL_SIZE) };
  };
const KINDS: readonly Kind[] = values.mix === 'unique' ? ['list', 'facets', 'study', 'search'] : [...POOLED, 'study'];

const server = await startServer(['api', databasePath]);
try {
  const index = await waitForIndex(server.url);
  console.log(`API ready (study index ${index.state} after ${index.seconds.toFixed(1)} s); ${clients} clients, mix ${values.mix}`);
  // Warm the reader threads, the page cache and (dashboard mix) the response cache for every pooled URL.
  await runClients({
    baseUrl: server.url,
    clients,
    next: next(5_000_000),
    stop: () => false,
    maxRequests: 2 * POOLED.length * POOL_SIZE * 2,
    deadline: performance.now() + 120_000,
  });

  // With the backup first, then without it for as long (the same window, so the slowest request of
  // each is comparable; the file the backup read is then in the page cache, which favours "without").
  const backupDir = join(root, 'backups');
  rmSync(backupDir, { recursive: true, force: true });
  mkdirSync(backupDir);
  const started = performance.now();
  const backup = spawn(process.execPath, [BACKUP_COMMAND, backupDir, '--json'], {
    env: envWithDatabase(databasePath),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  backup.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  backup.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  let running = true;
  const exited = once(backup, 'exit').then(([code]) => {
    running = false;
    return code as number | null;
  });
  const during: Sample[] = await runClients({
    baseUrl: server.url,
    clients,
    next: next(1_000_000),
    stop: () => !running,
    maxRequests: 10_000_000,
    deadline: performance.now() + 30 * 60_000,
  });
  const code = await exited;
  const backupSeconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`db:backup exited with ${code}: ${stderr.trim()}`);
  const result = JSON.parse(stdout) as { file: string; bytes: number };
  console.log(
    `backup: ${result.file}, ${(result.bytes / 1e6).toFixed(0)} MB, ${backupSeconds.toFixed(1)} s (copy, integrity_check and FTS check)`,
  );
  const baseline = await runClients({
    baseUrl: server.url,
    clients,
    next: next(0),
    stop: () => false,
    maxRequests: 10_000_000,
    deadline: performance.now() + (baselineSeconds ?? backupSeconds) * 1000,
  });

  const rows = [
    ['', 'requests', 'p50 ms', 'p99 ms', 'max ms', 'failures', 'statuses'],
    ...(
      [
        ['without backup', baseline],
        ['during backup', during],
      ] as const
    ).map(([name, samples]) => {
      const s = summarise(samples);
      return [name, String(s.count), s.p50.toFixed(1), s.p99.toFixed(1), s.max.toFixed(0), String(failures(samples).length), statusText(s)];
    }),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  for (const row of rows)
    console.log(row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  '));
  for (const kind of KINDS) {
    const a = summarise(baseline.filter((s) => s.kind === kind));
    const b = summarise(during.filter((s) => s.kind === kind));
    console.log(
      `  ${kind.padEnd(7)} p50 ${a.p50.toFixed(1)} → ${b.p50.toFixed(1)} ms, p99 ${a.p99.toFixed(1)} → ${b.p99.toFixed(1)} ms, max ${a.max.toFixed(0)} → ${b.max.toFixed(0)} ms`,
    );
  }
  const extraWait = summarise(during).max - summarise(baseline).max;
  const failed = failures(during).length + failures(baseline).length;
  const ok = failed === 0 && extraWait <= ALLOWED_EXTRA_WAIT_MS;
  console.log(
    `target (no failures; slowest request during the backup at most ${ALLOWED_EXTRA_WAIT_MS} ms slower than without): ${ok ? 'met' : 'MISSED'} — ${failed} failures, slowest ${extraWait >= 0 ? '+' : ''}${extraWait.toFixed(0)} ms`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await stopServer(server.child);
  if (!values.keep) rmSync(root, { recursive: true, force: true });
}

// Import mode: `pnpm ingest import FILE` writes a generated PubMed file into the database the API
// serves, from its own process, while 16 clients read a mix of URLs; the readers' errors and
// latencies are what users would meet during a nightly import.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { type Sample, runClients } from './client-loop.ts';
import { envWithDatabase } from './env.ts';
import { UNIQUE_PATHS } from './unique-urls.ts';

export interface ImportRun {
  samples: Sample[];
  importSeconds: number;
  exitCode: number | null;
  /** The import's --json summary when it printed one, else the tail of its stderr. */
  summary: string;
  /** How often health saw the study index in each state while the import ran. */
  indexStates: Map<string, number>;
  timedOut: boolean;
}

const KINDS = ['list', 'facets', 'study', 'search'] as const;

export async function readDuringImport(options: {
  baseUrl: string;
  databasePath: string;
  studies: number;
  command: string;
  cwd: string;
  file: string;
  clients: number;
  maxSeconds: number;
}): Promise<ImportRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [options.command, 'import', options.file, '--json'], {
    cwd: options.cwd,
    env: envWithDatabase(options.databasePath),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk).slice(-2000)));
  let exited = false;
  const exit = once(child, 'exit').then(([code]) => {
    exited = true;
    return code as number | null;
  });
  const deadline = started + options.maxSeconds * 1000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM'); // the import finishes its batch and stops
  }, options.maxSeconds * 1000);

  const indexStates = new Map<string, number>();
  const watchIndex = (async () => {
    while (!exited && performance.now() < deadline + 60_000) {
      try {
        const { studyIndex } = (await (await fetch(`${options.baseUrl}/api/health`)).json()) as { studyIndex: string };
        indexStates.set(studyIndex, (indexStates.get(studyIndex) ?? 0) + 1);
      } catch {
        indexStates.set('no answer', (indexStates.get('no answer') ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();

  const samples = await runClients({
    baseUrl: options.baseUrl,
    clients: options.clients,
    next: (n) => {
      const kind = KINDS[n % KINDS.length]!;
      const i = Math.floor(n / KINDS.length);
      return { kind, path: kind === 'study' ? UNIQUE_PATHS.study(i, options.studies) : UNIQUE_PATHS[kind](i) };
    },
    stop: () => exited,
    maxRequests: 1_000_000,
    deadline: deadline + 60_000,
    headers: { 'accept-encoding': 'gzip, deflate, br, zstd' },
  });
  const exitCode = await exit;
  clearTimeout(timer);
  await watchIndex;
  let summary = stderr.trim().split('\n').slice(-3).join(' | ');
  try {
    const parsed = JSON.parse(stdout) as { status?: string; counts?: unknown; records?: unknown };
    summary = JSON.stringify({ status: parsed.status, counts: parsed.counts ?? parsed.records });
  } catch {}
  return { samples, importSeconds: (performance.now() - started) / 1000, exitCode, summary, indexStates, timedOut };
}

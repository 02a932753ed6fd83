/** Runs the commands staff use (and the API server) as child processes, for the database and serve tests. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export const COMMANDS = {
  ingest: ['scripts/ingest/cli.ts'],
  'ingest import': ['scripts/ingest/cli.ts', 'import', join(ROOT, 'packages/schema/package.json')],
  retag: ['scripts/retag/cli.ts'],
  digest: ['scripts/digest/cli.ts'],
  migrate: ['packages/schema/src/migrate-cli.ts'],
  serve: ['scripts/serve.ts'],
  api: ['apps/api/src/server.ts'],
} as const;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts a command; `uid` runs it as another user (tests run as root in CI, where file modes do not bind). */
export function start(args: readonly string[], env: Record<string, string>, options: { uid?: number } = {}) {
  const child = spawn(
    process.execPath,
    args.map((a, i) => (i === 0 ? join(ROOT, a) : a)),
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k === 'TZ' || k === 'LD_PRELOAD' || k.startsWith('FAKETIME'))),
        EUTILS_BASE_URL: 'http://127.0.0.1:9/',
        LOG_REQUESTS: '0',
        ...env,
      } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
    },
  );
  const result: Run = { code: null, stdout: '', stderr: '' };
  child.stdout.on('data', (d) => {
    result.stdout += d;
  });
  child.stderr.on('data', (d) => {
    result.stderr += d;
  });
  const done = new Promise<Run>((resolve) => child.on('close', (code) => resolve({ ...result, code })));
  return { child, output: result, done };
}

export const run = (args: readonly string[], env: Record<string, string>, options: { uid?: number } = {}) => start(args, env, options).done;

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

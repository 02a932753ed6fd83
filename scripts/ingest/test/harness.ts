/** Shared set-up for the command's tests: a real SQLite file, the fixture E-utilities server, the real CLI. */
import { createTestDatabase } from '@evidence/schema/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(import.meta.dirname, '..', 'cli.ts');
export type TestDatabase = ReturnType<typeof createTestDatabase>;
export { createTestDatabase };
export { runRows, stored } from '@evidence/ingest/testing';

/** Retries in milliseconds and a short timeout: every failure mode resolves well within a test. */
export const FAST_ENV = { EUTILS_RETRY_BASE_MS: '5', EUTILS_RETRY_MAX_MS: '20', EUTILS_TIMEOUT_MS: '500', EUTILS_MAX_RETRIES: '3' };

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Starts the real `pnpm ingest` entry point as a child process. */
/** The time zone and faketime's variables, so the command runs on the same clock as the test (scripts/test-clock.sh). */
function clockEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (e): e is [string, string] => e[1] !== undefined && (e[0] === 'TZ' || e[0] === 'LD_PRELOAD' || e[0].startsWith('FAKETIME')),
    ),
  );
}

export function startCli(args: string[], env: Record<string, string>): { child: ChildProcess; done: Promise<CliResult> } {
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...clockEnv(), NCBI_EMAIL: 'tests@evidence.invalid', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => {
    stdout += d;
  });
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - started }));
  });
  return { child, done };
}

export const runCli = (args: string[], env: Record<string, string>) => startCli(args, env).done;

export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

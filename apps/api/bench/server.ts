// The benchmark server (server-child.ts) in its own process, started and stopped by the benchmarks.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** Starts server-child.ts with `args` (`api DB_PATH [OPTIONS_JSON]` or `hello`); resolves once it listens. */
export function startServer(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'server-child.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.stdout!.once('data', (chunk: Buffer) => resolve({ url: `http://127.0.0.1:${JSON.parse(String(chunk)).port}`, child }));
  });
}

export function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

// Serves the API and the built dashboard side by side and prints their local URLs.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readServeEnv } from './env.ts';

const root = join(import.meta.dirname, '..');
const { apiPort, webPort, host, origin, inherited } = readServeEnv();
const apiUrl = `http://${host}:${apiPort}`;

if (!existsSync(join(root, 'apps/web/build/handler.js'))) {
  console.error('serve: the dashboard is not built; run `pnpm build` first.');
  process.exit(1);
}

const children: ChildProcess[] = [
  spawn(process.execPath, [join(root, 'apps/api/src/server.ts')], {
    stdio: 'inherit',
    env: { ...inherited, API_HOST: host, API_PORT: apiPort },
  }),
  spawn(process.execPath, [join(root, 'apps/web/serve.js')], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...inherited, HOST: host, PORT: webPort, ORIGIN: origin ?? `http://${host}:${webPort}`, API_URL: apiUrl },
  }),
];

let stopping = false;
function stop(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  process.exitCode = code;
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
for (const child of children) child.on('exit', (code) => stop(code ?? 1));

/** Polls a URL until it answers, so the URLs we print are ready to open. */
async function waitFor(url: string, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      await fetch(url);
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  return false;
}

const ready = (await waitFor(`${apiUrl}/api/health`)) && (await waitFor(`http://${host}:${webPort}/`));
if (!ready) {
  console.error('serve: the API or the dashboard did not start within 30 s (see the messages above)');
  stop(1);
} else {
  console.log(`Dashboard: http://${host}:${webPort}/`);
  console.log(`API:       ${apiUrl}/api  (OpenAPI: ${apiUrl}/api/openapi.json)`);
  console.log('Press Ctrl-C to stop.');
}

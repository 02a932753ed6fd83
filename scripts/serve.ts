// Serves the API and the built dashboard side by side and prints their local URLs.
import { DatabaseRefused, openDatabase } from '@evidence/schema';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { readServeEnv } from './env.ts';

const root = join(import.meta.dirname, '..');
const { apiPort, webPort, host, origin, inherited } = readServeEnv();
const apiUrl = `http://${host}:${apiPort}`;

/** Whether something already listens on host:port (another program, or a serve still running). */
function portInUse(port: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'EADDRINUSE'));
    probe.listen(Number(port), host, () => probe.close(() => resolve(false)));
  });
}

// Checked before anything else is printed: otherwise the other process would answer our readiness checks.
for (const [port, what, variable] of [
  [apiPort, 'the API', 'API_PORT'],
  [webPort, 'the dashboard', 'PORT'],
] as const) {
  if (await portInUse(port)) {
    console.error(
      `serve: port ${port} on ${host} is already in use by another process, so ${what} cannot listen there: stop that process or set ${variable} to a free port`,
    );
    process.exit(1);
  }
}
// start.sh asks this first, so a busy port is reported before the install, build and ingestion print anything.
if (process.argv.includes('--check-ports')) process.exit(0);

// In a terminal the request log goes to a file, so it does not bury the URLs; under a service manager
// (stdout not a terminal) it stays one JSON line per request on stdout, for the journal.
const terminal = Boolean(process.stdout.isTTY);
const logFile =
  inherited.LOG_FILE || (terminal && inherited.LOG_REQUESTS !== '0' ? join(root, 'data', 'logs', 'api-requests.log') : undefined);

try {
  // A newer tracker's database (or one that needs migrating but is read-only) is refused here in one line.
  openDatabase(inherited.DATABASE_URL, { allowReadOnly: true }).close();
} catch (error) {
  if (!(error instanceof DatabaseRefused)) throw error;
  console.error(`serve: ${error.message}`);
  process.exit(1);
}

if (!existsSync(join(root, 'apps/web/build/handler.js'))) {
  console.error('serve: the dashboard is not built; run `pnpm build` first.');
  process.exit(1);
}

const children: ChildProcess[] = [
  spawn(process.execPath, [join(root, 'apps/api/src/server.ts')], {
    // Its "listening" line would repeat the URLs printed below; errors still reach the terminal.
    stdio: ['ignore', terminal ? 'ignore' : 'inherit', 'inherit'],
    env: { ...inherited, API_HOST: host, API_PORT: apiPort, ...(logFile ? { LOG_FILE: logFile } : {}) },
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

/**
 * Whether `pid` holds the listening socket of `port` (Linux: /proc/net/tcp* gives the socket's inode,
 * /proc/<pid>/fd links to it); null where /proc cannot tell. A port that answers for someone else
 * (who took it after our check) then never counts as our child being ready.
 */
function listensOn(pid: number, port: string): boolean | null {
  try {
    const hexPort = Number(port).toString(16).toUpperCase().padStart(4, '0');
    const inodes = new Set<string>();
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      if (!existsSync(table)) continue;
      for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
        const fields = line.trim().split(/\s+/);
        // local_address is HEX_IP:HEX_PORT; state 0A is LISTEN; field 9 is the socket's inode.
        if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A') inodes.add(fields[9]!);
      }
    }
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return inodes.has(/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? '');
      } catch {
        return false;
      }
    });
  } catch {
    return null;
  }
}

/** Polls until our child is alive, answers on the URL and (where the OS can tell) is the one listening there. */
async function waitFor(child: ChildProcess, url: string, port: string, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping && child.exitCode === null) {
    try {
      await fetch(url);
      if (child.exitCode === null && listensOn(child.pid!, port) !== false) return true;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return false;
}

const ready =
  (await waitFor(children[0]!, `${apiUrl}/api/health`, apiPort)) && (await waitFor(children[1]!, `http://${host}:${webPort}/`, webPort));
if (!ready) {
  if (!stopping) console.error('serve: the API or the dashboard did not start within 30 s (see the messages above)');
  stop(1);
} else {
  console.log(`Dashboard: http://${host}:${webPort}/`);
  console.log(`API:       ${apiUrl}/api`);
  console.log(`API docs:  ${apiUrl}/api/docs  (OpenAPI: ${apiUrl}/api/openapi.json)`);
  if (logFile && terminal) console.log(`Request log: ${relative(process.cwd(), logFile) || logFile}`);
  console.log('Press Ctrl-C to stop.');
}

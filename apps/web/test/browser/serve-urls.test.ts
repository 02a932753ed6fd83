// The main job's last step, `node scripts/serve.ts`, as a person starts it (issue #15): every URL it
// prints answers, and request log lines never land between them — they go to LOG_FILE (what
// serve.ts sets on a terminal), or stay JSON lines on stdout under a service manager.
import { createTestDatabase } from '@evidence/schema/testing';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, webRoot } from './harness.ts';

const repoRoot = join(webRoot, '..', '..');
const db = createTestDatabase();
const dir = mkdtempSync(join(tmpdir(), 'serve-urls-'));
afterAll(() => {
  db.remove();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(extra: Record<string, string>) {
  const env = { ...process.env };
  for (const name of ['API_URL', 'ORIGIN', 'EVIDENCE_READ_TOKEN', 'EVIDENCE_EDITOR_TOKEN', 'LOG_FILE', 'LOG_REQUESTS']) delete env[name];
  const child = spawn(process.execPath, [join(repoRoot, 'scripts/serve.ts')], {
    cwd: repoRoot,
    env: {
      ...env,
      DATABASE_URL: db.path,
      HOST: '127.0.0.1',
      API_PORT: String(await freePort()),
      PORT: String(await freePort()),
      API_READERS: '1',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => {
    stdout += c;
  });
  child.stderr.on('data', (c) => {
    stderr += c;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 40_000;
  while (!stdout.includes('Press Ctrl-C') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
  if (!stdout.includes('Press Ctrl-C')) {
    child.kill('SIGKILL');
    throw new Error(`serve did not come up:\n${stdout}\n${stderr}`);
  }
  return {
    stdout: () => stdout,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Every http:// URL on the printed lines (a line may carry two: the docs and the OpenAPI document). */
const urlsIn = (text: string) => [...text.matchAll(/https?:\/\/[^\s)]+/g)].map((m) => m[0]);

describe('the URLs the main job prints (happy)', () => {
  it('all answer, and request logs go to LOG_FILE rather than between them', async () => {
    const logFile = join(dir, 'logs', 'requests.log');
    const server = await serve({ LOG_REQUESTS: '1', LOG_FILE: logFile });
    try {
      const printed = server.stdout();
      const urls = urlsIn(printed);
      expect(urls.length).toBeGreaterThanOrEqual(4); // dashboard, API root, API docs, OpenAPI document
      for (const url of urls) {
        const response = await fetch(url);
        expect(response.status, url).toBe(200);
      }
      const api = urls.find((u) => /\/api$/.test(u))!;
      const index = (await (await fetch(api)).json()) as { links: Record<string, string>; operations: { path: string }[] };
      expect(index.links.docs).toBe('/api/docs');
      expect(index.operations.map((o) => o.path)).toContain('/api/studies');
      expect(urls.some((u) => u.endsWith('/api/docs'))).toBe(true);
      // Nothing but the lines serve printed: no JSON request lines on stdout.
      expect(
        server
          .stdout()
          .split('\n')
          .filter((l) => l.startsWith('{')),
      ).toEqual([]);
      const logged = readFileSync(logFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { path: string });
      expect(logged.map((l) => l.path)).toEqual(expect.arrayContaining(['/api', '/api/docs']));
    } finally {
      await server.stop();
    }
  });

  it('under a service manager (no terminal, no LOG_FILE) the request lines stay JSON on stdout', async () => {
    const server = await serve({ LOG_REQUESTS: '1' });
    try {
      const api = urlsIn(server.stdout()).find((u) => /\/api$/.test(u))!;
      expect((await fetch(`${api}/health`)).status).toBe(200);
      await expect
        .poll(
          () =>
            server
              .stdout()
              .split('\n')
              .filter((l) => l.startsWith('{') && l.includes('"/api/health"')).length,
          { timeout: 10_000 },
        )
        .toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });
});

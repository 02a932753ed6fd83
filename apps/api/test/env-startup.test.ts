// The real API server process (`node src/server.ts`) with bad environment values: exit code 1 and
// one line on stderr naming the variable and what it expects, no stack trace (issue #12).
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createTestDatabase } from '@evidence/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const serverEntry = join(import.meta.dirname, '..', 'src', 'server.ts');
let database: ReturnType<typeof createTestDatabase>;
beforeAll(() => {
  database = createTestDatabase();
});
afterAll(() => database?.remove());

/** The environment without the variables under test, so the developer's own settings do not leak in. */
function cleanEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(API_|EVIDENCE_|CORS_ORIGINS|LOG_REQUESTS|DATABASE_URL)/.test(name)) delete env[name];
  }
  return { ...env, DATABASE_URL: database.path, API_HOST: '127.0.0.1', LOG_REQUESTS: '0', ...overrides };
}

function run(overrides: Record<string, string>) {
  const child = spawn(process.execPath, [serverEntry], { env: cleanEnv(overrides), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => {
    stdout += c;
  });
  child.stderr.on('data', (c) => {
    stderr += c;
  });
  // A server that starts instead of refusing must not outlive the test.
  const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    }),
  );
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('API environment at start (error)', () => {
  it.each([
    ['API_PORT', 'abc', "API_PORT: expected a port number 1–65535, got 'abc'"],
    ['API_PORT', '70000', "API_PORT: expected a port number 1–65535, got '70000'"],
    ['API_HOST', ' ', "API_HOST: expected a host name or address, got ' '"],
    ['LOG_REQUESTS', 'yes', "LOG_REQUESTS: expected 0 or 1, got 'yes'"],
    ['API_READERS', '0', "API_READERS: expected a positive integer (reader threads), got '0'"],
    ['API_READ_TIMEOUT_MS', 'fast', "API_READ_TIMEOUT_MS: expected a positive integer (milliseconds), got 'fast'"],
    ['CORS_ORIGINS', 'example.org', "CORS_ORIGINS: expected comma-separated http(s) origins, got 'example.org'"],
    [
      'EVIDENCE_READ_TOKEN',
      '',
      'EVIDENCE_READ_TOKEN: expected a token or name:token list, got an empty value (unset it to leave reads open)',
    ],
    ['EVIDENCE_EDITOR_TOKEN', 'anna:', 'EVIDENCE_EDITOR_TOKEN: expected a token or name:token list, but the entry for "anna" has no token'],
  ])('%s=%j: exit 1 and one line', async (name, value, message) => {
    const server = run({ [name]: value });
    const code = await server.exited;
    expect(server.stderr().trim()).toBe(message);
    expect(code).toBe(1);
    expect(server.stdout()).toBe('');
  });

  it('a token value never appears in the message', async () => {
    const server = run({ EVIDENCE_READ_TOKEN: 'top-secret-value,ben:' });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).not.toContain('top-secret-value');
  });
});

describe('API environment at start (happy)', () => {
  it('an empty EVIDENCE_EDITOR_TOKEN means unset: the API starts and refuses writes as disabled', async () => {
    const server = run({ EVIDENCE_EDITOR_TOKEN: '', API_PORT: String(await freePort()) });
    try {
      await expect.poll(() => server.stdout(), { timeout: 30_000 }).toMatch(/API listening on (http:\/\/\S+)\/api/);
      const url = /API listening on (http:\/\/\S+)\/api/.exec(server.stdout())![1];
      const res = await fetch(`${url}/api/studies/90000001/notes`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('writes_disabled');
      expect(server.stderr()).toBe('');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});

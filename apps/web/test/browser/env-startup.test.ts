// The real dashboard server (`node serve.js`, over the build) with bad environment values: exit code 1
// and one line on stderr naming the variable and what it expects, no stack trace (issue #12).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, webRoot } from './harness.ts';

async function run(overrides: Record<string, string>) {
  const env = { ...process.env };
  for (const name of ['API_URL', 'ORIGIN', 'EVIDENCE_READ_TOKEN', 'EVIDENCE_EDITOR_TOKEN', 'HOST', 'PORT']) delete env[name];
  const child = spawn(process.execPath, [join(webRoot, 'serve.js')], {
    cwd: webRoot,
    env: { ...env, HOST: '127.0.0.1', PORT: String(await freePort()), ...overrides },
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

describe('dashboard environment at start (error)', () => {
  it.each([
    ['API_URL', 'not a url', "API_URL: expected an http(s) URL, got 'not a url'"],
    ['API_URL', 'ftp://127.0.0.1/', "API_URL: expected an http(s) URL, got 'ftp://127.0.0.1/'"],
    ['ORIGIN', 'example.org', "ORIGIN: expected the dashboard's public http(s) origin, got 'example.org'"],
    ['PORT', 'abc', "PORT: expected a port number 1–65535, got 'abc'"],
    [
      'EVIDENCE_READ_TOKEN',
      '',
      'EVIDENCE_READ_TOKEN: expected a token or name:token list, got an empty value (unset it if the API needs none)',
    ],
    ['EVIDENCE_EDITOR_TOKEN', 'anna:', 'EVIDENCE_EDITOR_TOKEN: expected a token or name:token list, but the entry for "anna" has no token'],
  ])('%s=%j: exit 1 and one line', async (name, value, message) => {
    const server = await run({ [name]: value });
    const code = await server.exited;
    expect(server.stderr().trim()).toBe(message);
    expect(code).toBe(1);
  });
});

describe('dashboard environment at start (happy)', () => {
  it('an empty EVIDENCE_EDITOR_TOKEN means unset: the dashboard starts with curation off', async () => {
    const port = await freePort();
    const server = await run({ EVIDENCE_EDITOR_TOKEN: '', PORT: String(port), ORIGIN: `http://127.0.0.1:${port}` });
    try {
      await expect
        .poll(async () => (await fetch(`http://127.0.0.1:${port}/_app/version.json`).catch(() => null))?.status, { timeout: 30_000 })
        .toBe(200);
      expect(server.stderr()).toBe('');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});

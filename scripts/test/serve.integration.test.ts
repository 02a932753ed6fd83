/** Issue #12: `scripts/serve.ts` must not report ready when its ports answer for another process. */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS, freePort, run } from './commands.ts';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** Someone else's HTTP server on the port, answering 200 to everything (what a stale instance or another app does). */
async function foreignServer(port: number): Promise<void> {
  const server = createServer((_req, res) => res.end('{"status":"ok"}'));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
}

describe('serve with a busy port', () => {
  it('reports a busy API port in one line naming API_PORT, before anything else, and exits non-zero', async () => {
    const apiPort = await freePort();
    const webPort = await freePort();
    await foreignServer(apiPort);
    const result = await run(COMMANDS.serve, { API_PORT: String(apiPort), PORT: String(webPort), HOST: '127.0.0.1' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(
      `serve: port ${apiPort} on 127.0.0.1 is already in use by another process, so the API cannot listen there: stop that process or set API_PORT to a free port`,
    );
  });

  it('reports a busy dashboard port in one line naming PORT and exits non-zero', async () => {
    const apiPort = await freePort();
    const webPort = await freePort();
    await foreignServer(webPort);
    const result = await run(COMMANDS.serve, { API_PORT: String(apiPort), PORT: String(webPort), HOST: '127.0.0.1' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(
      `serve: port ${webPort} on 127.0.0.1 is already in use by another process, so the dashboard cannot listen there: stop that process or set PORT to a free port`,
    );
  });
});

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readTopicQueries } from './topics.ts';

it('cli.ts starts the server and prints its base URL', async () => {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'cli.ts'), '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
    const url = chunk.toString().trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/entrez\/eutils\/$/);
    const res = await fetch(`${url}esearch.fcgi?${new URLSearchParams({ db: 'pubmed', term: readTopicQueries().eft! })}`);
    expect(await res.text()).toMatch(/<Count>[1-9]\d*<\/Count>/);
  } finally {
    child.kill('SIGTERM');
  }
});

// README screenshots (issue #15): the overview, the studies list, a study page and a claim page,
// taken from the fixture corpus through the real API, the built dashboard and Debian's chromium.
// The data is synthetic and every page shows the demo-data banner, so the pictures say so too.
// Usage: pnpm --filter @evidence/web run build && pnpm --filter @evidence/web run screenshots [OUT_DIR]
import { HRV_TRIAL_PMID, seedFixtureCorpus } from '@evidence/test-corpus';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startStack, stopStack, webRoot } from '../test/browser/harness.ts';

const outDir = resolve(process.argv[2] ?? join(webRoot, '..', '..', 'docs', 'screenshots'));
const TOKEN = 'screenshots:demo-editor-token';

mkdirSync(outDir, { recursive: true });
const stack = await startStack({ seed: (db) => seedFixtureCorpus(db), editorToken: TOKEN });
try {
  // A claim to show: the fixture corpus has no claims, so one is written through the API as an editor would.
  const headers = { Authorization: `Bearer ${TOKEN.split(':')[1]}`, 'Content-Type': 'application/json' };
  const created = await fetch(`${stack.api.url}/api/claims`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      statement: 'taVNS verhoogt de hartslagvariabiliteit (demo-claim over fixture-data)',
      language: 'nl',
      translations: [{ language: 'en', statement: 'taVNS increases heart-rate variability (demo claim over fixture data)' }],
      topics: ['tvns'],
      outcomes: ['hrv'],
      owner: 'demo',
      status: 'published',
    }),
  });
  if (!created.ok) throw new Error(`creating the demo claim failed: ${created.status} ${await created.text()}`);
  const claim = (await created.json()) as { id: number };
  await fetch(`${stack.api.url}/api/claims/${claim.id}/pins/${HRV_TRIAL_PMID}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ stance: 'supporting', note: 'Demo pin' }),
  });

  const { page, context } = await stack.newPage({ width: 1440, height: 900 });
  const shots: [name: string, path: string][] = [
    ['overview', '/'],
    ['studies', '/studies?topic=tvns'],
    ['study', `/studies/${HRV_TRIAL_PMID}`],
    ['claim', `/claims/${claim.id}`],
  ];
  for (const [name, path] of shots) {
    const response = await page.goto(`${stack.web.url}${path}`);
    if (response?.status() !== 200) throw new Error(`${path} answered ${response?.status()}`);
    await page.waitForLoadState('networkidle');
    if ((await page.getByTestId('demo-banner').count()) === 0) throw new Error(`${path} shows no demo-data banner`);
    const file = join(outDir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: false });
    console.log(file);
  }
  await context.close();
} finally {
  await stopStack(stack);
}

// Foundation walking path in a real browser: the ingestion command fills a database from the
// fixture E-utilities server, and the built dashboard shows those studies through the API.
import { FIXTURE_STUDIES, startFixtureServer, type FixtureServer } from '@evidence/eutils-fixtures';
import { ingestFromFixtures } from '@evidence/test-corpus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startStack, stopStack, type Stack } from './harness.ts';

let fixtures: FixtureServer;
let stack: Stack;

beforeAll(async () => {
  fixtures = await startFixtureServer();
  stack = await startStack({
    seed: async (db) => {
      await ingestFromFixtures(db.path, fixtures.url);
    },
  });
});

afterAll(async () => {
  await stopStack(stack);
  await fixtures?.close();
});

describe('dashboard over a database filled by the ingestion command', () => {
  it('lists every ingested fixture study with its journal, year and PubMed link', async () => {
    const { page, dialogs, errors } = await stack.newPage();
    // Every fixture, the retraction notice (not research, hidden by default) included.
    await page.goto(`${stack.web.url}/studies?limit=50&include_non_research=true`);
    await expect.poll(() => page.getByRole('article').count()).toBe(FIXTURE_STUDIES.length);
    const body = await page.locator('main').innerText();
    for (const study of FIXTURE_STUDIES) {
      expect(body).toContain(study.journal.title);
      const link = page.locator(`a[href="https://pubmed.ncbi.nlm.nih.gov/${study.pmid}/"]`);
      expect(await link.count()).toBeGreaterThan(0);
    }
    expect(body).toContain(`${FIXTURE_STUDIES.length} studies`);
    // The fixture corpus carries an XSS probe title; it must render as text.
    expect(body).toContain('<script>alert(1)</script>');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await screenshot(page, 'ingested-fixtures');
    await page.context().close();
  });
});

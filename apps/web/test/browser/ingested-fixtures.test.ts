// Foundation walking path in a real browser: the ingestion command fills a database from the
// fixture E-utilities server, and the built dashboard shows those studies through the API.
import { FIXTURE_STUDIES, startFixtureServer, type FixtureServer } from '@evidence/eutils-fixtures';
import { createTestDatabase } from '@evidence/schema/testing';
import { ingestFromFixtures } from '@evidence/test-corpus';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openTrackedPage, screenshot, startApi, startWeb, type RunningApi, type RunningWeb } from './harness.ts';

let fixtures: FixtureServer;
let db: ReturnType<typeof createTestDatabase>;
let api: RunningApi;
let web: RunningWeb;
let browser: Browser;

beforeAll(async () => {
  fixtures = await startFixtureServer();
  db = createTestDatabase();
  await ingestFromFixtures(db.path, fixtures.url);
  api = await startApi(db);
  web = await startWeb({ apiUrl: api.url });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close().catch(() => {});
  await web?.close();
  await api?.close();
  await fixtures?.close();
  db?.remove();
});

describe('dashboard over a database filled by the ingestion command', () => {
  it('lists every ingested fixture study with its journal, year and PubMed link', async () => {
    const { page, dialogs, errors } = await openTrackedPage(browser);
    await page.goto(`${web.url}/studies?limit=50`);
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

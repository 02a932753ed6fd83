import { insertStudy } from '@evidence/schema/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, openTrackedPage, screenshot, startStack, startWeb, stopStack, freePort, webRoot, type Stack } from './harness.ts';

const XSS_TITLE = '<script>alert(1)</script> [Fixture] XSS probe';
const FILLER = 27; // 4 named studies + 27 = 31 rows: one full page of 25 and a second of 6

function seed(db: Parameters<typeof insertStudy>[0]) {
  insertStudy(db, {
    pmid: 90000001,
    title: '[Fixture] Transcutaneous vagus nerve stimulation and heart-rate variability in vivo',
    titleMarkup: '[Fixture] Transcutaneous vagus nerve stimulation and heart-rate variability <i>in vivo</i>',
    journalTitle: 'Fixture Journal of Autonomic Research',
    pubYear: 2025,
    pubDateSort: '2025-06-01',
    authorsShort: 'Vagus A, Nerve B',
    doi: '10.5555/fixture.1',
    topics: ['tvns'],
    abstract: `[Fixture] Background sentence of a synthetic abstract. ${'Results sentence with enough words to need cutting. '.repeat(8)}`,
  });
  insertStudy(db, {
    pmid: 90000002,
    title: '[Fixture] Slow breathing and anxiety: a retracted trial',
    journalTitle: 'Fixture Breathing Review',
    pubYear: 2024,
    pubDateSort: '2024-03-10',
    isRetracted: true,
    topics: ['breathwork'],
  });
  // The factory escapes titleMarkup from the title, as the parser would.
  insertStudy(db, { pmid: 90000003, title: XSS_TITLE, journalTitle: 'Fixture Security Letters', pubYear: 2023, topics: ['eft'] });
  // Markup that slipped past the parser: SafeMarkup must still refuse anything but the five tags.
  insertStudy(db, {
    pmid: 90000004,
    title: '[Fixture] Markup probe bold',
    titleMarkup: '[Fixture] Markup probe <img src=x onerror="alert(2)"><b>bold</b><a href="javascript:alert(3)">x</a>',
    journalTitle: 'Fixture Security Letters',
    pubYear: 2022,
  });
  for (let i = 0; i < FILLER; i++) {
    insertStudy(db, {
      pmid: 90000100 + i,
      pubYear: 2019,
      pubDateSort: `2019-01-${String(i + 1).padStart(2, '0')}`,
      journalTitle: 'Fixture Filler Journal',
      topics: ['emdr'],
    });
  }
  // Sample sizes for the sort: a filler study is the largest, the tVNS study second.
  db.sqlite.prepare('UPDATE studies SET sample_size = ?, design = ? WHERE pmid = ?').run(60, 'rct', 90000001);
  db.sqlite.prepare('UPDATE studies SET sample_size = ?, design = ? WHERE pmid = ?').run(480, 'observational', 90000120);
}

const pmidsOn = (page: import('playwright-core').Page) =>
  page.locator('[data-testid="study-list"] > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-pmid')));

describe('/studies against a real API (happy)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ seed });
  });
  afterAll(async () => {
    await stopStack(stack);
  });

  it('lists titles, journals, years and the total', async () => {
    const { page, errors, context } = await stack.newPage();
    const response = await page.goto(`${stack.web.url}/studies`);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Studies');
    expect(await page.getByTestId('total').textContent()).toContain('31 studies');
    expect(await page.locator('[data-testid="study-list"] > li').count()).toBe(25);

    const first = page.locator('li[data-pmid="90000001"]');
    expect(await first.locator('h2').textContent()).toBe(
      '[Fixture] Transcutaneous vagus nerve stimulation and heart-rate variability in vivo',
    );
    expect(await first.locator('h2 i').textContent()).toBe('in vivo');
    expect(await first.locator('.journal').textContent()).toBe('Fixture Journal of Autonomic Research');
    expect(await first.locator('.year').textContent()).toBe('2025');
    expect(await first.locator('.authors').textContent()).toBe('Vagus A, Nerve B');
    expect(await first.locator('a.pubmed-link').getAttribute('href')).toBe('https://pubmed.ncbi.nlm.nih.gov/90000001/');
    expect(await first.locator('a[href="https://doi.org/10.5555/fixture.1"]').count()).toBe(1);

    const second = page.locator('li[data-pmid="90000002"]');
    expect(await second.locator('.journal').textContent()).toBe('Fixture Breathing Review');
    expect(await second.locator('.year').textContent()).toBe('2024');
    expect(await second.getByTestId('retracted').textContent()).toContain('Retracted');
    expect(await page.getByTestId('retracted').count()).toBe(1);

    await screenshot(page, 'studies');
    await screenshot(page, 'studies-viewport', { fullPage: false });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('renders titles as inert text: no dialog, no injected element (security)', async () => {
    const { page, dialogs, errors, context } = await stack.newPage();
    const html = await (await fetch(`${stack.web.url}/studies`)).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toMatch(/<img[^>]*onerror/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; [Fixture] XSS probe');

    await page.goto(`${stack.web.url}/studies`);
    await page.waitForLoadState('networkidle');
    const probe = page.locator('li[data-pmid="90000003"] h2');
    expect(await probe.textContent()).toBe(XSS_TITLE);
    expect(await probe.locator('script').count()).toBe(0);

    const markupProbe = page.locator('li[data-pmid="90000004"] h2');
    expect(await markupProbe.locator('b').textContent()).toBe('bold');
    // The title links to the study page; nothing inside it may be an element the record brought in.
    expect(await markupProbe.locator('img, a a, a[href^="javascript"]').count()).toBe(0);
    expect(await markupProbe.textContent()).toContain('<img src=x onerror="alert(2)">');

    // Only SvelteKit's own scripts are in the document, none inside the list.
    expect(await page.locator('[data-testid="study-list"] script').count()).toBe(0);
    // SvelteKit's hydration payload carries the titles as escaped JS strings; any other script is injected.
    const scripts = await page.evaluate(() =>
      [...document.scripts].map((s) => ({ src: s.src, inKit: s.textContent?.includes('__sveltekit_') ?? false })),
    );
    expect(scripts.filter((s) => !s.src && !s.inKit)).toEqual([]);
    expect(html).not.toMatch(/<\/script>\s*\[Fixture\]/);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('pages with ?cursor= and the next-page URL can be bookmarked', async () => {
    const { page, errors, context } = await stack.newPage();
    await page.goto(`${stack.web.url}/studies`);
    await page.waitForLoadState('networkidle');
    const firstPage = await pmidsOn(page);
    expect(firstPage).toHaveLength(25);

    await page.getByRole('link', { name: 'Next page →' }).click();
    await page.waitForURL(/[?&]cursor=/);
    await expect.poll(async () => (await pmidsOn(page)).length).toBe(6);
    const secondPage = await pmidsOn(page);
    expect(secondPage.filter((p) => firstPage.includes(p))).toEqual([]);
    expect(new Set([...firstPage, ...secondPage]).size).toBe(31);
    expect(await page.getByRole('link', { name: 'Next page →' }).count()).toBe(0);

    // A fresh load of the bookmarked URL (server-rendered) shows the same page.
    const bookmark = page.url();
    const fresh = await stack.newPage({ width: 390, height: 844 });
    await fresh.page.goto(bookmark);
    expect(await pmidsOn(fresh.page)).toEqual(secondPage);
    await screenshot(fresh.page, 'studies-page-2-phone');
    await fresh.context.close();

    await page.getByRole('link', { name: '← First page' }).click();
    await page.waitForURL((url) => !url.searchParams.has('cursor'));
    await expect.poll(() => pmidsOn(page)).toEqual(firstPage);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows an abstract snippet on cards outside a search, and sorts by sample size and by design (issue #15)', async () => {
    const { page, errors, context } = await stack.newPage();
    await page.goto(`${stack.web.url}/studies`);
    const snippet = page.locator('li[data-pmid="90000001"] [data-testid="snippet"]');
    expect(await snippet.textContent()).toMatch(/^\[Fixture\] Background sentence of a synthetic abstract\. Results sentence .*…$/);
    expect((await snippet.textContent())!.length).toBeLessThan(280);
    await page.getByRole('navigation', { name: 'Sort' }).getByRole('link', { name: 'sample size' }).click();
    await page.waitForURL(/sort=sample_size/);
    expect((await pmidsOn(page)).slice(0, 2)).toEqual(['90000120', '90000001']);
    await page
      .getByRole('navigation', { name: 'Sort' })
      .getByRole('link', { name: /study design/ })
      .click();
    await page.waitForURL(/sort=design/);
    expect((await pmidsOn(page))[0]).toBe('90000001');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('filters by ?topic= and topic chips link to the filtered view', async () => {
    const { page, errors, context } = await stack.newPage();
    await page.goto(`${stack.web.url}/studies?topic=tvns`);
    expect(await pmidsOn(page)).toEqual(['90000001']);
    expect(await page.getByTestId('total').textContent()).toContain('1 study');

    await page.goto(`${stack.web.url}/studies`);
    await page.waitForLoadState('networkidle');
    await page.locator('li[data-pmid="90000002"] a.chip', { hasText: 'breathwork' }).click();
    await page.waitForURL(/topic=breathwork/);
    await expect.poll(() => pmidsOn(page)).toEqual(['90000002']);

    await page.getByRole('link', { name: 'recently added' }).click();
    await page.waitForURL(/sort=added/);
    expect(new URL(page.url()).searchParams.getAll('topic')).toEqual(['breathwork']);
    await expect.poll(() => pmidsOn(page)).toEqual(['90000002']);

    await page.goto(`${stack.web.url}/studies?topic=emdr&limit=5`);
    expect(await pmidsOn(page)).toHaveLength(5);
    expect(await page.getByTestId('total').textContent()).toContain('27 studies');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the API’s message for an invalid parameter instead of a blank page (error)', async () => {
    const { page, context } = await stack.newPage();
    const bad = await page.goto(`${stack.web.url}/studies?topic=Not-A-Topic`);
    expect(bad?.status()).toBe(400);
    expect(await page.getByTestId('error').textContent()).toContain('Check the “topic” part of the address');
    // The API's own (English, technical) words stay available as details, marked as English.
    expect(await page.getByTestId('error-detail').getAttribute('lang')).toBe('en');
    expect(await page.getByTestId('error-detail').textContent()).toContain('topic');
    const badCursor = await page.goto(`${stack.web.url}/studies?cursor=garbage`);
    expect(badCursor?.status()).toBe(400);
    expect(await page.getByTestId('error').textContent()).toContain('cursor');
    expect(await page.getByRole('link', { name: 'Studies', exact: true }).count()).toBe(1);
    await screenshot(page, 'studies-bad-cursor', { fullPage: false });
    await context.close();
  });

  it('keeps the search form and filters on screen with the API’s note or its refusal (issue #13)', async () => {
    const { page, errors, context } = await stack.newPage();
    const typed = await page.goto(`${stack.web.url}/studies?q=${encodeURIComponent('heart-rate')}`);
    expect(typed?.status()).toBe(200);
    expect(await pmidsOn(page)).toEqual(['90000001']);
    expect(await page.getByTestId('search-note').count()).toBe(0);

    const unbalanced = await page.goto(`${stack.web.url}/studies?q=${encodeURIComponent('"vagus nerve')}`);
    expect(unbalanced?.status()).toBe(200);
    expect(await page.getByTestId('search-note').textContent()).toBe('Read as plain words: a quotation mark is not closed.');
    expect(await pmidsOn(page)).toEqual(['90000001']);

    const refused = await page.goto(`${stack.web.url}/studies?q=${encodeURIComponent('((')}`);
    expect(refused?.status()).toBe(200);
    expect(await page.getByTestId('search-error').textContent()).toContain('There is nothing to search for.');
    expect(await page.getByTestId('search').inputValue()).toBe('((');
    expect(await page.locator('form#filters').count()).toBe(1);
    expect(await page.getByTestId('error').count()).toBe(0);
    await screenshot(page, 'studies-search-refused', { fullPage: false });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('words the search notes and refusals in Dutch (issue #13)', async () => {
    const { page, errors, context } = await stack.newPage({ locale: 'nl-NL' });
    const cases: [q: string, testId: string, text: string][] = [
      ['"vagus nerve', 'search-note', 'Gezocht als losse woorden: een aanhalingsteken wordt niet gesloten.'],
      ['OR vagus', 'search-note', 'Gezocht als losse woorden: OR heeft aan beide kanten een zoekterm nodig.'],
      ['vagus[xx]', 'search-note', 'Het veldlabel [xx] is onbekend; er is in alle velden gezocht.'],
      ['2023:2020[dp]', 'search-note', '2023:2020[dp] is geen jaartal of jaarbereik (2020:2023); er is op de woorden gezocht.'],
      ['((', 'search-error', 'Er is niets om op te zoeken. Typ woorden, een "zinsdeel", een PMID of een DOI.'],
      ['va*', 'search-error', 'Het voorvoegsel va* is te kort: een woord vóór * moet minstens 3 tekens hebben.'],
      [
        Array.from({ length: 21 }, (_, i) => `woord${i}`).join(' '),
        'search-error',
        'Er zijn hoogstens 20 zoektermen toegestaan; deze zoekopdracht heeft er 21.',
      ],
    ];
    for (const [q, testId, text] of cases) {
      const response = await page.goto(`${stack.web.url}/studies?q=${encodeURIComponent(q)}`);
      expect(response?.status(), q).toBe(200);
      expect(await page.getByTestId(testId).textContent(), q).toBe(text);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('/studies with an empty database and without an API', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stopStack(stack);
  });

  it('explains how to fill an empty database (happy)', async () => {
    const { page, errors, context } = await stack.newPage();
    await page.goto(`${stack.web.url}/studies`);
    const empty = await page.getByTestId('empty').textContent();
    expect(empty).toContain('No studies are stored yet');
    // Commands shown work as written in a fresh shell (issue #15): scripts that source the toolchain, not `pnpm …`.
    const commands = await page.getByTestId('empty').locator('code').allTextContents();
    expect(commands).toEqual(['bash scripts/ingest.sh', 'bash scripts/demo.sh']);
    for (const command of commands) expect(existsSync(join(webRoot, '..', '..', command.replace(/^bash /, ''))), command).toBe(true);
    // An empty database holds no demo data: no banner.
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
    await screenshot(page, 'studies-empty');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a clear message when the API is unreachable (error)', async () => {
    const deadPort = await freePort();
    const web = await startWeb({ apiUrl: `http://127.0.0.1:${deadPort}` });
    const browser = await launchBrowser();
    try {
      const { page } = await openTrackedPage(browser);
      const response = await page.goto(`${web.url}/studies`);
      expect(response?.status()).toBe(503);
      const text = await page.getByTestId('error').textContent();
      expect(text).toContain('The data service is not available');
      expect(text).toContain('API_URL');
      await screenshot(page, 'studies-api-down');
      // The same in Dutch (issue #15: error pages stayed English).
      const dutch = await openTrackedPage(browser, { locale: 'nl-NL' });
      expect((await dutch.page.goto(`${web.url}/studies`))?.status()).toBe(503);
      const dutchText = await dutch.page.getByTestId('error').innerText();
      expect(dutchText).toContain('De gegevensdienst is niet beschikbaar');
      expect(dutchText).toContain('controleer dat API_URL ernaar verwijst');
      expect(dutchText).not.toContain('not available');
      const notFound = await dutch.page.goto(`${web.url}/studies/abc`);
      expect(notFound?.status()).toBe(404);
      expect(await dutch.page.getByTestId('error').locator('h1').innerText()).toBe('Pagina niet gevonden');
    } finally {
      await browser.close();
      await web.close();
    }
  });
});

// The dashboard end to end over the fixture corpus (rule tags and evidence sentences included):
// heatmap → filtered list, search snippets, evidence chips, citations, RIS export, curation that
// survives re-ingestion, Dutch, the XSS probe, axe on every main page and a phone-width screenshot.
import { readFileSync } from 'node:fs';
import { FIXTURE_STUDIES, startFixtureServer } from '@evidence/eutils-fixtures';
import { ingestFromFixtures, seedFixtureCorpus } from '@evidence/test-corpus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, screenshot, startStack, stopStack, type Stack } from './harness.ts';

const TOKEN = 'anna:fixture-editor-token';
const EMDR_TEEN = '90000017'; // outcomes ptsd + sleep, both evidenced in the RESULTS sentence
const XSS_PMID = '90000020';
const TODAY = new Date().toISOString().slice(0, 10);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    seed: (db) => {
      seedFixtureCorpus(db);
    },
    editorToken: TOKEN,
  });
});
afterAll(async () => {
  await stopStack(stack);
});

const pmidsOn = (page: import('playwright-core').Page) =>
  page.locator('[data-testid="study-list"] > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-pmid')));

describe('dashboard over the fixture corpus (happy)', () => {
  it('heatmap: a cell shows its design breakdown on focus and links to the filtered list', async () => {
    const { page, errors, context } = await stack.newPage();
    await page.goto(`${stack.web.url}/`);
    await page.waitForLoadState('networkidle');
    const cell = page.getByTestId('cell-emdr-ptsd');
    const count = Number((await cell.innerText()).trim().split(/\s/)[0]);
    expect(count).toBeGreaterThan(0);
    await cell.focus();
    const tip = page.locator('#tip-emdr-ptsd');
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.innerText()).toMatch(/Randomised controlled trial: \d/);
    // Arrow keys move to the neighbouring cell with studies.
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.closest('td')?.dataset.col)).not.toBeUndefined();
    await cell.click();
    await page.waitForURL(/topic=emdr&outcome=ptsd/);
    await expect.poll(async () => (await pmidsOn(page)).length).toBe(count);
    expect(await page.getByTestId('total').innerText()).toContain(`${count} stud`);
    expect(await page.locator('[data-testid="facet-outcome"] input[value="ptsd"]').isChecked()).toBe(true);
    expect(await page.getByTestId('year-chart').count()).toBe(0); // chart lives on the overview only
    await page.goto(`${stack.web.url}/`);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('[data-testid="year-chart"] canvas').count()).toBe(1);
    // The retraction notice among the fixtures is not research, so it is out of the default counts.
    const research = FIXTURE_STUDIES.filter((f) => !f.publicationTypes.includes('Retraction of Publication'));
    expect(await page.getByTestId('new-since-run').innerText()).toContain(String(research.length));
    await screenshot(page, 'overview');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('facet checkboxes filter the list without a reload and live in the URL', async () => {
    const { page, errors, context } = await stack.newPage();
    await page.goto(`${stack.web.url}/studies`);
    await page.waitForLoadState('networkidle');
    await page.locator('[data-testid="facet-topic"] input[value="emdr"]').check();
    await page.waitForURL(/topic=emdr/);
    await expect.poll(async () => (await pmidsOn(page)).length).toBe(FIXTURE_STUDIES.filter((s) => s.topics.includes('emdr')).length);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('search shows highlighted snippets', async () => {
    const { page, errors, context } = await stack.newPage();
    await page.goto(`${stack.web.url}/studies`);
    await page.waitForLoadState('networkidle');
    await page.getByTestId('search').fill('vagus');
    await page.getByTestId('search').press('Enter');
    await page.waitForURL(/q=vagus/);
    await expect.poll(() => page.locator('[data-testid="study-list"] h2 mark').count()).toBeGreaterThan(0);
    expect((await page.locator('[data-testid="study-list"] mark').first().innerText()).toLowerCase()).toContain('vagus');
    expect(await page.getByTestId('snippet').count()).toBeGreaterThan(0);
    await screenshot(page, 'studies-search', { fullPage: false });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('study page: clicking an outcome chip scrolls to and focuses its evidence sentence', async () => {
    const { page, errors, context } = await stack.newPage();
    await page.goto(`${stack.web.url}/studies/${EMDR_TEEN}`);
    await page.waitForLoadState('networkidle');
    await page.locator('[data-testid="outcome-chips"] a[data-outcome="sleep"]').click();
    const focused = await page.evaluate(() => ({
      tag: document.activeElement?.tagName,
      text: document.activeElement?.textContent,
      for: (document.activeElement as HTMLElement | null)?.dataset.evidenceFor,
    }));
    expect(focused.tag).toBe('MARK');
    expect(focused.for).toContain('sleep');
    expect(focused.text).toContain('sleep (PSQI) improved');
    expect(await page.locator('mark.evidence.evidence-active').count()).toBeGreaterThan(0);
    await screenshot(page, 'study-detail');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('copies an APA reference to the clipboard with a visible confirmation', async () => {
    const { page, errors, context } = await stack.newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(`${stack.web.url}/studies/${EMDR_TEEN}`);
    await page.waitForLoadState('networkidle');
    await page.getByTestId('cite-apa').click();
    await expect.poll(() => page.getByTestId('cite-status-apa').innerText(), { timeout: 15_000 }).toContain('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('EMDR in adolescents with PTSD');
    expect(copied).toMatch(/\(2025\)/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('exports the current filter as RIS and a selection that survives paging', async () => {
    const { page, errors, context } = await stack.newPage();
    await page.goto(`${stack.web.url}/studies?topic=emdr`);
    await page.waitForLoadState('networkidle');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ris').click()]);
    const ris = readFileSync((await download.path())!, 'utf8');
    const records = ris.split(/^ER {2}-/m).filter((r) => r.includes('TY  -'));
    const emdr = FIXTURE_STUDIES.filter((s) => s.topics.includes('emdr'));
    expect(records).toHaveLength(emdr.length);
    for (const s of emdr) expect(ris).toContain(s.title.replace(/^\[Fixture\] /, '').slice(0, 30));

    // Select one study here, one on another page; the panel keeps both.
    await page.locator(`li[data-pmid="${EMDR_TEEN}"] .study__select`).check();
    await page.goto(`${stack.web.url}/studies?topic=tvns`);
    await page.waitForLoadState('networkidle');
    const other = (await pmidsOn(page))[0]!;
    await page.locator(`li[data-pmid="${other}"] .study__select`).check();
    expect(await page.getByTestId('selection-panel').innerText()).toContain('Selected (2)');
    const [selected] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-selected-ris').click()]);
    const selectedRis = readFileSync((await selected.path())!, 'utf8');
    expect(selectedRis.match(/^TY {2}-/gm)).toHaveLength(2);
    // The selection as a Vancouver reference list to paste (issue #15): text, numbered, two entries.
    const [vancouver] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-selected-vancouver').click()]);
    const list = readFileSync((await vancouver.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(list).toHaveLength(2);
    expect(list[0]).toMatch(/^1\. /);
    expect(list[1]).toMatch(/^2\. .*PMID: \d+\.$/);
    expect(list.join('\n')).not.toContain('<div');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the filter as APA text and as an Atom feed on the dashboard’s origin (issue #15)', async () => {
    const { page, errors, context } = await stack.newPage();
    await page.goto(`${stack.web.url}/studies?topic=emdr`);
    await page.waitForLoadState('networkidle');
    const emdr = FIXTURE_STUDIES.filter((s) => s.topics.includes('emdr'));
    const [apa] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-apa').click()]);
    expect(
      readFileSync((await apa.path())!, 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(emdr.length);
    const feedHref = await page.getByTestId('feed-link').getAttribute('href');
    expect(feedHref).toBe('/studies/feed.atom?topic=emdr');
    expect(await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe(feedHref);
    const feed = await fetch(`${stack.web.url}${feedHref}`);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    const entries = (await feed.text()).match(/<entry>/g) ?? [];
    expect(entries).toHaveLength(emdr.length);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a curator signs in, removes an outcome, and the decision survives re-ingestion', async () => {
    const { page, errors, context } = await stack.newPage();
    await page.goto(`${stack.web.url}/studies/${EMDR_TEEN}`);
    expect(await page.getByTestId('curation').count()).toBe(0);
    await page.goto(`${stack.web.url}/signin?redirect=/studies/${EMDR_TEEN}`);
    await page.waitForLoadState('networkidle');
    await page.locator('#token').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#signin-error').count()).toBe(1);
    expect(await page.locator('#signin-error').innerText()).toContain('not valid');
    // The refused attempt is answered 401, which chromium reports on the console; that one entry is
    // expected, anything else is an error.
    await expect.poll(() => errors.length).toBeGreaterThan(0);
    expect(errors.splice(0)).toEqual([
      expect.stringMatching(
        /^Failed to load resource: the server responded with a status of 401 \(Unauthorized\) \(http:\/\/127\.0\.0\.1:\d+\/signin/,
      ),
    ]);
    await page.locator('#token').fill('fixture-editor-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === `/studies/${EMDR_TEEN}`);
    await page.waitForLoadState('networkidle');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'curator_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.value).not.toContain('fixture-editor-token');
    expect(await page.content()).not.toContain('fixture-editor-token');

    await page
      .getByTestId('curate-outcome-sleep')
      .getByRole('button', { name: /Remove/ })
      .click();
    await expect.poll(() => page.locator('[data-testid="outcome-chips"] [data-outcome="sleep"]').count()).toBe(0);
    expect(await page.getByTestId('curate-outcome-sleep').innerText()).toContain('removed (anna)');

    // Re-ingestion the way production does it: the real ingestion command, in its own process, against
    // the fixture E-utilities server, where the study has been revised today (so every topic's window
    // finds it again, the store rewrites it and the rules re-run).
    const revised = FIXTURE_STUDIES.map((s) => (s.pmid === Number(EMDR_TEEN) ? { ...s, modifiedDate: TODAY } : s));
    const fixtures = await startFixtureServer({ studies: revised });
    try {
      const summary = await ingestFromFixtures(stack.db.path, fixtures.url);
      expect(summary.topics.length).toBeGreaterThan(0);
      expect(summary.topics.every((t) => t.status === 'succeeded')).toBe(true);
      // The EMDR topic's run fetched the revised study again and rewrote it (stored already, so not new).
      const emdr = summary.topics.find((t) => t.topic === 'emdr')!;
      expect(emdr.found).toBeGreaterThan(0);
      expect(emdr.updated).toBeGreaterThan(0);
      console.log(
        '[curator test] re-ingestion:',
        JSON.stringify(
          summary.topics.map(({ topic, found, new: n, updated, unchanged }) => ({ topic, found, new: n, updated, unchanged })),
        ),
      );
    } finally {
      await fixtures.close();
    }
    await page.reload();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('[data-testid="outcome-chips"] [data-outcome="ptsd"]').count()).toBe(1);
    expect(await page.locator('[data-testid="outcome-chips"] [data-outcome="sleep"]').count()).toBe(0);
    const automatic = await page.getByTestId('curate-outcome-sleep').locator('td').first().innerText();
    expect(automatic).toBe('Yes'); // the rules still say sleep; the curator's decision wins
    expect(await page.getByTestId('curate-outcome-sleep').innerText()).toContain('removed (anna)');

    await page.locator('#note-body').fill('Sleep was a secondary outcome only.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => page.getByTestId('notes').innerText()).toContain('Sleep was a secondary outcome only.');
    await screenshot(page, 'study-curation');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches to Dutch (and follows Accept-Language) with Dutch dates', async () => {
    const { page, errors, context } = await stack.newPage();
    await page.goto(`${stack.web.url}/`);
    expect(await page.locator('h1').innerText()).toBe('Overview');
    await page.getByTestId('lang-nl').click();
    await page.waitForLoadState('networkidle');
    expect(await page.locator('h1').innerText()).toBe('Overzicht');
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).innerText()).toContain('Onderwerpen');
    // The last run is whichever ingestion ran last (the curator test re-ingests at the wall clock), so
    // the expected text comes from that run's stored end, formatted as the dashboard does (UTC).
    const lastRun = stack.db.sqlite
      .prepare('SELECT coalesce(ended_at, started_at) AS at FROM ingestion_runs ORDER BY id DESC LIMIT 1')
      .get() as { at: string };
    const dutchDate = new Intl.DateTimeFormat('nl', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
      new Date(lastRun.at),
    );
    expect(dutchDate).toMatch(/^\d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)\.? \d{4}/);
    expect(await page.getByTestId('last-run').innerText()).toContain(dutchDate);
    await page.goto(`${stack.web.url}/studies`);
    expect(await page.getByTestId('total').innerText()).toContain('studies');
    expect(await page.locator('.filters legend').first().innerText()).toBe('Onderwerp');
    await screenshot(page, 'studies-nl', { fullPage: false });
    await context.close();

    const dutch = await stack.newPage({ locale: 'nl-NL' });
    await dutch.page.goto(`${stack.web.url}/runs`);
    expect(await dutch.page.locator('h1').innerText()).toBe('Ophaalrondes');
    // Vocabulary and topics in Dutch too (issue #15): the facet labels, and topics.json's label_nl / description_nl.
    await dutch.page.goto(`${stack.web.url}/studies`);
    const facets = await dutch.page.locator('form#filters').innerText();
    for (const label of ['Hartslagvariabiliteit', 'Angst', 'Gerandomiseerde gecontroleerde studie', 'Transcutane vagusnervusstimulatie']) {
      expect(facets).toContain(label);
    }
    for (const english of ['Heart-rate variability', 'Randomised controlled trial', 'Transcutaneous vagus nerve stimulation']) {
      expect(facets).not.toContain(english);
    }
    await dutch.page.goto(`${stack.web.url}/topics`);
    const topics = await dutch.page.getByTestId('topics').innerText();
    expect(topics).toContain('Transcutane vagusnervusstimulatie');
    expect(topics).toContain('Langdurige klachten na een infectie met SARS-CoV-2');
    await dutch.context.close();
    expect(errors).toEqual([]);
  });

  it('keeps the XSS probe title inert in the list, search and study page (security)', async () => {
    const { page, dialogs, errors, context } = await stack.newPage();
    for (const path of [`/studies?topic=eft`, `/studies?q=tapping`, `/studies/${XSS_PMID}`]) {
      await page.goto(`${stack.web.url}${path}`);
      await page.waitForLoadState('networkidle');
      expect(await page.locator('main').innerText()).toContain('<script>alert(1)</script>');
      expect(await page.locator('main script').count()).toBe(0);
    }
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no serious or critical axe violations on the main pages', async () => {
    const { page, context } = await stack.newPage();
    for (const [name, path] of [
      ['overview', '/'],
      ['studies', '/studies?q=vagus'],
      ['study', `/studies/${EMDR_TEEN}`],
      ['runs', '/runs'],
      ['topics', '/topics'],
      ['signin', '/signin'],
    ] as const) {
      await page.goto(`${stack.web.url}${path}`);
      await page.waitForLoadState('networkidle');
      expect({ name, violations: await axeViolations(page) }).toEqual({ name, violations: [] });
      // The fixture corpus is demo data: every page says so (issue #15).
      expect(await page.getByTestId('demo-banner').textContent(), name).toContain('Demo data.');
      if (name === 'runs' || name === 'topics') await screenshot(page, name);
    }
    await page.goto(`${stack.web.url}/claims`);
    expect(await page.getByTestId('demo-banner').isVisible()).toBe(true);
    await context.close();
  });

  it('evidence map on a phone (390 × 844): a scroll hint, and the topic names stay in view while it scrolls (issue #15)', async () => {
    const { page, errors, context } = await stack.newPage({ width: 390, height: 844 });
    await page.goto(`${stack.web.url}/`);
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('map-scroll-hint').isVisible()).toBe(true);
    const wrap = page.locator('.heatmap-wrap');
    expect(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const rowHeader = page.locator('.heatmap tbody th').first();
    const before = (await rowHeader.boundingBox())!;
    await wrap.evaluate((el) => {
      el.scrollLeft = el.scrollWidth;
    });
    const after = (await rowHeader.boundingBox())!;
    // Still at the left edge of the map (it would have scrolled hundreds of pixels out of view).
    const box = (await wrap.boundingBox())!;
    expect(after.x).toBeGreaterThanOrEqual(box.x - 0.5);
    expect(after.x).toBeLessThanOrEqual(before.x + 0.5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'phone-map-scrolled', { fullPage: false });
    // On a wide screen the whole map fits and there is nothing to hint at.
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await page.getByTestId('map-scroll-hint').isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works at phone width (375 px) without horizontal scrolling', async () => {
    const { page, errors, context } = await stack.newPage({ width: 375, height: 812 });
    for (const [name, path] of [
      ['phone-overview', '/'],
      ['phone-studies', '/studies'],
      ['phone-study', `/studies/${EMDR_TEEN}`],
    ] as const) {
      await page.goto(`${stack.web.url}${path}`);
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await screenshot(page, name, { fullPage: false });
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});

// Claim pages that scale (issue #15 item 5) and the claim meter on the claims list (issue #14
// leftover), over a synthetic claim with 260 matching studies: evidence grouped by level with
// "show more" (a real link, keyboard-operable), pins numbered and reorderable in the writer's order,
// and APA/Vancouver text of the pins, of the whole matching set and of one level.
import { readFileSync } from 'node:fs';
import { insertStudy } from '@evidence/schema/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, screenshot, startStack, stopStack, type Stack } from './harness.ts';
import { signIn } from './pages.ts';

const TOKEN = 'anna:claims-scale-token';
const STATEMENT = 'taVNS verhoogt de hartslagvariabiliteit.';
const TRANSLATION = 'taVNS increases heart rate variability.';

/** The synthetic corpus: 20 reviews, 120 RCTs, 120 other studies, all on tvns × hrv (PMIDs from 90000001). */
const LEVELS = [
  { key: 'reviews', rank: 1, design: 'meta_analysis', count: 20 },
  { key: 'rcts', rank: 2, design: 'rct', count: 120 },
  { key: 'other', rank: 3, design: 'observational', count: 120 },
] as const;
const TOTAL = LEVELS.reduce((n, l) => n + l.count, 0);
const studiesOf = (key: (typeof LEVELS)[number]['key']) => {
  let first = 90_000_001;
  for (const level of LEVELS) {
    if (level.key === key) return Array.from({ length: level.count }, (_, i) => first + i);
    first += level.count;
  }
  return [];
};
/** Every third study found no difference, the rest an improvement. */
const directionOf = (pmid: number) => (pmid % 3 === 0 ? 'no_difference' : 'improved');

let stack: Stack;
let claimId: number;

function seed(db: Stack['db']) {
  for (const level of LEVELS) {
    for (const pmid of studiesOf(level.key)) {
      insertStudy(db, { pmid, topics: ['tvns'], title: `[Fixture] Claim-scale ${level.key} study ${pmid}`, pubYear: 2000 + (pmid % 25) });
    }
    db.sqlite
      // The first study of each level is its largest, so it ranks first (and is on the page).
      .prepare(`UPDATE studies SET design = ?, sample_size = 1000 - (pmid - 90000000) WHERE pmid BETWEEN ? AND ?`)
      .run(level.design, studiesOf(level.key)[0], studiesOf(level.key).at(-1));
  }
  const now = '2026-01-01T00:00:00.000Z';
  db.sqlite
    .prepare(`INSERT INTO study_tags (pmid, kind, value, source, created_at) SELECT pmid, 'outcome', 'hrv', 'rule', ? FROM studies`)
    .run(now);
  const finding =
    db.sqlite.prepare(`INSERT INTO study_findings (pmid, outcome, source, direction, comparison, evidence_field, evidence_sentence, created_at)
    VALUES (?, 'hrv', 'rule', ?, 'vs_control', 'abstract', ?, ?)`);
  for (let pmid = 90_000_001; pmid < 90_000_001 + TOTAL; pmid++)
    finding.run(pmid, directionOf(pmid), `Synthetic finding of fixture ${pmid}.`, now);
  claimId = Number(
    db.sqlite
      .prepare(`INSERT INTO claims (statement, language, translations, topics, outcomes, keywords, owner, status, created_at, updated_at, updated_by)
        VALUES (?, 'nl', ?, '["tvns"]', '["hrv"]', '[]', 'anna', 'published', ?, ?, 'anna')`)
      .run(STATEMENT, JSON.stringify([{ language: 'en', statement: TRANSLATION }]), now, now).lastInsertRowid,
  );
}

beforeAll(async () => {
  stack = await startStack({ seed, editorToken: TOKEN });
});
afterAll(async () => {
  await stopStack(stack);
});

async function open(page: Page, path: string) {
  await page.goto(`${stack.web.url}${path}`);
  await page.waitForLoadState('networkidle');
}
const shownIn = (page: Page, rank: number) =>
  page.locator(`[data-testid="level-${rank}"] > li`).evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-pmid'))));
const pinApi = (pmid: number) =>
  fetch(`${stack.api.url}/api/claims/${claimId}/pins/${pmid}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${TOKEN.split(':')[1]}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ stance: 'supporting' }),
  });
const downloaded = async (page: Page, testId: string) => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, 'utf8') };
};

describe('a claim with 260 matching studies', () => {
  it('stays a page of sensible height: each level shows its first 10, and every study is reachable through "show more"', async () => {
    const { page, errors, context } = await stack.newPage({ width: 1100, height: 900 });
    await open(page, `/claims/${claimId}`);
    for (const level of LEVELS) {
      expect(await shownIn(page, level.rank)).toHaveLength(10);
      expect(await page.locator(`#level-${level.rank}`).innerText()).toContain(`(${level.count})`);
      expect(await page.getByTestId(`more-${level.key}`).innerText()).toContain(`Showing 10 of ${level.count}`);
    }
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(12_000); // the unpaged page was ~42,000 px for 200 studies
    await screenshot(page, 'claims-scale-first-page', { fullPage: false });

    // Keyboard: Enter on "show more" adds 25 RCTs in place and moves focus to the first new one.
    const more = page.getByTestId('more-rcts').getByRole('link');
    await more.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => shownIn(page, 2).then((p) => p.length)).toBe(35);
    const rcts = await shownIn(page, 2);
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.getAttribute('data-pmid'))).toBe(String(rcts[10]));
    expect(new URL(page.url()).searchParams.get('show_rcts')).toBe('35');
    // ...and on to the end: every RCT is reachable, each once, in the same ranking as before.
    while ((await page.getByTestId('more-rcts').count()) > 0) {
      const before = (await shownIn(page, 2)).length;
      await page.getByTestId('more-rcts').getByRole('link').click();
      await expect.poll(() => shownIn(page, 2).then((p) => p.length)).toBeGreaterThan(before);
    }
    const all = await shownIn(page, 2);
    expect([...all].sort()).toEqual(studiesOf('rcts'));
    expect(all.slice(0, 35)).toEqual(rcts);
    expect(await shownIn(page, 1)).toHaveLength(10); // other levels keep their size
    expect(errors).toEqual([]);
    await context.close();
  });

  it('"show more" is a real link: without JavaScript it loads the longer list and points at the first new study', async () => {
    const context = await stack.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
    const page = await context.newPage();
    await open(page, `/claims/${claimId}`);
    const href = await page.getByTestId('more-other').getByRole('link').getAttribute('href');
    expect(href).toBe('?show_other=35#other-11');
    await page.getByTestId('more-other').getByRole('link').click();
    await page.waitForURL((u) => u.searchParams.get('show_other') === '35');
    expect(await shownIn(page, 3)).toHaveLength(35);
    expect(await page.locator('#other-11').count()).toBe(1);
    expect(await shownIn(page, 2)).toHaveLength(10);
    await context.close();
  });

  it('numbers the references in pin order, and a curator reorders them with the keyboard (focus stays on the moved pin)', async () => {
    // Pinned first: the top "other" study; second: the top RCT. The old list sorted pins by level, so the RCT came first.
    const [first, second] = [studiesOf('other')[0]!, studiesOf('rcts')[0]!];
    expect((await pinApi(first)).status).toBe(200);
    expect((await pinApi(second)).status).toBe(200);
    const curator = await stack.newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    const { page } = curator;
    await signIn(stack, curator.page, TOKEN, `/claims/${claimId}`);
    const order = () =>
      page
        .locator('[data-testid="reference-list"] > li')
        .evaluateAll((items) =>
          items.map((li) => [li.getAttribute('data-ref'), li.querySelector('[data-testid="ref-number"]')?.textContent]),
        );
    // The download numbers them in pin order (before: by level, the RCT as 1.), under a heading in the claim's language.
    const lines = (await downloaded(page, 'refs-vancouver')).text.trim().split('\n').filter(Boolean);
    expect(lines.filter((l) => /^\d+\. /.test(l)).map((l) => Number(/study (\d+)/.exec(l)?.[1]))).toEqual([first, second]);
    expect(lines[0]).toBe(`Referenties bij de claim “${STATEMENT}”`);
    expect(lines[1]).toMatch(/^1\. /);
    // So does the page's reference list.
    expect(await order()).toEqual([
      [String(first), '[1]'],
      [String(second), '[2]'],
    ]);

    // The move-up button is labelled, reached by keyboard, and pressing it keeps focus on the moved pin.
    const up = page.getByRole('button', { name: 'Move reference [2] up', exact: true });
    await up.focus();
    await page.keyboard.press('Enter');
    await expect.poll(order).toEqual([
      [String(second), '[1]'],
      [String(first), '[2]'],
    ]);
    const focused = await page.evaluate(() => ({
      pmid: document.activeElement?.closest('li')?.getAttribute('data-ref'),
      id: document.activeElement?.id,
    }));
    expect(focused).toEqual({ pmid: String(second), id: `move-down-${second}` }); // "up" is disabled at the top
    await page.keyboard.press('Enter'); // and down again, still on the same pin
    await expect.poll(order).toEqual([
      [String(first), '[1]'],
      [String(second), '[2]'],
    ]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`move-up-${second}`);
    await page.keyboard.press('Enter');
    await expect.poll(order).toEqual([
      [String(second), '[1]'],
      [String(first), '[2]'],
    ]);

    // Persisted: a fresh load, the download, the study's badge and the copied card all use the new numbers.
    await open(page, `/claims/${claimId}`);
    expect((await order()).map(([pmid]) => pmid)).toEqual([String(second), String(first)]);
    expect(await page.getByTestId(`pin-number-${first}`).innerText()).toBe('[2]');
    const reordered = (await downloaded(page, 'refs-vancouver')).text.trim().split('\n').filter(Boolean);
    expect(reordered[1]).toMatch(new RegExp(`^1\\. .*study ${second}`));
    expect(reordered[2]).toMatch(new RegExp(`^2\\. .*study ${first}`));
    await page.getByTestId(`copy-card-vancouver-${first}`).click();
    await expect.poll(() => page.getByTestId(`card-status-${first}`).innerText()).toContain('Card copied');
    expect((await page.evaluate(() => navigator.clipboard.readText())).split('\n').at(-1)).toMatch(new RegExp(`^\\[2\\] .*study ${first}`));
    expect({ violations: await axeViolations(page) }).toEqual({ violations: [] });
    await screenshot(page, 'claims-scale-references');
    expect(curator.errors).toEqual([]);
    await curator.context.close();
  });

  it('exports the whole matching set and one level as APA and Vancouver text, with a heading in the claim’s language', async () => {
    const { page, errors, context } = await stack.newPage();
    await open(page, `/claims/${claimId}`);
    const apa = await downloaded(page, 'matching-apa');
    expect(apa.name).toBe(`claim-${claimId}-matching.apa.txt`);
    const [heading, ...entries] = apa.text.trim().split('\n').filter(Boolean);
    expect(heading).toBe(`Alle ${TOTAL} passende onderzoeken bij de claim “${STATEMENT}”`);
    expect(entries).toHaveLength(TOTAL);
    expect(entries.every((e) => /\(\d{4}\)/.test(e))).toBe(true);

    const rcts = await downloaded(page, 'export-rcts-vancouver');
    const [rctHeading, ...rctEntries] = rcts.text.trim().split('\n').filter(Boolean);
    expect(rctHeading).toBe(`Gerandomiseerde gecontroleerde onderzoeken (RCT’s) bij de claim “${STATEMENT}” (120)`);
    expect(rctEntries.map((e) => Number(/^(\d+)\. /.exec(e)?.[1]))).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(rctEntries.every((e) => / rcts study \d+/.test(e))).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the claims list shows each claim’s meter: the plain line and the split bar, in the claim’s language', async () => {
    const rcts = studiesOf('rcts');
    const improved = rcts.filter((p) => directionOf(p) === 'improved').length;
    const noDifference = rcts.length - improved;
    const { page, errors, context } = await stack.newPage();
    await open(page, '/claims');
    const card = page.locator(`[data-claim-id="${claimId}"]`);
    expect(await card.getByTestId('meter-line').innerText()).toBe(
      `${improved} of ${rcts.length} randomised trials found an improvement; ${noDifference} no difference.`,
    );
    const bar = await card
      .locator('[data-testid="meter-bar"] [data-direction]')
      .evaluateAll((parts) => parts.map((p) => [p.getAttribute('data-direction'), Number(p.getAttribute('data-count'))]));
    expect(bar).toEqual([
      ['improved', improved],
      ['no_difference', noDifference],
    ]);
    // Every claim on the list has its meter (the starter claims have no stored findings here).
    expect(await page.getByTestId('meter-summary').count()).toBe(await page.locator('[data-testid="claim-list"] > li').count());
    expect({ violations: await axeViolations(page) }).toEqual({ violations: [] });
    await screenshot(page, 'claims-list-meter');
    expect(errors).toEqual([]);
    await context.close();

    const nl = await stack.newPage({ locale: 'nl-NL', width: 390, height: 844 });
    await open(nl.page, '/claims');
    expect(await nl.page.locator(`[data-claim-id="${claimId}"]`).getByTestId('meter-line').innerText()).toMatch(
      new RegExp(`^${improved} van de ${rcts.length} gerandomiseerde studies vonden een verbetering; ${noDifference} geen verschil\\.$`),
    );
    expect(await nl.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await open(nl.page, `/claims/${claimId}`);
    expect(await nl.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await nl.page.getByTestId('more-rcts').innerText()).toContain('Toon er 25 meer');
    expect(nl.errors).toEqual([]);
    await nl.context.close();
  });
});

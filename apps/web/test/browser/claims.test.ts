// Claims end to end in a real browser: the real ingestion command fills the database from the
// fixture E-utilities server, a curator creates a claim and pins a study, and later fixture updates
// (a retraction, new matching studies, a newer meta-analysis) arrive the same way and show up as
// badges. Citation cards, reference downloads, Dutch, axe and phone width are checked on the way.
import { startFixtureServer, type FixtureServer } from '@evidence/eutils-fixtures';
import { HRV_TRIAL_PMID, ingestFromFixtures, newerHrvMetaAnalysis, newHrvTrials, withHrvTrialRetracted } from '@evidence/test-corpus';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, screenshot, startStack, stopStack, type Stack, type TrackedPage } from './harness.ts';

const TOKEN = 'anna:claims-editor-token';
const PINNED = String(HRV_TRIAL_PMID);
const STATEMENT = 'taVNS verhoogt de hartslagvariabiliteit.';

let fixtures: FixtureServer;
let stack: Stack;
let curator: TrackedPage;
let claimId: number;

async function ingest(db = stack.db) {
  const summary = await ingestFromFixtures(db.path, fixtures.url);
  expect(summary.topics.every((t) => t.status === 'succeeded')).toBe(true);
}

const card = (page: Page, id: number) => page.locator(`[data-claim-id="${id}"]`);
async function open(page: Page, path: string) {
  await page.goto(`${stack.web.url}${path}`);
  await page.waitForLoadState('networkidle');
}

beforeAll(async () => {
  fixtures = await startFixtureServer();
  stack = await startStack({ seed: ingest, editorToken: TOKEN });
  curator = await stack.newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
});

afterAll(async () => {
  await stopStack(stack);
  await fixtures?.close();
});

describe('claims in the dashboard (happy)', () => {
  it('lists the four starter claims with their evidence, in English and in Dutch', async () => {
    const { page, errors, context } = await stack.newPage();
    await open(page, '/claims');
    expect(await page.locator('[data-testid="claim-list"] > li').count()).toBe(4);
    expect(await page.locator('main').innerText()).toContain(
      'Non-invasive vagus nerve stimulation can improve mood, gut function and inflammation.',
    );
    for (const summary of await page.getByTestId('claim-summary').allInnerTexts()) {
      expect(summary).toMatch(/\d+ (meta-analys|systematic|RCT|other)/);
    }
    expect(await page.getByRole('link', { name: 'Claims', exact: true }).getAttribute('aria-current')).toBe('page');
    expect({ violations: await axeViolations(page) }).toEqual({ violations: [] });
    await screenshot(page, 'claims-list');
    expect(errors).toEqual([]);
    await context.close();

    const nl = await stack.newPage({ locale: 'nl-NL' });
    await open(nl.page, '/claims');
    const body = await nl.page.locator('main').innerText();
    expect(body).toContain('Niet-invasieve stimulatie van de nervus vagus kan de stemming, de darmfunctie en ontstekingen verbeteren.');
    const summaries = (await nl.page.getByTestId('claim-summary').allInnerTexts()).join('\n');
    expect(summaries).toMatch(/RCT’s|andere stud|meta-analyse|systematische review/);
    expect(summaries).not.toMatch(/other stud|newest/);
    expect(summaries).toMatch(/nieuwste \d{4}-\d{2}/);
    await screenshot(nl.page, 'claims-list-nl');
    expect(nl.errors).toEqual([]);
    await nl.context.close();
  });

  it('a curator signs in, creates a claim (tvns × hrv) through the form and sees its ranked studies', async () => {
    const { page } = curator;
    await open(page, '/claims');
    expect(await page.getByTestId('new-claim').count()).toBe(0);
    await open(page, '/signin?redirect=/claims');
    await page.locator('#token').fill('claims-editor-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/claims');
    await page.waitForLoadState('networkidle');

    const form = page.getByTestId('new-claim');
    await form.getByLabel('Statement', { exact: true }).fill(STATEMENT);
    await form.getByLabel('Translation (optional)').fill('taVNS increases heart rate variability.');
    await form.locator('input[name="topic"][value="tvns"]').check();
    await form.locator('input[name="outcome"][value="hrv"]').check();
    await form.getByLabel('Status', { exact: true }).selectOption('published');
    await form.getByRole('button', { name: 'Create claim' }).click();
    await page.waitForURL(/\/claims\/\d+$/);
    await page.waitForLoadState('networkidle');
    claimId = Number(new URL(page.url()).pathname.split('/').pop());

    // English UI: the English translation is the heading, the Dutch original below it.
    expect(await page.getByTestId('claim-statement').innerText()).toBe('taVNS increases heart rate variability.');
    expect(await page.locator('main').innerText()).toContain(STATEMENT);
    expect(await page.getByTestId('evidence-summary').innerText()).toMatch(
      /^(\d+ [a-zA-Z -]+(\(n = [\d,]+\))?, )*\d+ [a-zA-Z -]+(\(n = [\d,]+\))?; newest \d{4}-\d{2}$/,
    );
    const pmids = await page.locator('main li.study').evaluateAll((items) => items.map((li) => li.getAttribute('data-pmid')));
    expect(pmids.length).toBeGreaterThan(1);
    expect(pmids).toContain(PINNED);
    const levels = await page.locator('[data-testid^="level-"]').evaluateAll((lists) => lists.map((l) => l.getAttribute('data-testid')));
    expect(levels).toEqual([...levels].sort());
    expect(await page.locator(`li[data-pmid="${PINNED}"] .claim-finding`).count()).toBe(1);
    expect(curator.errors).toEqual([]);
  });

  it('pins a study as supporting and marks the claim reviewed', async () => {
    const { page } = curator;
    const pinForm = page.getByTestId(`pin-form-${PINNED}`);
    await pinForm.getByLabel('Stance').selectOption('supporting');
    await pinForm.getByLabel('Note (optional)').fill('Main trial for the HRV statement.');
    await pinForm.getByRole('button', { name: /^Pin/ }).click();
    await expect.poll(() => page.getByTestId(`pin-${PINNED}`).count()).toBe(1);
    expect(await page.getByTestId(`pin-${PINNED}`).innerText()).toBe('Pinned: supporting');
    expect(await page.locator(`li[data-pmid="${PINNED}"]`).innerText()).toContain('Main trial for the HRV statement.');
    expect(await page.getByTestId('refs-vancouver').count()).toBe(1);
    await page.getByTestId('mark-reviewed').click();
    await expect.poll(() => page.locator('main').innerText()).toMatch(/last reviewed .* by anna/);
    expect(curator.errors).toEqual([]);
  });

  it('shows the retraction warning on the list and the claim page after an ingested retraction', async () => {
    fixtures.setStudies(withHrvTrialRetracted());
    await ingest();
    const { page } = curator;
    await open(page, '/claims');
    expect(await card(page, claimId).getByTestId('badge-retracted').innerText()).toContain('Pinned study retracted');
    expect(await card(page, claimId).getByTestId('badge-needs-review').count()).toBe(0);
    await open(page, `/claims/${claimId}`);
    const warning = page.getByTestId('warning-retracted');
    expect(await warning.innerText()).toContain(`PMID ${PINNED}`);
    expect(await warning.locator(`a[href="/studies/${PINNED}"]`).count()).toBe(1);
    expect(await page.locator(`li[data-pmid="${PINNED}"] [data-testid="retracted"]`).count()).toBe(1);
    expect(await page.getByTestId(`pin-${PINNED}`).innerText()).toBe('Pinned: supporting'); // pins survive ingestion
  });

  it('shows "needs review" with the count when new matching studies are ingested', async () => {
    fixtures.setStudies([...withHrvTrialRetracted(), ...newHrvTrials()]);
    await ingest();
    const { page } = curator;
    await open(page, '/claims');
    expect(await card(page, claimId).getByTestId('badge-needs-review').innerText()).toBe('Needs review (2 new)');
    await open(page, `/claims/${claimId}`);
    expect(await page.getByTestId('needs-review').innerText()).toContain('2 new matching studies since the last review');
    expect(await page.locator('li[data-pmid="90000101"]').count()).toBe(1);
    await screenshot(page, 'claims-needs-review');
    await page.getByTestId('mark-reviewed').click();
    await expect.poll(() => page.getByTestId('needs-review').count()).toBe(0);
  });

  it('shows "newer review available" when a newer meta-analysis is ingested', async () => {
    fixtures.setStudies([...withHrvTrialRetracted(), ...newHrvTrials(), newerHrvMetaAnalysis()]);
    await ingest();
    const { page } = curator;
    await open(page, '/claims');
    expect(await card(page, claimId).getByTestId('badge-newer-review').count()).toBe(1);
    await open(page, `/claims/${claimId}`);
    const banner = page.getByTestId('newer-review');
    expect(await banner.innerText()).toContain('systematic review and meta-analysis');
    expect(await banner.locator('a[href="/studies/90000103"]').count()).toBe(1);
    // The meta-analysis ranks first, under its own level heading.
    expect(await page.locator('[data-testid="level-1"] li.study').first().getAttribute('data-pmid')).toBe('90000103');
    expect(await page.getByTestId('evidence-summary').innerText()).toMatch(/^1 meta-analysis, /);
    await screenshot(page, 'claims-detail');
  });

  it('copies a citation card that carries the reference and the retraction warning', async () => {
    const { page } = curator;
    await page.getByTestId(`copy-card-vancouver-${PINNED}`).click();
    await expect.poll(() => page.getByTestId(`card-status-${PINNED}`).innerText()).toContain('Card copied');
    expect(await page.getByTestId(`card-retracted-${PINNED}`).innerText()).toContain('retracted');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^RETRACTED/);
    expect(copied).toContain(`10.5555/fixture.${PINNED}`);
    expect(copied.split('\n').length).toBeGreaterThan(2); // warning, finding, facts, reference
    await screenshot(page, 'claims-card-copied', { fullPage: false });
  });

  it('downloads the pinned references as a numbered Vancouver list and as RIS', async () => {
    const { page } = curator;
    // A second pin, contradicting, so the list has two numbered entries.
    const pinForm = page.getByTestId('pin-form-90000103');
    await pinForm.getByLabel('Stance').selectOption('contradicting');
    await pinForm.getByRole('button', { name: /^Pin/ }).click();
    await expect.poll(() => page.getByTestId('pin-90000103').count()).toBe(1);

    const [vancouver] = await Promise.all([page.waitForEvent('download'), page.getByTestId('refs-vancouver').click()]);
    expect(vancouver.suggestedFilename()).toMatch(new RegExp(`^claim-${claimId}-references\\.(vancouver\\.)?txt$`));
    const [heading, ...entries] = readFileSync((await vancouver.path())!, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean);
    expect(heading).toBe(`Referenties bij de claim “${STATEMENT}”`);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatch(/^1\. /);
    expect(entries[1]).toMatch(/^2\. /);
    expect(entries.join('\n')).toContain('[RETRACTED]');

    const [ris] = await Promise.all([page.waitForEvent('download'), page.getByTestId('refs-ris').click()]);
    const records = readFileSync((await ris.path())!, 'utf8');
    expect(records.match(/^TY {2}- /gm)).toHaveLength(2);
    expect(records).toContain('10.5555/fixture.90000103');

    const feed = await fetch(`${stack.web.url}/claims/${claimId}/feed.atom`);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    expect(await feed.text()).toContain('urn:pmid:90000103');
    expect(curator.errors).toEqual([]);
  });

  it('edits the claim through the form', async () => {
    const { page } = curator;
    const form = page.getByTestId('edit-claim');
    await form.getByLabel('Keywords', { exact: true }).fill('RMSSD, HRV');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('Keywords: RMSSD, HRV');
    expect(curator.errors).toEqual([]);
  });

  it('has no serious or critical axe violations on a claim page, reads in Dutch and fits a phone', async () => {
    const { page } = curator;
    await open(page, `/claims/${claimId}`);
    expect({ violations: await axeViolations(page) }).toEqual({ violations: [] });

    const nl = await stack.newPage({ locale: 'nl-NL', width: 375, height: 812 });
    await open(nl.page, `/claims/${claimId}`);
    expect(await nl.page.getByTestId('claim-statement').innerText()).toBe(STATEMENT);
    expect(await nl.page.getByTestId('evidence-summary').innerText()).toMatch(/^1 meta-analyse, .*RCT(’s)?.*; nieuwste 2026-10$/);
    expect(await nl.page.getByTestId('warning-retracted').innerText()).toContain('teruggetrokken');
    expect(await nl.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect({ violations: await axeViolations(nl.page) }).toEqual({ violations: [] });
    await screenshot(nl.page, 'claims-detail-nl-phone', { fullPage: false });
    await open(nl.page, '/claims');
    expect(await nl.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(nl.page, 'claims-list-nl-phone', { fullPage: false });
    expect(nl.errors).toEqual([]);
    await nl.context.close();
  });
});

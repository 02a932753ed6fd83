// Issue #14 items 5 and 6 in the dashboard: what a study found (direction per outcome, icon + words),
// its quality signals with their sentences, and a curator's correction of a direction — in both
// languages, over the fixture corpus tagged by the real rules.
import { seedFixtureCorpus } from '@evidence/test-corpus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, startStack, stopStack, type Stack } from './harness.ts';
import { signIn } from './pages.ts';

const TOKEN = 'anna:findings-editor-token';
const EMDR_TEEN = '90000017'; // outcomes ptsd + sleep, both evidenced in the RESULTS sentence

interface Detail {
  findings: { outcome: string; direction: string; comparison: string | null; evidence: { sentence: string } | null }[];
  quality: Record<string, { value: boolean; evidence: { sentence: string } | null }> & {
    registrations: { id: string; url: string }[];
  };
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ seed: (db) => void seedFixtureCorpus(db), editorToken: TOKEN });
});
afterAll(async () => {
  await stopStack(stack);
});

const detail = async (pmid: string) => (await (await fetch(`${stack.api.url}/api/studies/${pmid}`)).json()) as Detail;

const WORDS_EN: Record<string, string> = {
  improved: '↑ Improved',
  no_difference: '= No difference',
  worsened: '↓ Worsened',
  mixed: '± Mixed',
  not_reported: '? Not reported',
};
const WORDS_NL: Record<string, string> = {
  improved: '↑ Verbeterd',
  no_difference: '= Geen verschil',
  worsened: '↓ Verslechterd',
  mixed: '± Gemengd',
  not_reported: '? Niet gerapporteerd',
};

describe('study page: findings and quality', () => {
  it('each outcome chip shows its finding as icon + words and jumps to the finding sentence', async () => {
    const study = await detail(EMDR_TEEN);
    expect(study.findings.length).toBeGreaterThan(0);
    const { page, errors, context } = await stack.newPage();
    await page.goto(`${stack.web.url}/studies/${EMDR_TEEN}`);
    await page.waitForLoadState('networkidle');
    for (const f of study.findings) {
      const chip = page.locator(`[data-testid="outcome-chips"] [data-outcome="${f.outcome}"]`);
      expect(await chip.locator('[data-direction]').getAttribute('data-direction')).toBe(f.direction);
      expect(await chip.innerText()).toContain(WORDS_EN[f.direction]);
      if (f.comparison === 'vs_control') expect(await chip.innerText()).toContain('vs sham/control');
    }
    const withSentence = study.findings.find((f) => f.evidence)!;
    await page.locator(`[data-testid="outcome-chips"] a[data-outcome="${withSentence.outcome}"]`).click();
    const focused = await page.evaluate(() => ({
      tag: document.activeElement?.tagName,
      text: document.activeElement?.textContent,
      for: (document.activeElement as HTMLElement | null)?.dataset.evidenceFor,
      active: document.activeElement?.classList.contains('evidence-active'),
    }));
    expect(focused.tag).toBe('MARK');
    expect(focused.for).toContain(withSentence.outcome);
    expect(withSentence.evidence!.sentence).toContain(focused.text);
    expect(focused.active).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the quality panel lists each signal with its sentence, in Dutch too', async () => {
    const study = await detail(EMDR_TEEN);
    const { page, errors, context } = await stack.newPage({ locale: 'nl-NL' });
    await page.goto(`${stack.web.url}/studies/${EMDR_TEEN}`);
    await page.waitForLoadState('networkidle');
    const panel = page.getByTestId('quality');
    expect(await panel.locator('h2').innerText()).toBe('Kwaliteit');
    for (const key of ['randomised', 'blinded', 'shamOrPlacebo', 'activeComparator', 'registered']) {
      const row = panel.locator(`[data-signal="${key}"]`);
      expect(await row.getAttribute('data-value')).toBe(String(study.quality[key]!.value));
      expect(await row.locator('dd').innerText()).toContain(study.quality[key]!.value ? 'Ja' : 'Nee');
      const sentence = study.quality[key]!.evidence?.sentence;
      if (sentence) expect(await row.locator('q[data-record]').innerText()).toBe(sentence);
    }
    expect(study.quality.randomised!.value).toBe(true); // the fixture is an RCT: the panel has something to show
    for (const r of study.quality.registrations) {
      expect(await panel.locator(`a[href="${r.url}"]`).count()).toBe(1);
    }
    for (const f of study.findings) {
      const chip = page.locator(`[data-testid="outcome-chips"] [data-outcome="${f.outcome}"]`);
      expect(await chip.innerText()).toContain(WORDS_NL[f.direction]);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a curator corrects a direction; the chip follows, the rules’ direction stays visible, withdrawing restores it', async () => {
    const before = await detail(EMDR_TEEN);
    const target = before.findings[0]!;
    const corrected = target.direction === 'worsened' ? 'mixed' : 'worsened';
    const { page, errors, context } = await stack.newPage();
    await signIn(stack, page, TOKEN, `/studies/${EMDR_TEEN}`);
    const form = page.getByTestId(`curate-finding-${target.outcome}`);
    await form.locator('select').selectOption(corrected);
    await form.getByRole('button', { name: 'Save' }).click();
    const chip = page.locator(`[data-testid="outcome-chips"] [data-outcome="${target.outcome}"] [data-direction]`);
    await expect.poll(() => chip.getAttribute('data-direction')).toBe(corrected);
    expect(await chip.innerText()).toContain(WORDS_EN[corrected]);
    expect((await detail(EMDR_TEEN)).findings.find((f) => f.outcome === target.outcome)!.direction).toBe(corrected);
    expect(await form.innerText()).toContain('curated by anna');
    expect(await form.innerText()).toContain(`rules: ${WORDS_EN[target.direction]!.slice(2)}`);
    await form.getByRole('button', { name: 'Withdraw' }).click();
    await expect.poll(() => chip.getAttribute('data-direction')).toBe(target.direction);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a curator corrects a quality signal with a note; the panel and the API follow, withdrawing restores the rules’ value (issue #14)', async () => {
    const before = await detail(EMDR_TEEN);
    const rules = before.quality.shamOrPlacebo!.value;
    const { page, errors, context } = await stack.newPage();
    await signIn(stack, page, TOKEN, `/studies/${EMDR_TEEN}`);
    const form = page.getByTestId('curate-quality-sham');
    await form.locator('select').selectOption(rules ? 'no' : 'yes');
    await form.getByRole('textbox').fill('the control arm was a waiting list');
    await form.getByRole('button', { name: /^Save/ }).click();
    const row = page.getByTestId('quality').locator('[data-signal="shamOrPlacebo"]');
    await expect.poll(() => row.getAttribute('data-value')).toBe(String(!rules));
    expect(await row.getByTestId('curated-mark').innerText()).toContain('anna');
    const after = (await detail(EMDR_TEEN)).quality.shamOrPlacebo as unknown as { value: boolean; source: string; ruleValue: boolean };
    expect(after).toMatchObject({ value: !rules, source: 'curator', ruleValue: rules });
    expect(await form.innerText()).toContain(`rules: ${rules ? 'Yes' : 'No'}`);
    // The correction is in the change history with the curator's note.
    expect(await page.getByText('the control arm was a waiting list').count()).toBeGreaterThan(0);
    await form.getByRole('button', { name: /^Withdraw/ }).click();
    await expect.poll(() => row.getAttribute('data-value')).toBe(String(rules));
    expect((await detail(EMDR_TEEN)).quality.shamOrPlacebo!.value).toBe(rules);
    expect(errors).toEqual([]);
    await context.close();
  });
});

interface ListPage {
  total: number;
  items: { pmid: string; findings: Record<string, string> }[];
}
const apiList = async (query: string) => (await (await fetch(`${stack.api.url}/api/studies?limit=200&${query}`)).json()) as ListPage;
const pmidsOn = (page: import('playwright-core').Page) =>
  page.locator('[data-testid="study-list"] > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-pmid')));

describe('studies list: direction and quality filters, findings on each card', () => {
  it('"sham-controlled RCTs that found an improvement" is two ticks and a design, with counts from the API', async () => {
    const facets = (await (await fetch(`${stack.api.url}/api/facets`)).json()) as {
      direction: { value: string; count: number }[];
      quality: Record<string, number>;
    };
    const { page, errors, context } = await stack.newPage();
    await page.goto(`${stack.web.url}/studies`);
    await page.waitForLoadState('networkidle');
    const improvedCount = facets.direction.find((d) => d.value === 'improved')!.count;
    expect(improvedCount).toBeGreaterThan(0);
    const improved = page.locator('[data-testid="facet-direction"] label', { has: page.locator('input[value="improved"]') });
    expect(await improved.innerText()).toContain('↑ Improved');
    expect(await improved.locator('.facet-count').innerText()).toBe(String(improvedCount));
    const sham = page.locator('[data-testid="facet-quality"] label', { has: page.locator('input[name="sham"]') });
    expect(await sham.locator('.facet-count').innerText()).toBe(String(facets.quality.shamOrPlacebo));

    await page.locator('[data-testid="facet-quality"] input[name="sham"]').check();
    await page.waitForURL(/sham=true/);
    await page.waitForLoadState('networkidle');
    await page.locator('[data-testid="facet-direction"] input[value="improved"]').check();
    await page.waitForURL(/direction=improved/);
    await page.waitForLoadState('networkidle');
    await page.locator('[data-testid="facet-design"] input[value="rct"]').check();
    await page.waitForURL(/design=rct/);
    const expected = await apiList('sham=true&direction=improved&design=rct');
    expect(expected.total).toBeGreaterThan(0); // the fixtures hold at least one such trial
    await expect.poll(() => pmidsOn(page)).toEqual(expected.items.map((s) => s.pmid));
    const all = await apiList('');
    expect(expected.total).toBeLessThan(all.total); // the ticks narrowed the list
    // Each card shows its findings as outcome + icon + words.
    for (const s of expected.items) {
      for (const [outcome, direction] of Object.entries(s.findings)) {
        const entry = page.locator(`li[data-pmid="${s.pmid}"] [data-testid="card-findings"] li[data-outcome="${outcome}"]`);
        expect(await entry.locator('[data-direction]').getAttribute('data-direction')).toBe(direction);
      }
    }
    expect(await page.locator('[data-testid="card-findings"]').first().innerText()).toContain('↑ Improved');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the filters and the cards read in Dutch', async () => {
    const { page, errors, context } = await stack.newPage({ locale: 'nl-NL' });
    await page.goto(`${stack.web.url}/studies?direction=improved`);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('[data-testid="facet-direction"] legend').innerText()).toBe('Bevinding');
    expect(await page.locator('[data-testid="facet-quality"] legend').innerText()).toBe('Studiekwaliteit');
    expect(await page.locator('[data-testid="facet-quality"]').innerText()).toContain('Sham- of placebogecontroleerd');
    expect(await page.locator('[data-testid="card-findings"]').first().innerText()).toContain('↑ Verbeterd');
    expect(errors).toEqual([]);
    await context.close();
  });
});

interface Matrix {
  cells: { topic: string; outcome: string; total: number; byDirection: Record<string, number> }[];
}
const apiMatrix = async (query = '') => (await (await fetch(`${stack.api.url}/api/matrix?${query}`)).json()) as Matrix;

describe('evidence map: how the findings split', () => {
  it('each cell with findings shows a stacked bar with a text alternative; the map filters by direction and quality', async () => {
    const matrix = await apiMatrix();
    // 'not reported' is no finding to weigh: the bar shows the four directions that are.
    const SPLIT = ['improved', 'no_difference', 'worsened', 'mixed'];
    const withSplit = matrix.cells.filter((c) => SPLIT.some((d) => (c.byDirection[d] ?? 0) > 0));
    expect(withSplit.length).toBeGreaterThan(0);
    const { page, errors, context } = await stack.newPage();
    await page.goto(`${stack.web.url}/`);
    await page.waitForLoadState('networkidle');
    for (const c of withSplit) {
      const bar = page.getByTestId(`split-${c.topic}-${c.outcome}`);
      expect(await bar.getAttribute('aria-hidden')).toBe('true');
      const parts = await bar
        .locator('[data-direction]')
        .evaluateAll((els) => els.map((el) => [el.getAttribute('data-direction'), Number(el.getAttribute('data-count'))]));
      const expected = SPLIT.filter((d) => (c.byDirection[d] ?? 0) > 0).map((d) => [d, c.byDirection[d]]);
      expect(parts).toEqual(expected);
      // Screen readers get the same split as words in the cell's link.
      const hidden = await page.getByTestId(`cell-${c.topic}-${c.outcome}`).locator('.visually-hidden').innerText();
      if (c.byDirection.improved) expect(hidden).toContain(`Improved ${c.byDirection.improved}`);
      if (c.byDirection.no_difference) expect(hidden).toContain(`No difference ${c.byDirection.no_difference}`);
    }
    // Filtering the map: only sham-controlled studies; the cells count what the API counts under that filter.
    await page.locator('[data-testid="map-filter"] a[data-filter="sham=true"]').click();
    await page.waitForURL(/\?sham=true/);
    await page.waitForLoadState('networkidle');
    const sham = await apiMatrix('sham=true');
    expect(sham.cells.length).toBeGreaterThan(0);
    const first = sham.cells[0]!;
    const cell = page.getByTestId(`cell-${first.topic}-${first.outcome}`);
    expect(Number((await cell.innerText()).trim().split(/\s/)[0])).toBe(first.total);
    expect(await cell.getAttribute('href')).toBe(`/studies?topic=${first.topic}&outcome=${first.outcome}&sham=true`);
    expect(await page.getByTestId('map-filter-list').getAttribute('href')).toBe('/studies?sham=true');
    expect(sham.cells.reduce((n, c) => n + c.total, 0)).toBeLessThan(matrix.cells.reduce((n, c) => n + c.total, 0));
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the split reads in Dutch', async () => {
    const cell = (await apiMatrix()).cells.find((c) => (c.byDirection.improved ?? 0) > 0)!;
    const { page, errors, context } = await stack.newPage({ locale: 'nl-NL' });
    await page.goto(`${stack.web.url}/`);
    await page.waitForLoadState('networkidle');
    const hidden = await page.getByTestId(`cell-${cell.topic}-${cell.outcome}`).locator('.visually-hidden').innerText();
    expect(hidden).toContain(`Bevindingen: Verbeterd ${cell.byDirection.improved}`);
    expect(await page.getByTestId('map-filter').innerText()).toContain('Toon in de kaart');
    expect(errors).toEqual([]);
    await context.close();
  });
});

type Split = Record<string, number>;
interface ClaimDetail {
  id: number;
  language: string;
  translations: { language: string }[];
  outcomes: string[];
  meter: Record<'all' | 'reviews' | 'rcts' | 'other' | 'sham' | 'registered', Split> & { warnings: string[] };
  studies: { pmid: string; design: string | null; direction: string | null; retracted: boolean }[];
}
const apiClaim = async (id: number) => (await (await fetch(`${stack.api.url}/api/claims/${id}`)).json()) as ClaimDetail;
const totalOf = (s: Split) => Object.values(s).reduce((a, b) => a + b, 0);

describe('claim meter', () => {
  it('shows how the evidence splits by direction, by level and quality, with a plain line and the direction beside each sentence', async () => {
    const claims = (await (await fetch(`${stack.api.url}/api/claims`)).json()).items as { id: number }[];
    const withRcts = [];
    for (const { id } of claims) {
      const claim = await apiClaim(id);
      if (totalOf(claim.meter.rcts) > 0) withRcts.push(claim);
    }
    expect(withRcts.length).toBeGreaterThan(0);
    const claim = withRcts[0]!;
    const { page, errors, context } = await stack.newPage();
    await page.goto(`${stack.web.url}/claims/${claim.id}`);
    await page.waitForLoadState('networkidle');
    for (const row of ['all', 'reviews', 'rcts', 'other', 'sham', 'registered'] as const) {
      const cells = await page
        .locator(`[data-testid="meter-table"] tr[data-row="${row}"] td`)
        .evaluateAll((tds) => Object.fromEntries(tds.map((td) => [td.getAttribute('data-direction'), Number(td.textContent)])));
      expect(cells, row).toEqual(claim.meter[row]);
    }
    expect(await page.locator('[data-testid="meter-table"] thead').innerText()).toContain('↑ Improved');
    const line = await page.getByTestId('meter-line').innerText();
    expect(line).toContain(`${claim.meter.rcts.improved} of ${totalOf(claim.meter.rcts)} randomised trials found an improvement`);
    if (claim.meter.rcts.no_difference) expect(line).toContain(`; ${claim.meter.rcts.no_difference} no difference`);
    // The direction beside each study's sentence is the one the meter counts.
    for (const s of claim.studies.filter((x) => x.direction)) {
      const badge = page.locator(`li[data-pmid="${s.pmid}"] [data-testid="study-direction"] [data-direction]`);
      expect(await badge.getAttribute('data-direction')).toBe(s.direction);
    }
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the line reads in Dutch for a Dutch claim, and warns when most RCTs point the other way', async () => {
    const claims = (await (await fetch(`${stack.api.url}/api/claims`)).json()).items as { id: number }[];
    let claim: ClaimDetail | undefined;
    for (const { id } of claims) {
      const c = await apiClaim(id);
      if (totalOf(c.meter.rcts) > 0 && (c.language === 'nl' || c.translations.some((t) => t.language === 'nl'))) claim = c;
    }
    expect(claim).toBeDefined();
    const { page, errors, context } = await stack.newPage({ locale: 'nl-NL' });
    await page.goto(`${stack.web.url}/claims/${claim!.id}`);
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('meter-line').getAttribute('lang')).toBe('nl');
    expect(await page.getByTestId('meter-line').innerText()).toContain(
      `${claim!.meter.rcts.improved} van de ${totalOf(claim!.meter.rcts)} gerandomiseerde studies vonden een verbetering`,
    );
    expect(await page.getByTestId('meter-warning-most_rcts_against').count()).toBe(
      claim!.meter.warnings.includes('most_rcts_against') ? 1 : 0,
    );

    // A curator reads every RCT as "no difference": the meter turns and warns.
    const rcts = claim!.studies.filter((s) => s.design === 'rct' && s.direction && s.direction !== 'not_reported' && !s.retracted);
    const auth = { Authorization: 'Bearer findings-editor-token', 'Content-Type': 'application/json' };
    const undo: string[] = [];
    try {
      for (const s of rcts) {
        const detailed = await detail(s.pmid);
        const outcome = claim!.outcomes.find((o) => detailed.findings.some((f) => f.outcome === o && f.direction === s.direction))!;
        const res = await fetch(`${stack.api.url}/api/studies/${s.pmid}/findings/${outcome}`, {
          method: 'PUT',
          headers: auth,
          body: JSON.stringify({ direction: 'no_difference' }),
        });
        expect(res.status).toBeLessThan(300);
        undo.push(`${stack.api.url}/api/studies/${s.pmid}/findings/${outcome}`);
      }
      await page.reload();
      await page.waitForLoadState('networkidle');
      const warning = page.getByTestId('meter-warning-most_rcts_against');
      expect(await warning.innerText()).toContain('De meeste gerandomiseerde studies wijzen de andere kant op');
      expect(await page.getByTestId('meter-line').innerText()).toContain(`0 van de ${totalOf(claim!.meter.rcts)} gerandomiseerde studies`);
    } finally {
      for (const url of undo) await fetch(url, { method: 'DELETE', headers: auth });
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});

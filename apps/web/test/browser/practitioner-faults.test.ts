// Faults practitioners hit on the dashboard (issue #15, items 3 and 4): the overview's "new since"
// cards and run status, the per-year chart, topic labels, run headings with file names, the study
// page a writer cites from (reference details, copy buttons, intervention units, curation history),
// Dutch on the claims and error pages, and the curation table on a phone.
//
// The corpus is the fixture corpus written as three search runs and one failed file import, all
// dated relative to the wall clock so the "since your last visit" cookie works on any date:
//   run A  two days ago               tvns    the first fixtures (an earlier ingestion)
//   run B  one day ago                tvns    ┐ one `pnpm ingest` invocation: B ends, C starts
//   run C  one day ago + 4 min        emdr    ┘ 10 ms later
//   run D  one day ago + 4 h          import  a file that failed
import { FIXTURE_STUDIES } from '@evidence/eutils-fixtures';
import { seedFixtureCorpus } from '@evidence/test-corpus';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, stopStack, type Stack } from './harness.ts';
import { signIn } from './pages.ts';

const TOKEN = 'anna:practitioner-editor-token';
const CITED = '90000001'; // the tVNS heart-rate-variability trial: "30 min daily for 2 weeks", sham control
const LONG_AUTHOR_LIST = '90000002';
const IMPORT_FILE = 'practice-export-2026.xml';
const ORCID = '0000-0002-1825-0097';
/** Moved years back so the per-year chart has years without studies between it and the rest. */
const OLD_YEAR = { pmid: LONG_AUTHOR_LIST, year: 2012 };

const DAY = 86_400_000;
const base = Math.floor((Date.now() - 2 * DAY) / 1000) * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
const startA = base;
const startB = base + DAY;
const endB = startB + 4 * 60_000 - 10;
const startC = startB + 4 * 60_000;
const startD = startB + 4 * 3_600_000;

const earlier = FIXTURE_STUDIES.slice(0, 6);
const batchB = FIXTURE_STUDIES.slice(6, 16);
const batchC = FIXTURE_STUDIES.slice(16);
/** The dashboard's default lists leave the retraction notice out (it is not research). */
const research = (specs: typeof FIXTURE_STUDIES) => specs.filter((f) => !f.publicationTypes.includes('Retraction of Publication'));
const pmids = (specs: typeof FIXTURE_STUDIES) =>
  research(specs)
    .map((f) => String(f.pmid))
    .sort();

let stack: Stack;
const runIds: Record<'A' | 'B' | 'C' | 'D', number> = { A: 0, B: 0, C: 0, D: 0 };

beforeAll(async () => {
  stack = await startStack({
    editorToken: TOKEN,
    seed: (db) => {
      const run = (id: number, topic: string, startedAt: number, endedAt: number) =>
        db.sqlite
          .prepare('UPDATE ingestion_runs SET topic_id = ?, started_at = ?, ended_at = ? WHERE id = ?')
          .run(topic, iso(startedAt), iso(endedAt), id);
      runIds.A = seedFixtureCorpus(db, earlier, iso(startA));
      run(runIds.A, 'tvns', startA, startA + 3 * 60_000);
      runIds.B = seedFixtureCorpus(db, batchB, iso(startB));
      run(runIds.B, 'tvns', startB, endB);
      runIds.C = seedFixtureCorpus(db, batchC, iso(startC));
      run(runIds.C, 'emdr', startC, startC + 60_000);
      runIds.D = Number(
        db.sqlite
          .prepare(`INSERT INTO ingestion_runs (kind, topic_id, query, started_at, ended_at, status, error)
          VALUES ('import', NULL, ?, ?, ?, 'failed', 'not a PubMed XML file')`)
          .run(IMPORT_FILE, iso(startD), iso(startD + 1000)).lastInsertRowid,
      );
      // What a cited record carries beyond the fixtures: an ORCID, a trial registration, a long author list.
      db.sqlite.prepare('UPDATE authors SET orcid = ? WHERE pmid = ? AND position = 0').run(`https://orcid.org/${ORCID}`, Number(CITED));
      const raw = db.sqlite.prepare('SELECT raw_record FROM study_records WHERE pmid = ?').pluck().get(Number(CITED)) as string;
      const banks =
        '<DataBankList CompleteYN="Y"><DataBank><DataBankName>ClinicalTrials.gov</DataBankName><AccessionNumberList>' +
        '<AccessionNumber>NCT90000001</AccessionNumber></AccessionNumberList></DataBank></DataBankList>';
      db.sqlite
        .prepare('UPDATE study_records SET raw_record = ? WHERE pmid = ?')
        .run(raw.replace('</Article>', `${banks}</Article>`), Number(CITED));
      db.sqlite
        .prepare('UPDATE studies SET pub_year = ?, pub_date_sort = ? WHERE pmid = ?')
        .run(OLD_YEAR.year, String(OLD_YEAR.year), Number(OLD_YEAR.pmid));
      for (let position = 2; position < 14; position++) {
        db.sqlite
          .prepare('INSERT INTO authors (pmid, position, last_name, fore_name, initials, affiliations) VALUES (?, ?, ?, ?, ?, ?)')
          .run(Number(LONG_AUTHOR_LIST), position, `Fixture${position}`, 'Author', 'A', JSON.stringify(['Fixture Institute of Examples.']));
      }
    },
  });
});
afterAll(async () => {
  await stopStack(stack);
});

async function open(page: Page, path: string) {
  await page.goto(`${stack.web.url}${path}`);
  await page.waitForLoadState('networkidle');
}
const listedPmids = (page: Page) =>
  page.locator('[data-testid="study-list"] > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-pmid')!).sort());

describe('overview (issue #15 items 1–3)', () => {
  it('counts what the whole last ingestion added and "Show them" lists exactly those studies', async () => {
    const { page, errors, context } = await stack.newPage();
    await open(page, '/');
    const expected = pmids([...batchB, ...batchC]);
    const card = page.getByTestId('new-since-run');
    expect((await card.locator('.stat__value').innerText()).trim()).toBe(String(expected.length));
    await card.getByRole('link').click();
    await page.waitForURL(/added_since=run/);
    await page.goto(`${page.url()}&limit=100`);
    await page.waitForLoadState('networkidle');
    expect(await listedPmids(page)).toEqual(expected);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('counts what is new since the last visit, kept in a cookie, and lists exactly those', async () => {
    const { page, errors, context } = await stack.newPage();
    // The last visit fell between run B and run C.
    await context.addCookies([{ name: 'visit_current', value: iso(startB + 60_000), url: stack.web.url }]);
    await open(page, '/');
    const expected = pmids(batchC);
    const card = page.getByTestId('new-since-visit');
    expect((await card.locator('.stat__value').innerText()).trim()).toBe(String(expected.length));
    await card.getByRole('link').click();
    await page.waitForURL(/added_since=/);
    await page.goto(`${page.url()}&limit=100`);
    await page.waitForLoadState('networkidle');
    expect(await listedPmids(page)).toEqual(expected);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows run status per topic, and a failed file import apart without turning the topics red', async () => {
    const { page, errors, context } = await stack.newPage();
    await open(page, '/');
    const topics = page.getByTestId('topic-runs');
    expect(await topics.locator('li[data-topic="tvns"]').innerText()).toContain('Transcutaneous vagus nerve stimulation: succeeded');
    expect(await topics.locator('li[data-topic="emdr"]').innerText()).toContain('EMDR: succeeded');
    expect(await topics.locator('.status--failed').count()).toBe(0);
    const fileImport = page.getByTestId('last-import');
    expect(await fileImport.innerText()).toContain(IMPORT_FILE);
    expect(await fileImport.locator('.status--failed').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('counts distinct studies per year on a continuous year axis (missing years 0)', async () => {
    const { page, errors, context } = await stack.newPage();
    await open(page, '/');
    await page.locator('section[aria-labelledby="chart-h"] summary').click();
    const rows = await page
      .getByTestId('per-year-table')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim())));
    const years = rows.map((r) => Number(r[0]));
    // Newest first, one row per year from the last back to the first.
    expect(years).toEqual(years.map((_, i) => years[0]! - i));
    const perYear = new Map<string, number>();
    for (const f of research(FIXTURE_STUDIES)) {
      const year = String(f.pmid) === OLD_YEAR.pmid ? String(OLD_YEAR.year) : f.pubDate.slice(0, 4);
      perYear.set(year, (perYear.get(year) ?? 0) + 1);
    }
    for (const row of rows) expect(Number(row[1]), `year ${row[0]}`).toBe(perYear.get(row[0]!) ?? 0);
    expect(years.at(-1)).toBe(OLD_YEAR.year);
    expect(rows.find((r) => r[0] === String(OLD_YEAR.year + 1))?.[1]).toBe('0');
    // Topic memberships overlap (a study in two topics counts in both columns), distinct studies do not.
    const allStudies = rows.reduce((sum, r) => sum + Number(r[1]), 0);
    const memberships = rows.reduce((sum, r) => sum + r.slice(2).reduce((s, c) => s + Number(c), 0), 0);
    expect(allStudies).toBe(research(FIXTURE_STUDIES).length);
    expect(memberships).toBeGreaterThan(allStudies);
    expect(await page.locator('[data-testid="year-chart"] canvas').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('labels instead of ids (items 4 and 6)', () => {
  it('topic chips show labels in the reader’s language', async () => {
    const covid = FIXTURE_STUDIES.find((f) => f.topics.includes('long_covid'))!;
    const en = await stack.newPage();
    await open(en.page, `/studies?topic=long_covid&limit=100`);
    const chip = en.page.locator(`li[data-pmid="${covid.pmid}"] a.chip[data-topic="long_covid"]`);
    expect((await chip.innerText()).trim()).toBe('Long COVID');
    expect(await en.page.getByTestId('study-list').innerText()).not.toContain('long_covid');
    await en.context.close();
    const nl = await stack.newPage({ locale: 'nl-NL' });
    await open(nl.page, `/studies?topic=long_covid&limit=100`);
    expect((await nl.page.locator(`li[data-pmid="${covid.pmid}"] a.chip[data-topic="long_covid"]`).innerText()).trim()).toBe('Long covid');
    expect(nl.errors).toEqual([]);
    await nl.context.close();
  });

  it('run headings name the topic or the imported file, on the Runs page and the run page', async () => {
    const { page, errors, context } = await stack.newPage();
    await open(page, '/runs');
    const heading = (id: number) => page.locator(`#run-${id} [data-testid="run-title"]`).innerText();
    expect(await heading(runIds.B)).toContain('Transcutaneous vagus nerve stimulation');
    expect(await heading(runIds.C)).toContain('EMDR');
    expect(await heading(runIds.D)).toContain(IMPORT_FILE);
    expect(await page.getByTestId('runs').innerText()).not.toMatch(/· (tvns|emdr|import)\b/);
    await page.locator(`#run-${runIds.D} [data-testid="run-title"] a`).click();
    await page.waitForURL(new RegExp(`/runs/${runIds.D}$`));
    expect(await page.getByTestId('run-title').innerText()).toContain(IMPORT_FILE);
    expect(await page.getByTestId('run-query').innerText()).toBe(IMPORT_FILE);
    await open(page, `/runs/${runIds.C}`);
    expect(await page.getByTestId('run-detail').locator('a[href^="/studies/"]').count()).toBe(batchC.length);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the study page a writer cites from (items 5, 7, 9)', () => {
  it('shows the full reference: authors with ORCID and affiliations, source, ids, types, MeSH and links', async () => {
    const { page, errors, context } = await stack.newPage();
    await open(page, `/studies/${CITED}`);
    const spec = FIXTURE_STUDIES.find((f) => String(f.pmid) === CITED)!;
    const authors = page.getByTestId('authors');
    expect(await authors.getByTestId('author').count()).toBe(spec.authors.length);
    expect(await authors.getByTestId('orcid').getAttribute('href')).toBe(`https://orcid.org/${ORCID}`);
    expect(await page.getByTestId('affiliations').innerText()).toContain('Department of Fixture Studies');
    expect(await page.getByTestId('study-source').innerText()).toBe(`volume ${spec.journal.volume}, issue ${spec.journal.issue}`);
    const ids = await page.getByTestId('identifiers').innerText();
    expect(ids).toContain(CITED);
    expect(ids).toContain(spec.doi!);
    expect(await page.getByTestId('publication-types').innerText()).toContain('Randomized Controlled Trial');
    expect(await page.getByTestId('mesh').innerText()).toContain('Vagus Nerve Stimulation');
    const registration = page.getByTestId('trial-registration');
    expect(await registration.getAttribute('href')).toBe('https://clinicaltrials.gov/study/NCT90000001');
    expect(await page.getByTestId('study-links').locator('a[href^="https://pubmed.ncbi.nlm.nih.gov/"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('folds a long author list away', async () => {
    const { page, errors, context } = await stack.newPage();
    await open(page, `/studies/${LONG_AUTHOR_LIST}`);
    const more = page.getByTestId('more-authors');
    expect(await more.getAttribute('open')).toBeNull();
    expect(await page.getByTestId('authors').locator('[data-testid="author"]:visible').count()).toBe(10);
    await more.locator('summary').click();
    expect(await page.getByTestId('authors').locator('[data-testid="author"]:visible').count()).toBe(14);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('copies APA, Vancouver, RIS and BibTeX', async () => {
    const { page, errors, context } = await stack.newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    await open(page, `/studies/${CITED}`);
    const copied: Record<string, string> = {};
    for (const style of ['apa', 'vancouver', 'ris', 'bibtex']) {
      await page.getByTestId(`cite-${style}`).click();
      await expect.poll(() => page.getByTestId(`cite-status-${style}`).innerText(), { timeout: 15_000 }).toContain('Copied');
      copied[style] = await page.evaluate(() => navigator.clipboard.readText());
    }
    expect(copied.apa).toContain('(2023)');
    expect(copied.vancouver).toContain('2023');
    expect(copied.ris).toMatch(/^TY {2}- /);
    expect(copied.ris).toContain(CITED);
    expect(copied.bibtex).toMatch(/^@article\{/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows intervention parameters and control types in words, values with units, in both languages', async () => {
    const en = await stack.newPage();
    await open(en.page, `/studies/${CITED}`);
    const row = (page: Page, parameter: string) => page.locator(`tr[data-parameter="${parameter}"]`).first();
    expect(await row(en.page, 'duration').innerText()).toMatch(/^Treatment duration\t2 weeks\t/);
    expect(await row(en.page, 'frequency').locator('[data-testid="intervention-value"]').innerText()).toBe('25 Hz');
    expect(await row(en.page, 'control_type').innerText()).toMatch(/^Control group\tsham\t/);
    expect(await en.page.locator('section[aria-labelledby="int-h"]').innerText()).not.toMatch(/control_type|_/);
    await en.context.close();
    const nl = await stack.newPage({ locale: 'nl-NL' });
    await open(nl.page, `/studies/${CITED}`);
    expect(await row(nl.page, 'duration').innerText()).toMatch(/^Behandelduur\t2 weken\t/);
    expect(await row(nl.page, 'control_type').innerText()).toMatch(/^Controlegroep\tschijnbehandeling\t/);
    await nl.context.close();
  });

  it('marks curated tags, lists curator changes in the change history, and spaces the curation state', async () => {
    const curator = await stack.newPage();
    const { page } = curator;
    await signIn(stack, curator.page, TOKEN, `/studies/${CITED}`);
    await page.locator('#add-outcome').selectOption('sleep');
    await page.locator('#add-outcome-note').fill('sleep diary');
    await page.locator('#add-outcome ~ button[type="submit"]').click();
    await expect.poll(() => page.locator('[data-testid="outcome-chips"] [data-outcome="sleep"]').count()).toBe(1);
    await page.locator('input[name="reviewed"]').check();
    await page.locator('#inclusion').selectOption('exclude');
    await page.locator('#inclusion ~ button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('curation-state').count()).toBe(1);
    await page.reload();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('curation-state').innerText()).toMatch(/^Reviewed · Excluded · by anna, /);
    const chips = page.getByTestId('outcome-chips');
    expect(
      await chips
        .locator('li', { has: page.locator('[data-outcome="sleep"]') })
        .getByTestId('curated-mark')
        .innerText(),
    ).toBe('curated by anna');
    expect(
      await chips
        .locator('li', { has: page.locator('[data-outcome="hrv"]') })
        .getByTestId('curated-mark')
        .count(),
    ).toBe(0);
    const history = await page.getByTestId('change-history').locator('li[data-kind="curator"]').allInnerTexts();
    expect(history).toHaveLength(2);
    expect(history[0]).toMatch(/curator anna: added outcome Sleep \(sleep diary\)$/);
    expect(history[1]).toMatch(/curator anna: Reviewed · Excluded$/);
    expect(curator.errors).toEqual([]);

    // Item 10: on a phone every action of the curation table is on screen and the page is no wider.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.waitForLoadState('networkidle');
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && !el.closest('.table-scroll'))
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
    );
    expect(wide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const buttons = page.getByTestId('curation-table').locator('button');
    expect(await buttons.count()).toBeGreaterThan(1);
    for (const box of await buttons.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect))) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(390);
    }
    await curator.context.close();
  });
});

describe('Dutch pages (item 8)', () => {
  it('names the starter claims’ owner and the error pages in Dutch', async () => {
    const { page, errors, context } = await stack.newPage({ locale: 'nl-NL' });
    await open(page, '/claims');
    const claims = await page.locator('main').innerText();
    expect(claims).toContain('Eigenaar: de praktijk');
    expect(claims).not.toMatch(/\b(Owner|practice)\b/);
    await open(page, '/claims/1');
    expect(await page.locator('main').innerText()).toContain('Eigenaar: de praktijk');
    expect(errors).toEqual([]);
    await page.goto(`${stack.web.url}/runs/999999`);
    const error = await page.getByTestId('error').innerText();
    expect(error).toContain('Pagina niet gevonden');
    expect(error).toContain('Terug naar de eerste pagina met studies');
    await context.close();
  });
});

// Issue #13: the search box accepts what people type into PubMed. Each row is typed input, the
// exact PMIDs it finds in a small synthetic corpus (fixture records, PMIDs from 90000001), and the
// note the API gives when it did not read the input as written (or the 400 it gives when there is
// nothing to search for, or the search breaks the cost rule).
import { insertStudy, type StudyFactoryInput } from '@evidence/schema/testing';
import { seedFixtureCorpus } from '@evidence/test-corpus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startApi, type RunningApi } from './harness.ts';

const P = 90000000;
const CORPUS: StudyFactoryInput[] = [
  {
    pmid: P + 1,
    title: '[Fixture] COVID-19 and heart rate variability in adults',
    abstract: 'A randomised controlled trial of vagus nerve stimulation after SARS-CoV-2 infection.',
    authors: ['Smolen JS', 'Doe J'],
    doi: '10.1234/fixture.0001',
    pubYear: 2021,
    mesh: ['COVID-19', 'Heart Rate'],
    keywords: ['taVNS'],
    publicationTypes: ['Randomized Controlled Trial'],
  },
  {
    pmid: P + 2,
    title: '[Fixture] Post-COVID fatigue and breathing exercises',
    abstract: 'Patients with long-COVID were stimulated with slow breathing; their behaviour changed.',
    authors: ['Miller AB'],
    doi: '10.5555/FIX-2(22)01',
    pubYear: 2022,
    publicationTypes: ['Clinical Trial'],
  },
  {
    pmid: P + 3,
    title: '[Fixture] IL-6 levels during stimulation',
    abstract: 'A randomized trial measuring IL-6 and tumor necrosis factor in a paediatric cohort.',
    authors: ['Smolen K', 'Novak P'],
    pubYear: 2019,
    mesh: ['Interleukin-6'],
    publicationTypes: ['Randomized Controlled Trial'],
  },
  {
    pmid: P + 4,
    title: '[Fixture] Oesophageal anaemia in centre-based care',
    abstract: 'Haemoglobin was low; tumour growth was observed.',
    authors: ['Brown C'],
    pubYear: 2018,
    publicationTypes: ['Review'],
  },
  {
    pmid: P + 5,
    title: '[Fixture] Esophageal anemia in a pediatric center',
    abstract: 'Hemoglobin and tumor markers; behavior unchanged.',
    authors: ['Garcia M'],
    pubYear: 2023,
    publicationTypes: ['Review'],
  },
  {
    pmid: P + 6,
    title: '[Fixture] Stimulating the vagus nerve for sleep',
    abstract: 'Stimulate nightly to improve sleep quality, measured by near-infrared spectroscopy.',
    authors: ['Doe J'],
    pubYear: 2020,
    keywords: ['sleep'],
  },
  {
    pmid: P + 7,
    title: '[Fixture] EMDR therapy for trauma',
    abstract: 'Eye movement desensitization and reprocessing reduced symptoms.',
    authors: ['Lee SY'],
    pubYear: 2024,
    publicationTypes: ['Meta-Analysis'],
  },
  {
    pmid: P + 8,
    title: '[Fixture] Tapping (EFT) for anxiety',
    abstract: 'Emotional freedom techniques lowered cortisol.',
    authors: ['Smolenski R'],
    pubYear: 2015,
  },
  {
    pmid: P + 9,
    title: '[Fixture] Heart rate and breathing rate variability',
    abstract: 'Words apart: the variability of rate in the heart.',
    authors: ['Ng T'],
    pubYear: 2017,
  },
  { pmid: P + 10, title: '[Fixture] Café résumé naïve study', abstract: 'Diacritics.', authors: ['Ortiz L'], pubYear: 2016 },
  {
    pmid: P + 11,
    title: '[Fixture] Vagal tone in SARS-CoV-1 survivors',
    abstract: 'SARS CoV 1, not 2.',
    authors: ['Ito H'],
    pubYear: 2005,
  },
  {
    pmid: P + 12,
    title: '[Fixture] Randomisation procedures in organisations',
    abstract: 'Organisational behaviour.',
    authors: ['Khan A'],
    pubYear: 2010,
  },
];

const PLAIN = 'searched as plain words';
/** input, expected PMIDs (offsets from 90000000), expected note (null: read as written). */
type Row = [input: string, pmids: number[], note: string | null];
const ROWS: Row[] = [
  // Hyphens, digits, punctuation
  ['COVID-19', [1], null],
  ['covid-19', [1], null],
  ['COVID 19', [1], null],
  ['post-COVID', [2], null],
  ['long-COVID', [2], null],
  ['long COVID', [2], null],
  ['SARS-CoV-2', [1], null],
  ['SARS-CoV-1', [11], null],
  ['IL-6', [3], null],
  ['COVID-19 IL-6', [], null],
  ['heart rate variability', [1, 9], null],
  ['covid and fatigue', [2], null],
  // Quoted phrases
  ['"heart rate variability"', [1], null],
  ['"heart rate"', [1, 9], null],
  ['"COVID-19"', [1], null],
  ['"randomised controlled trial"', [1], null],
  ['"randomized controlled trial"', [1], null],
  // AND / OR / NOT and parentheses
  ['EMDR OR tapping', [7, 8], null],
  ['vagus AND sleep', [6], null],
  ['vagus NOT sleep', [1], null],
  ['(EMDR OR tapping) AND anxiety', [8], null],
  ['stimulation AND (sleep OR fatigue)', [2, 6], null],
  ['COVID-19 OR post-COVID', [1, 2], null],
  // Prefixes (at least 3 characters)
  ['stim*', [1, 2, 3, 6], null],
  ['variab*', [1, 9], null],
  ['breath*', [2, 9], null],
  ['cortis*', [8], null],
  ['"heart rat"*', [1, 9], null],
  // British / American spellings
  ['randomised', [1, 3, 12], null],
  ['randomized', [1, 3, 12], null],
  ['behaviour', [2, 5, 12], null],
  ['behavior', [2, 5, 12], null],
  ['oesophageal', [4, 5], null],
  ['esophageal', [4, 5], null],
  ['anaemia', [4, 5], null],
  ['anemia', [4, 5], null],
  ['paediatric', [3, 5], null],
  ['pediatric', [3, 5], null],
  ['centre', [4, 5], null],
  ['center', [4, 5], null],
  ['haemoglobin', [4, 5], null],
  ['hemoglobin', [4, 5], null],
  ['tumour', [3, 4, 5], null],
  ['tumor', [3, 4, 5], null],
  // Inflections (porter)
  ['stimulate', [1, 2, 3, 6], null],
  ['stimulation', [1, 2, 3, 6], null],
  ['stimulating', [1, 2, 3, 6], null],
  ['stimulated', [1, 2, 3, 6], null],
  // Diacritics
  ['cafe', [10], null],
  ['résumé', [10], null],
  // PMIDs
  ['90000003', [3], null],
  ['90000003[pmid]', [3], null],
  ['90000003[uid]', [3], null],
  ['90000003 90000007', [3, 7], null],
  ['90000003, 90000007', [3, 7], null],
  ['90000003 OR 90000007', [3, 7], null],
  ['99999999', [], null],
  ['90000003[pmid] AND stimulation', [3], null],
  // DOIs
  ['10.1234/fixture.0001', [1], null],
  ['https://doi.org/10.1234/fixture.0001', [1], null],
  ['doi:10.1234/FIXTURE.0001', [1], null],
  ['10.5555/FIX-2(22)01', [2], null],
  ['https://dx.doi.org/10.5555/fix-2(22)01', [2], null],
  ['10.1234/fixture.0001[doi]', [1], null],
  // Authors
  ['Smolen JS', [1], null],
  ['Smolen J', [1], null],
  ['Smolen', [1, 3], null],
  ['Smolen[au]', [1, 3], null],
  ['Smolen JS[au]', [1], null],
  ['smolen js[au]', [1], null],
  ['Smolen K[au]', [3], null],
  ['Doe J', [1, 6], null],
  ['Doe J[au]', [1, 6], null],
  ['Smolenski R', [8], null],
  ['Smolen*', [1, 3, 8], null],
  ['Smolen JS AND stimulation', [1], null],
  // Field tags
  ['vagus[ti]', [6], null],
  ['vagus[tiab]', [1, 6], null],
  ['vagus[ab]', [1], null],
  ['heart rate variability[ti]', [1], null],
  ['COVID-19[mh]', [1], null],
  ['Interleukin-6[mh]', [3], null],
  ['taVNS[ot]', [1], null],
  ['randomized controlled trial[pt]', [1, 3], null],
  ['review[pt]', [4, 5], null],
  ['Meta-Analysis[pt]', [7], null],
  ['behaviour[xx]', [2, 5, 12], 'unknown field tag [xx]: searched in all fields'],
  // [dp]
  ['2020[dp]', [6], null],
  ['2020:2023[dp]', [1, 2, 5, 6], null],
  ['2018/01/01:2019/12/31[dp]', [3, 4], null],
  ['stimulation[tiab] AND 2020:2023[dp]', [1, 2, 6], null],
  ['2023:2020[dp]', [], '2023:2020[dp] is not a year or year range (2020:2023): searched as words'],
  ['covid NOT 2020[dp]', [1, 2], '2020[dp] only combines with AND: searched as words'],
  // Input that is not PubMed syntax: searched as plain words, with a note
  ['"vagus nerve', [1, 6], `unbalanced quote: ${PLAIN}`],
  ['NEAR(', [6], `unbalanced parenthesis: ${PLAIN}`],
  ['tapping)', [8], `unbalanced parenthesis: ${PLAIN}`],
  ['covid AND', [1, 2], `an operator needs a term on each side: ${PLAIN}`],
  ['OR tapping', [8], `OR needs a term on each side: ${PLAIN}`],
  ['NOT sleep', [6], `NOT needs a term on each side: ${PLAIN}`],
  ['EMDR 🙂', [7], 'ignored "🙂": no letters or digits'],
];

/** Input with nothing to search for, or over the cost rule: a 400 naming the problem, and the rule with its values. */
const REFUSED: [input: string, message: RegExp, details: Record<string, string | number>][] = [
  ['((', /^q: nothing to search for/, { rule: 'nothing_to_search' }],
  ['AND', /^q: nothing to search for/, { rule: 'nothing_to_search' }],
  ['AND OR', /^q: nothing to search for/, { rule: 'nothing_to_search' }],
  ['*', /^q: nothing to search for/, { rule: 'nothing_to_search' }],
  ['🙂', /^q: nothing to search for/, { rule: 'nothing_to_search' }],
  ['ab*', /^q: prefix 'ab\*' is shorter than 3 characters/, { rule: 'prefix_too_short', term: 'ab*', limit: 3 }],
  ['COVID-1*', /^q: prefix '1\*' is shorter than 3 characters/, { rule: 'prefix_too_short', term: '1*', limit: 3 }],
  [
    Array.from({ length: 21 }, (_, i) => `word${i}`).join(' '),
    /^q: at most 20 terms are allowed; found 21/,
    { rule: 'too_many_terms', limit: 20, found: 21 },
  ],
  [
    Array.from({ length: 9 }, (_, i) => `word${i}*`).join(' OR '),
    /^q: at most 8 prefix terms \(word\*\) are allowed; found 9/,
    { rule: 'too_many_prefix_terms', limit: 8, found: 9 },
  ],
];

let api: RunningApi;
beforeAll(async () => {
  api = await startApi({
    readers: 1,
    seed: (db) => {
      for (const study of CORPUS) insertStudy(db, study);
    },
  });
});
afterAll(() => api?.close());

interface Page {
  items: { pmid: string }[];
  total: number;
  query?: { interpreted: string; note: string | null; notes: { code: string }[] };
}

describe('search box: real-world queries', () => {
  it('has at least 60 rows', () => expect(ROWS.length).toBeGreaterThanOrEqual(60));

  it.each(ROWS)('%s', async (input, pmids, note) => {
    const { status, body } = await getJson<Page>(`${api.url}/api/studies?limit=50&q=${encodeURIComponent(input)}`);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.items.map((i) => Number(i.pmid) - P).sort((a, b) => a - b)).toEqual(pmids);
    expect(body.total).toBe(pmids.length);
    expect(body.query?.note ?? null).toBe(note);
    // One structured note per reason, so the dashboard can word each in Dutch.
    expect(body.query?.notes.length).toBe(note === null ? 0 : note.split('; ').length);
    expect(body.query?.interpreted).toBeTruthy();
  });

  it.each(REFUSED)('%s is refused', async (input, message, details) => {
    const { status, body } = await getJson(`${api.url}/api/studies?q=${encodeURIComponent(input)}`);
    expect(status).toBe(400);
    expect(body.error.parameter).toBe('q');
    expect(body.error.message).toMatch(message);
    expect(body.error.details).toEqual(details);
  });
});

describe('search box: authors stored by the ingest', () => {
  let seeded: RunningApi;
  beforeAll(async () => {
    seeded = await startApi({ readers: 0, seed: (db) => seedFixtureCorpus(db) });
  });
  afterAll(() => seeded?.close());

  it('finds every fixture author by "Last Initials[au]" and by "Last Initials" typed bare', async () => {
    const people = seeded.db.sqlite
      .prepare(`SELECT DISTINCT last_name, initials FROM authors WHERE last_name GLOB '[A-Z][a-z]*' AND initials GLOB '[A-Z]*' LIMIT 20`)
      .all() as { last_name: string; initials: string }[];
    expect(people.length).toBeGreaterThan(0);
    for (const { last_name, initials } of people) {
      const expected = seeded.db.sqlite
        .prepare('SELECT DISTINCT pmid FROM authors WHERE last_name = ? AND initials = ? ORDER BY pmid')
        .pluck()
        .all(last_name, initials)
        .map(String);
      for (const q of [`${last_name} ${initials}[au]`, `${last_name} ${initials}`]) {
        // Every study the author wrote, letters and errata included (non-research is left out by default).
        const { body } = await getJson<Page>(`${seeded.url}/api/studies?limit=200&include_non_research=true&q=${encodeURIComponent(q)}`);
        expect(body.items.map((i) => i.pmid).sort(), q).toEqual(expected);
      }
    }
  });
});

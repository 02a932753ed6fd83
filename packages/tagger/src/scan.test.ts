/**
 * The prefilter (scan.ts) against plain RegExp matching: it must never drop or change a match, and
 * the tagger's output with it must equal the output with a Scanner that filters nothing. Random
 * texts are built from rule fragments (what the rules match in the eval records, words of the rule
 * sources) and noise; real texts are the eval sets and, when present, the shared PubMed samples
 * (../shared/pubmed-samples from the repo root, read here, never copied).
 */
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parsePubmedXml, type PubmedRecord } from '@evidence/pubmed';
import { execFrom, family, Scanner, type Family } from './scan.ts';
import { RULE_FAMILIES, RULE_SCANNER, tagStudyWith } from './tag.ts';
import { toTaggable } from './taggable.ts';
import type { TaggableStudy } from './types.ts';

const PLAIN = new Scanner(RULE_FAMILIES, { prefilter: false });
const evalSet = (name: string) => JSON.parse(readFileSync(new URL(`../eval/${name}.json`, import.meta.url), 'utf8')) as TaggableStudy[];
const EVAL = ['dev', 'heldout', 'blind'].flatMap(evalSet);

type Found = [number, string, string];
const found = (m: RegExpExecArray): Found => [m.index, m[0], JSON.stringify(m.groups ?? null)];

/** Every match, left to right, by plain global RegExp scanning. */
function plainMatches(f: Family, text: string): Found[] {
  const out: Found[] = [];
  const g = new RegExp(f.global.source, f.global.flags);
  for (let m = g.exec(text); m; m = g.exec(text)) {
    out.push(found(m));
    if (m[0].length === 0) g.lastIndex++;
  }
  return out;
}

/** Every match, left to right, through a scan and execFrom (as the taggers walk a text). */
function scannedMatches(scanner: Scanner, f: Family, text: string): Found[] {
  const hits = scanner.scan(text);
  const out: Found[] = [];
  let from = 0;
  for (let m = execFrom(f, text, hits, from); m; m = execFrom(f, text, hits, from)) {
    out.push(found(m));
    from = m.index + Math.max(1, m[0].length);
  }
  return out;
}

// ---------------------------------------------------------------- generators

const evalTexts = EVAL.flatMap((r) => [r.title, r.abstract]);
const matchFragments = [...new Set(RULE_FAMILIES.flatMap((f) => evalTexts.flatMap((t) => plainMatches(f, t).map((m) => m[1]))))];
const ruleWords = [...new Set(RULE_FAMILIES.flatMap((f) => f.global.source.match(/[A-Za-z][A-Za-z -]{2,}/g) ?? []))];
const evalWords = [...new Set(evalTexts.flatMap((t) => t.split(/\s+/)).filter(Boolean))];
const NOISE = [
  ...'abcdefghijklmnopqrstuvwxyzAZ0123456789 -.,;:()[]=/%<>+\'"\n\t',
  '\u00a0',
  'µ',
  'é',
  'ß',
  'İ',
  'ſ',
  '\u212a',
  '–',
  '≥',
  '\u2009',
];

const recase = (s: string, how: number) =>
  how === 0
    ? s
    : how === 1
      ? s.toUpperCase()
      : how === 2
        ? s.toLowerCase()
        : [...s].map((c, i) => (i % how === 0 ? c.toUpperCase() : c)).join('');
/** A part of a fragment: dropping characters at either end makes near misses. */
const cut = (s: string, a: number, b: number) =>
  s.slice(a % 3 === 0 ? 0 : a % Math.max(1, s.length), b % 3 === 0 ? s.length : s.length - (b % 3));

const noise = fc.string({ unit: fc.constantFrom(...NOISE), maxLength: 6 });
const piece = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.constantFrom(...matchFragments), fc.nat(5), fc.nat(), fc.nat())
      .map(([s, how, a, b]) => recase(a % 4 === 0 ? cut(s, a, b) : s, how)),
  },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...ruleWords), fc.nat(5)).map(([s, how]) => recase(s, how)) },
  { weight: 3, arbitrary: fc.constantFrom(...evalWords) },
  { weight: 2, arbitrary: noise },
);
const sep = fc.constantFrom(' ', ' ', ' ', '', '-', ', ', '. ', '; ', '\n\n', ' (', ') ', ' = ', '/', ': ');
const text = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.tuple(piece, sep), { maxLength: 40 }).map((xs) => xs.map(([p, s]) => p + s).join('')) },
  { weight: 1, arbitrary: piece },
  { weight: 1, arbitrary: noise },
  // a title or keyword of a few characters ("HRV")
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...matchFragments), fc.integer({ min: 2, max: 5 })).map(([s, n]) => s.slice(0, n)) },
);

const section = fc.tuple(
  fc.constantFrom<string | null>(null, 'BACKGROUND', 'METHODS', 'RESULTS', 'CONCLUSIONS', 'TRIAL REGISTRATION'),
  text,
);
/** A study from an eval record's lists (publication types, MeSH, keywords) with random title and sections. */
const study = fc
  .tuple(fc.constantFrom(...EVAL), text, fc.array(section, { minLength: 1, maxLength: 5 }), fc.boolean())
  .map(([r, title, sections, keepRealSection]): TaggableStudy => {
    const abstractSections = [
      ...(keepRealSection ? r.abstractSections.slice(0, 1) : []),
      ...sections.map(([label, t]) => ({ label, nlmCategory: label, text: t })),
    ];
    return {
      ...r,
      title,
      abstractSections,
      abstract: abstractSections.map((s) => (s.label ? `${s.label}: ${s.text}` : s.text)).join('\n\n'),
    };
  });

// ---------------------------------------------------------------- properties

describe('prefilter = plain RegExp matching', () => {
  it('every rule regex is filtered (an unfiltered one runs over the whole text; ADR 0007)', () => {
    expect(RULE_SCANNER.report().filter((f) => !f.filtered)).toEqual([]);
    expect(PLAIN.report().every((f) => !f.filtered)).toBe(true);
  });

  it('the generators make texts that the rules match', () => {
    expect(matchFragments.length).toBeGreaterThan(100);
    const samples = fc.sample(text, { numRuns: 200, seed: 1 });
    const matched = samples.filter((t) => RULE_FAMILIES.some((f) => plainMatches(f, t).length > 0)).length;
    expect(matched).toBeGreaterThan(100);
  });

  it('never drops or changes a match of a rule regex, from any start position', () => {
    fc.assert(
      fc.property(text, fc.nat(), (t, at) => {
        const hits = RULE_SCANNER.scan(t);
        const from = at % (t.length + 1);
        for (const f of RULE_FAMILIES) {
          expect(scannedMatches(RULE_SCANNER, f, t)).toEqual(plainMatches(f, t));
          const g = new RegExp(f.global.source, f.global.flags);
          g.lastIndex = from;
          const want = g.exec(t);
          const got = execFrom(f, t, hits, from);
          expect(got && found(got)).toEqual(want && found(want));
        }
      }),
      { numRuns: 300 },
    );
  });

  // Regexes the rules do not use (yet): the analyser's edge cases, each against plain matching.
  const TRICKY = [
    /\b(?:heart[- ]rate variability|HRV)\b/gi,
    /(?<![\w.,-])\d{1,3} (?:adults|patients)/gi,
    /colou?r{1,2}s?\b/gi,
    /[^a-z]{3,}x/gi,
    /a.c|\d\d\d|x{0,2}yz/g,
    /(?:ab)*cde/i,
    /\u00b5s|\x41bc|\u212aelvin/gi,
    /^abc$|^def/gim,
    /(?=abc)\w{3}/,
    /ab?c?d/,
    /(a)\1bc/,
    /(?<n>\d+)\s?mA\b/gi,
    /[\w-]{3}\.\s[A-Z]/g,
    /[a-\d]{3}/,
    /\bn\s?=\s?\d+/g,
    /(?:x|y|)(?:zz|)ww?/gi,
    /\Bing\b/g,
    /(?!not)\w{4}/gi,
    /[.]{3}|[\]\\-]{3}/,
    /\tab|\n\ncd/,
    /s{3,5}?t/i,
  ].map(family);
  const tricky = new Scanner(TRICKY);
  const trickyText = fc
    .array(
      fc.tuple(
        fc.oneof(
          noise,
          fc.constantFrom(
            'HRV',
            'heart rate variability',
            'colourrs',
            '12 adults',
            'abcdeab',
            'µs',
            'Abc',
            'KELVIN',
            'abc\ndef',
            '3 mA',
            'ing',
            'not',
            '...',
            'sssst',
            'x-ww',
            'n = 40',
          ),
        ),
        sep,
      ),
      { maxLength: 12 },
    )
    .map((xs) => xs.map(([p, s]) => p + s).join(''));

  it('never drops a match of hand-written edge-case regexes either', () => {
    expect(tricky.report().filter((f) => f.filtered).length).toBeGreaterThan(10);
    fc.assert(
      fc.property(trickyText, (t) => {
        for (const f of TRICKY) expect(scannedMatches(tricky, f, t)).toEqual(plainMatches(f, t));
      }),
      { numRuns: 500 },
    );
  });

  it('tagStudy output with the prefilter equals the output with plain RegExp matching, on random studies', () => {
    fc.assert(
      fc.property(study, (s) => {
        expect(tagStudyWith(RULE_SCANNER, s)).toEqual(tagStudyWith(PLAIN, s));
      }),
      { numRuns: 300 },
    );
  });

  it('a 3-character text is scanned (found by the property above: a title "HRV" had no outcome)', () => {
    const s: TaggableStudy = { pmid: 't', title: 'HRV', abstract: '', abstractSections: [], publicationTypes: [], mesh: [], keywords: [] };
    expect(tagStudyWith(RULE_SCANNER, s).outcomes.map((o) => o.outcome)).toEqual(['hrv']);
  });

  it('… and on the eval sets', () => {
    for (const r of EVAL) expect(tagStudyWith(RULE_SCANNER, r), r.pmid).toEqual(tagStudyWith(PLAIN, r));
  });

  const samples = resolve(import.meta.dirname, '../../../../shared/pubmed-samples');
  it.skipIf(!existsSync(samples))(
    '… and on the real PubMed records in ../shared/pubmed-samples',
    () => {
      let n = 0;
      for (const file of (readdirSync(samples, { recursive: true }) as string[]).filter((f) => /\.xml(\.gz)?$/.test(f))) {
        const bytes = readFileSync(join(samples, file));
        const xml = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
        let records: PubmedRecord[];
        try {
          records = parsePubmedXml(xml).records;
        } catch {
          continue;
        } // esearch / epost / error bodies
        for (const r of records) {
          const s = toTaggable(r);
          expect(tagStudyWith(RULE_SCANNER, s), `${file} ${r.pmid}`).toEqual(tagStudyWith(PLAIN, s));
          n++;
        }
      }
      expect(n).toBeGreaterThan(1000);
    },
    120_000,
  );
});

/**
 * Deterministic synthetic corpora for the benchmark, built from the eval records (dev + heldout).
 *
 * - `short`: one seed record per abstract, numbers varied (~570 characters, the eval records' length).
 * - `long`:  real PubMed length (1,500–2,000 characters). Structured abstracts (BACKGROUND / METHODS /
 *   RESULTS / CONCLUSIONS …) are grown by appending same-category sections of other structured
 *   records; unstructured abstracts are grown by appending other unstructured abstracts. About 45 %
 *   are structured, as in PubMed.
 *
 * Every number in an abstract is re-drawn so nothing can be cached between records.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TaggableStudy } from '../src/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const seed = [
  ...JSON.parse(readFileSync(join(here, '../eval/dev.json'), 'utf8')),
  ...JSON.parse(readFileSync(join(here, '../eval/heldout.json'), 'utf8')),
] as TaggableStudy[];
export const topics = JSON.parse(readFileSync(join(here, '../../../data/topics.json'), 'utf8')).topics;

type Section = TaggableStudy['abstractSections'][number];

function rng(s: number) {
  let x = s;
  return () => (x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

/**
 * Records as the tagger sees them in production (parsed from JSON / read from the store): flat
 * strings, not the rope/slice strings that string building here would leave behind.
 */
const asLoaded = (xs: TaggableStudy[]): TaggableStudy[] => JSON.parse(JSON.stringify(xs));

const joinAbstract = (sections: Section[]) => sections.map((s) => (s.label ? `${s.label}: ${s.text}` : s.text)).join('\n\n');

/** The original benchmark corpus (~570 characters): a seed record, sometimes with another record's last section. */
export function shortCorpus(n: number, seedValue = 42): TaggableStudy[] {
  const rnd = rng(seedValue);
  const out: TaggableStudy[] = [];
  for (let i = 0; i < n; i++) {
    const a = seed[Math.floor(rnd() * seed.length)]!;
    const b = seed[Math.floor(rnd() * seed.length)]!;
    const sections = [...a.abstractSections, ...(rnd() < 0.3 ? b.abstractSections.slice(-1) : [])].map((s) => ({
      ...s,
      text: s.text.replace(/\d+/, String(10 + Math.floor(rnd() * 500))),
    }));
    out.push({ ...a, pmid: `bench-${i}`, abstract: joinAbstract(sections), abstractSections: sections });
  }
  return asLoaded(out);
}

/** PubMed-length abstracts (1,500–2,000 characters), structured and unstructured. */
export function longCorpus(n: number, seedValue = 7): TaggableStudy[] {
  const rnd = rng(seedValue);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const structured = seed.filter((r) => r.abstractSections.length > 1 && r.abstractSections.every((s) => s.label));
  const unstructured = seed.filter((r) => r.abstractSections.length === 1 && !r.abstractSections[0]!.label);
  const byCat = new Map<string, Section[]>();
  for (const r of structured)
    for (const s of r.abstractSections) {
      const k = s.nlmCategory ?? s.label!;
      if (!byCat.has(k)) byCat.set(k, []);
      byCat.get(k)!.push(s);
    }
  // only free-standing integers (not PHQ-9, SF-36, post-COVID-19, 0.03, 2024)
  const vary = (t: string) =>
    t.replace(/(?<![\w.,-])\d{1,3}(?![\w-]|[.,]\d)/g, (d) => String(Math.max(1, Math.round(Number(d) * (0.5 + rnd())))));
  const out: TaggableStudy[] = [];
  for (let i = 0; i < n; i++) {
    const target = 1500 + Math.floor(rnd() * 500);
    let base: TaggableStudy;
    let texts: { label: string | null; nlmCategory: string | null; parts: string[] }[];
    if (rnd() < 0.45) {
      base = pick(structured);
      texts = base.abstractSections.map((s) => ({ label: s.label, nlmCategory: s.nlmCategory, parts: [s.text] }));
      // grow METHODS / RESULTS most, as in real abstracts
      let guard = 0;
      while (
        joinAbstract(texts.map((t) => ({ label: t.label, nlmCategory: t.nlmCategory, text: t.parts.join(' ') }))).length < target &&
        guard++ < 40
      ) {
        const t =
          rnd() < 0.8 ? (texts.find((x) => /METHODS|RESULTS/.test(x.nlmCategory ?? '') && rnd() < 0.6) ?? pick(texts)) : pick(texts);
        const pool = byCat.get(t.nlmCategory ?? t.label ?? '') ?? [];
        if (pool.length) t.parts.push(pick(pool).text);
      }
    } else {
      base = pick(unstructured);
      const parts = [base.abstractSections[0]!.text];
      while (parts.join(' ').length < target) parts.push(pick(unstructured).abstractSections[0]!.text);
      texts = [{ label: null, nlmCategory: null, parts }];
    }
    let sections: Section[] = texts.map((t) => ({ label: t.label, nlmCategory: t.nlmCategory, text: vary(t.parts.join(' ')) }));
    // trim to at most 2,000 characters: drop the last sentence of the longest section
    let abstract = joinAbstract(sections);
    while (abstract.length > 2000) {
      let li = 0;
      sections.forEach((s, k) => {
        if (s.text.length > sections[li]!.text.length) li = k;
      });
      const t = sections[li]!.text;
      const cut = t.lastIndexOf('. ', t.length - 2);
      if (cut < 40) break;
      sections = sections.map((s, k) => (k === li ? { ...s, text: t.slice(0, cut + 1) } : s));
      abstract = joinAbstract(sections);
    }
    out.push({ ...base, pmid: `bench-long-${i}`, abstract, abstractSections: sections });
  }
  return asLoaded(out);
}

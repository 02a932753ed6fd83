/** Sentence segmentation with offsets and section roles. */
import type { TaggableStudy } from './types.ts';

export interface Sentence {
  start: number;
  end: number;
  category: string | null;
  sectionIndex: number;
  indexInSection: number;
}

const ABBREV = /(?:\b(?:vs|e\.g|i\.e|et al|approx|Fig|no|Dr|Mr|Ms|St)|\b[A-Z])\.$/;

/** Same set as /\s/ (ECMAScript WhiteSpace and LineTerminator). */
function isWs(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Splits text[from, to) into sentences; pushes them onto out. */
function splitInto(text: string, from: number, to: number, category: string | null, sectionIndex: number, out: Sentence[]): void {
  let start = from;
  while (start < to && isWs(text.charCodeAt(start))) start++;
  let k = 0;
  for (let i = start; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */ || c === 33 || c === 63) {
      const next = text.charCodeAt(i + 1);
      if (i + 1 >= to || next === 32 || next === 10) {
        // look at next non-space char
        let j = i + 1;
        while (j < to && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 10)) j++;
        const nc = j < to ? text.charCodeAt(j) : -1;
        // /[A-Z0-9(\[]/
        if (j >= to || (nc >= 65 && nc <= 90) || (nc >= 48 && nc <= 57) || nc === 40 || nc === 91) {
          if (c === 46 && ABBREV.test(text.slice(Math.max(start, i - 8), i + 1))) continue;
          out.push({ start, end: i + 1, category, sectionIndex, indexInSection: k++ });
          start = j;
          i = j - 1;
        }
      }
    }
  }
  if (start < to) {
    let end = to;
    while (end > start && isWs(text.charCodeAt(end - 1))) end--;
    if (end > start) out.push({ start, end, category, sectionIndex, indexInSection: k++ });
  }
}

/** Same as a.startsWith(b, position), several times faster in V8 for long strings. */
function startsAt(a: string, b: string, position: number): boolean {
  const p = position < 0 ? 0 : Math.min(position, a.length);
  return p + b.length <= a.length && (b.length === 0 || a.slice(p, p + b.length) === b);
}

/** Sentences of the joined abstract, each with its NLM category (null when unlabelled). */
export function abstractSentences(study: TaggableStudy): Sentence[] {
  const out: Sentence[] = [];
  const abs = study.abstract;
  let pos = 0;
  let ok = true;
  const spans: { from: number; to: number; cat: string | null }[] = [];
  for (const s of study.abstractSections) {
    const prefix = s.label ? `${s.label}: ` : '';
    let at = startsAt(abs, prefix, pos) && startsAt(abs, s.text, pos + prefix.length) ? pos + prefix.length : -1;
    if (at < 0) {
      const found = abs.indexOf(s.text, pos);
      if (found < 0) {
        ok = false;
        break;
      }
      at = found;
    }
    spans.push({ from: at, to: at + s.text.length, cat: s.nlmCategory ?? (s.label ? s.label.toUpperCase() : null) });
    pos = at + s.text.length;
  }
  if (!ok || spans.length === 0) {
    splitInto(abs, 0, abs.length, null, 0, out);
    return out;
  }
  for (let i = 0; i < spans.length; i++) {
    const sp = spans[i]!;
    splitInto(abs, sp.from, sp.to, sp.cat, i, out);
  }
  return out;
}

export function titleSentences(title: string): Sentence[] {
  return title.length ? [{ start: 0, end: title.length, category: 'TITLE', sectionIndex: -1, indexInSection: 0 }] : [];
}

/** The sentence containing offset (binary search). */
export function sentenceAt(sents: Sentence[], offset: number): Sentence | null {
  const k = sentenceIndexAt(sents, offset);
  return k < 0 ? null : sents[k]!;
}

/** Index of the sentence containing offset (binary search), -1 when none. */
export function sentenceIndexAt(sents: Sentence[], offset: number): number {
  let lo = 0,
    hi = sents.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sents[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export function compile(patterns: string[], flags = 'gi'): RegExp | null {
  return patterns.length ? new RegExp(patterns.map((p) => `(?:${p})`).join('|'), flags) : null;
}

/** No-break, thin and other fixed-width spaces: rule patterns write a plain space. */
const ODD_SPACE = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/;
const ODD_SPACES = new RegExp(ODD_SPACE.source, 'g');

/**
 * The study with every odd space (PubMed's "In\u00a0Vivo", "n\u2009=\u200930") replaced by a plain one,
 * character for character so that every offset still points into the original text; null when there
 * is none (about one record in ten has some).
 */
export function withPlainSpaces(study: TaggableStudy): TaggableStudy | null {
  if (!ODD_SPACE.test(study.title) && !ODD_SPACE.test(study.abstract)) return null;
  const plain = (t: string) => t.replace(ODD_SPACES, ' ');
  return {
    ...study,
    title: plain(study.title),
    abstract: plain(study.abstract),
    abstractSections: study.abstractSections.map((sec) => ({ ...sec, text: plain(sec.text) })),
  };
}

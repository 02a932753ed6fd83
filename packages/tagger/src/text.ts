/** Sentence segmentation with offsets and section roles. */
import type { TaggableStudy } from './types.ts';

export interface Sentence { start: number; end: number; category: string | null; sectionIndex: number; indexInSection: number }

const ABBREV = /(?:\b(?:vs|e\.g|i\.e|et al|approx|Fig|no|Dr|Mr|Ms|St)|\b[A-Z])\.$/;

/** Splits text[from, to) into sentences; pushes them onto out. */
function splitInto(text: string, from: number, to: number, category: string | null, sectionIndex: number, out: Sentence[]): void {
  let start = from;
  while (start < to && /\s/.test(text[start]!)) start++;
  let k = 0;
  for (let i = start; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */ || c === 33 || c === 63) {
      const next = text[i + 1];
      if (i + 1 >= to || next === ' ' || next === '\n') {
        // look at next non-space char
        let j = i + 1;
        while (j < to && (text[j] === ' ' || text[j] === '\n')) j++;
        const nc = j < to ? text[j]! : '';
        if (j >= to || /[A-Z0-9(\[]/.test(nc)) {
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
    while (end > start && /\s/.test(text[end - 1]!)) end--;
    if (end > start) out.push({ start, end, category, sectionIndex, indexInSection: k++ });
  }
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
    let at = abs.startsWith(prefix + s.text, pos) ? pos + prefix.length : -1;
    if (at < 0) {
      const found = abs.indexOf(s.text, pos);
      if (found < 0) { ok = false; break; }
      at = found;
    }
    spans.push({ from: at, to: at + s.text.length, cat: s.nlmCategory ?? (s.label ? s.label.toUpperCase() : null) });
    pos = at + s.text.length;
  }
  if (!ok || spans.length === 0) {
    splitInto(abs, 0, abs.length, null, 0, out);
    return out;
  }
  spans.forEach((sp, i) => splitInto(abs, sp.from, sp.to, sp.cat, i, out));
  return out;
}

export function titleSentences(title: string): Sentence[] {
  return title.length ? [{ start: 0, end: title.length, category: 'TITLE', sectionIndex: -1, indexInSection: 0 }] : [];
}

/** Index of the sentence containing offset (binary search). */
export function sentenceAt(sents: Sentence[], offset: number): Sentence | null {
  let lo = 0, hi = sents.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sents[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return null;
}

export function compile(patterns: string[], flags = 'gi'): RegExp | null {
  return patterns.length ? new RegExp(patterns.map((p) => `(?:${p})`).join('|'), flags) : null;
}

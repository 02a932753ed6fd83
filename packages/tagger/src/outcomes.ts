import { OUTCOME_IDS, type OutcomeId } from '@evidence/schema/vocabulary';
import { RULES } from './rules.ts';
import { execFrom, family, firstMatch, type Family, type Hits } from './scan.ts';
import { compile, sentenceIndexAt, type Sentence } from './text.ts';
import type { Evidence, OutcomeTag, TaggableStudy } from './types.ts';

interface OutcomeRule {
  id: OutcomeId;
  re: Family;
  exclude: Family | null;
  ruleText: string;
  ruleMesh: string;
  ruleKeyword: string;
}
const defs = RULES.outcomes.outcomes as Record<string, { terms: string[]; exclude: string[] }>;
const OUTCOME_RULES: OutcomeRule[] = OUTCOME_IDS.map((id) => {
  const ex = compile(defs[id]!.exclude);
  return {
    id,
    re: family(compile(defs[id]!.terms)!),
    exclude: ex ? family(ex) : null,
    ruleText: `outcome.${id}.terms`,
    ruleMesh: `outcome.${id}.mesh`,
    ruleKeyword: `outcome.${id}.keyword`,
  };
});
/** The regexes this module runs through the prefilter. */
export const OUTCOME_FAMILIES: readonly Family[] = OUTCOME_RULES.flatMap((r) => (r.exclude ? [r.re, r.exclude] : [r.re]));
const NOT_MEASURED = compile(RULES.outcomes.notMeasured, 'i')!;
const BG_CUES = compile(RULES.outcomes.backgroundCues, 'i')!;
const STUDY_CUES = compile(RULES.outcomes.studyCues, 'i')!;
const BG_CATS = new Set(RULES.outcomes.backgroundSectionCategories);

/** A sentence that states background rather than what this study measured. */
function isBackground(text: string, s: Sentence): boolean {
  if (s.category && BG_CATS.has(s.category)) return true;
  if (s.category === 'TITLE') return false;
  const sent = text.slice(s.start, s.end);
  if (STUDY_CUES.test(sent)) return false;
  if (s.category === null && s.sectionIndex === 0 && s.indexInSection === 0) return true;
  return BG_CUES.test(sent);
}

/**
 * One text (abstract or title) with its sentences, scan hits and per-sentence memos
 * (background / "not measured" are properties of a sentence, computed at most once per study).
 */
export class TextCtx {
  text = '';
  sents: Sentence[] = [];
  hits!: Hits;
  /** Per sentence: bits 0–1 background, bits 2–3 "not measured"; each 0 unknown, 1 true, 2 false. */
  memo = new Uint8Array(0);
  reset(text: string, sents: Sentence[], hits: Hits): this {
    this.text = text;
    this.sents = sents;
    this.hits = hits;
    if (this.memo.length < sents.length) this.memo = new Uint8Array(sents.length);
    else this.memo.fill(0, 0, sents.length);
    return this;
  }
  isBg(k: number): boolean {
    let v = this.memo[k]! & 3;
    if (v === 0) {
      v = isBackground(this.text, this.sents[k]!) ? 1 : 2;
      this.memo[k]! |= v;
    }
    return v === 1;
  }
  isNotMeasured(k: number): boolean {
    let v = this.memo[k]! >> 2;
    if (v === 0) {
      const s = this.sents[k]!;
      v = NOT_MEASURED.test(this.text.slice(s.start, s.end)) ? 1 : 2;
      this.memo[k]! |= v << 2;
    }
    return v === 1;
  }
  /** Memoised isBackground for a sentence object of this text (falls back to computing it). */
  isBgSentence(s: Sentence): boolean {
    const k = sentenceIndexAt(this.sents, s.start);
    return k >= 0 && this.sents[k] === s ? this.isBg(k) : isBackground(this.text, s);
  }
}

function excluded(ex: Family | null, c: TextCtx, s: Sentence, mStart: number, mEnd: number): boolean {
  if (!ex) return false;
  const text = c.text;
  let from = s.start;
  let m: RegExpExecArray | null;
  while ((m = execFrom(ex, text, c.hits, from)) && m.index < s.end) {
    // later matches start after mStart and cannot cover the span
    if (m.index > mStart) return false;
    if (m.index + m[0].length >= mEnd) return true;
    from = m.index + m[0].length;
    if (m[0].length === 0) from++;
  }
  return false;
}

function findInText(rule: OutcomeRule, c: TextCtx, field: 'title' | 'abstract'): Evidence | null {
  const text = c.text;
  const sents = c.sents;
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = execFrom(rule.re, text, c.hits, from))) {
    const end = m.index + m[0].length;
    from = end;
    const k = sentenceIndexAt(sents, m.index);
    if (k < 0) continue;
    const s = sents[k]!;
    if (excluded(rule.exclude, c, s, m.index, end)) continue;
    if (c.isBg(k)) {
      from = s.end;
      continue;
    }
    if (c.isNotMeasured(k)) {
      from = s.end;
      continue;
    }
    return { field, sentence: text.slice(s.start, s.end), start: m.index, end, ruleId: rule.ruleText };
  }
  return null;
}

/**
 * Per mesh term / keyword, per outcome: the first match offsets, or "no match / excluded".
 * Depends only on the string, so it is memoised across studies (bounded).
 */
const listMemo = new Map<string, Int32Array>();
const LIST_MEMO_MAX = 50_000;
const NR = OUTCOME_RULES.length;
function listMatch(t: string, r: number): Int32Array {
  let e = listMemo.get(t);
  if (!e) {
    if (listMemo.size >= LIST_MEMO_MAX) listMemo.clear();
    e = new Int32Array(NR * 2).fill(-2);
    listMemo.set(t, e);
  }
  if (e[r * 2] === -2) {
    const rule = OUTCOME_RULES[r]!;
    const m = firstMatch(rule.re, t);
    if (!m || (rule.exclude && firstMatch(rule.exclude, t))) e[r * 2] = -1;
    else {
      e[r * 2] = m.index;
      e[r * 2 + 1] = m.index + m[0].length;
    }
  }
  return e;
}

function findInList(r: number, list: string[], field: 'mesh' | 'keyword'): Evidence | null {
  for (let i = 0; i < list.length; i++) {
    const t = list[i]!;
    const e = listMatch(t, r);
    const start = e[r * 2]!;
    if (start < 0) continue;
    const rule = OUTCOME_RULES[r]!;
    return { field, sentence: t, start, end: e[r * 2 + 1]!, ruleId: field === 'mesh' ? rule.ruleMesh : rule.ruleKeyword, index: i };
  }
  return null;
}

/**
 * Outcomes come from the abstract and title. Keywords and MeSH say what a paper is about, not what it
 * measured, and no sentence tells background from result there: they are read only when the record
 * has no abstract to read (on the real labelled set they gave 3 false positives and no true positive
 * the text missed).
 */
export function tagOutcomes(study: TaggableStudy, title: TextCtx, abs: TextCtx, meshTerms: string[]): OutcomeTag[] {
  const out: OutcomeTag[] = [];
  const listsOnly = study.abstract.trim().length === 0;
  for (let r = 0; r < NR; r++) {
    const rule = OUTCOME_RULES[r]!;
    const ev =
      findInText(rule, abs, 'abstract') ??
      findInText(rule, title, 'title') ??
      (listsOnly ? (findInList(r, study.keywords, 'keyword') ?? findInList(r, meshTerms, 'mesh')) : null);
    if (ev) out.push({ outcome: rule.id, evidence: ev });
  }
  return out;
}

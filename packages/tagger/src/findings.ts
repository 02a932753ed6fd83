/**
 * What a study found for each outcome: the direction (better or worse for the person, no
 * difference, mixed, not reported), what it was compared with, and the sentence that says so.
 * Rule-based, one pass over the sentences that carry a result cue; how and why: ADR 0015.
 */
import type { DesignId, FindingComparison, FindingDirection, OutcomeId } from '@evidence/schema/vocabulary';
import {
  CI,
  COMPARISON_FAMILIES,
  CONTROL_SUBJECT,
  CUE_FAMILIES,
  STRONG_CONTROL,
  STUDY_HAS_CONTROL,
  ORPHAN_NO_DIFFERENCE,
  P_VALUE,
  POOLED,
  polarityNear,
  RATIO,
  SIGNIFICANT,
  VS_BASELINE,
  VS_CONTROL,
  VS_HEALTHY,
} from './finding-cues.ts';
import { RULES } from './rules.ts';
import { execFrom, family, type Family, type Hits } from './scan.ts';
import { OUTCOME_FAMILIES } from './outcomes.ts';
import { SYNTHESIS_DESIGNS } from './quality.ts';
import { compile, sentenceIndexAt, type Sentence } from './text.ts';
import type { Evidence, TaggableStudy } from './types.ts';

export interface Finding {
  outcome: OutcomeId;
  direction: FindingDirection;
  /** null when not_reported. */
  comparison: FindingComparison | null;
  /** The sentence that carries the direction (start/end: the sentence's offsets in the title or abstract); null when not_reported. */
  evidence: Evidence | null;
}

/** The regexes this module runs through the prefilter. */
export const FINDING_FAMILIES: readonly Family[] = [...Object.values(CUE_FAMILIES), ...COMPARISON_FAMILIES];
const CHANGE_CUES = [
  [CUE_FAMILIES.worse, 'worse'],
  [CUE_FAMILIES.better, 'better'],
  [CUE_FAMILIES.up, 'up'],
  [CUE_FAMILIES.down, 'down'],
  [CUE_FAMILIES.mixed, 'mixed'],
  [CUE_FAMILIES.stat, 'stat'],
] as const;

/**
 * The outcome rules' own terms (rules/outcomes.json): the very families the outcome tagger scans
 * with when they can be found among OUTCOME_FAMILIES (their hits are then already in the scan),
 * else the same regexes wrapped here.
 */
const outcomeDefs = RULES.outcomes.outcomes as Record<string, { terms: string[]; exclude: string[] }>;
const OUTCOME_TERMS = new Map<string, { re: Family; exclude: Family | null }>();
const scanned = (re: RegExp | null): Family | null =>
  re ? (OUTCOME_FAMILIES.find((f) => f.global.source === re.source && f.global.flags === `${re.flags}`) ?? family(re)) : null;
function outcomeTerms(outcome: OutcomeId): { re: Family; exclude: Family | null } {
  let t = OUTCOME_TERMS.get(outcome);
  if (!t) {
    const d = outcomeDefs[outcome]!;
    t = { re: scanned(compile(d.terms, 'gi'))!, exclude: scanned(compile(d.exclude, 'gi')) };
    OUTCOME_TERMS.set(outcome, t);
  }
  return t;
}

/** Matches of `f` in text[from, to), as [start, end) pairs. */
function matchesIn(f: Family, text: string, hits: Hits | null, from: number, to: number): number[] {
  const out: number[] = [];
  let m: RegExpExecArray | null;
  for (;;) {
    if (hits) m = execFrom(f, text, hits, from);
    else {
      f.global.lastIndex = from;
      m = f.global.exec(text);
    }
    if (!m || m.index >= to) return out;
    out.push(m.index, m.index + m[0].length);
    from = m.index + Math.max(1, m[0].length);
  }
}

/** Whether `f` matches in text[from, to). */
function anyIn(f: Family, text: string, hits: Hits | null, from: number, to: number): boolean {
  let m: RegExpExecArray | null;
  if (hits) m = execFrom(f, text, hits, from);
  else {
    f.global.lastIndex = from;
    m = f.global.exec(text);
  }
  return m !== null && m.index < to;
}

/** Where an outcome is mentioned in text[from, to) (exclusions applied): [start, end) pairs relative to `from`. */
function mentions(outcome: OutcomeId, text: string, hits: Hits | null, from: number, to: number): number[] {
  const { re, exclude } = outcomeTerms(outcome);
  const ms = matchesIn(re, text, hits, from, to);
  if (ms.length === 0) return ms;
  const ex = exclude ? matchesIn(exclude, text, hits, from, to) : [];
  const out: number[] = [];
  for (let i = 0; i < ms.length; i += 2) {
    let covered = false;
    for (let j = 0; j < ex.length && !covered; j += 2) covered = ex[j]! <= ms[i]! && ex[j + 1]! >= ms[i + 1]!;
    if (!covered) out.push(ms[i]! - from, ms[i + 1]! - from);
  }
  return out;
}

/** One study as findings read it: sentences, scan hits, design, and per-study memos. */
export class FindingDoc {
  readonly study: TaggableStudy;
  readonly sents: Sentence[];
  readonly titleSents: Sentence[];
  readonly design: DesignId;
  readonly isBg: (k: number) => boolean;
  readonly hits: Hits;
  /** Every direction cue of the abstract, by position. */
  readonly cues: Cue[];
  /** Indices of abstract sentences with a direction cue, ascending. */
  readonly cueSents: number[] = [];
  #fallback: FindingComparison | null = null;
  /** Per sentence, what does not depend on the outcome (computed when an outcome first needs it). */
  readonly #read = new Map<number, ReadSentence>();

  constructor(study: TaggableStudy, sents: Sentence[], hits: Hits, titleSents: Sentence[], design: DesignId, isBg: (k: number) => boolean) {
    this.study = study;
    this.sents = sents;
    this.titleSents = titleSents;
    this.design = design;
    this.isBg = isBg;
    this.hits = hits;
    const text = study.abstract;
    this.cues = cuesIn(text, hits, 0, text.length);
    let last = -1;
    for (const c of this.cues) {
      const k = sentenceIndexAt(sents, c.start);
      if (k > last) this.cueSents.push((last = k));
    }
  }

  read(k: number): ReadSentence {
    let r = this.#read.get(k);
    if (!r) {
      const s = this.sents[k]!;
      r = readSentence(this.study.abstract, this.hits, s.start, s.end, this.cues);
      this.#read.set(k, r);
    }
    return r;
  }

  /** What a sentence without its own comparison words compares, from the study as a whole. */
  fallbackComparison(): FindingComparison {
    if (this.#fallback) return this.#fallback;
    const text = this.study.abstract;
    const any = (f: Family) => anyIn(f, text, this.hits, 0, text.length);
    let c: FindingComparison;
    if (SYNTHESIS_DESIGNS.has(this.design)) c = 'pooled';
    else if (this.design === 'case_report') c = 'vs_baseline';
    else if (this.design === 'observational' && any(VS_HEALTHY)) c = 'vs_healthy';
    else if (this.design === 'rct' || any(STUDY_HAS_CONTROL) || this.study.publicationTypes.some((t) => /Randomized/i.test(t)))
      c = 'vs_control';
    else c = 'vs_baseline';
    this.#fallback = c;
    return c;
  }
}


interface Cue {
  /** Offsets into the text the cue was found in (the abstract or the title). */
  start: number;
  end: number;
  kind: 'up' | 'down' | 'better' | 'worse' | 'nodiff' | 'mixed' | 'stat';
}

/** Direction cues of text[from, to) by position; change words inside a "no difference" phrase ("did not improve") dropped. */
function cuesIn(text: string, hits: Hits | null, from: number, to: number): Cue[] {
  const out: Cue[] = [];
  const nd = matchesIn(CUE_FAMILIES.nodiff, text, hits, from, to);
  for (let i = 0; i < nd.length; i += 2) out.push({ start: nd[i]!, end: nd[i + 1]!, kind: 'nodiff' });
  for (const [f, kind] of CHANGE_CUES) {
    const ms = matchesIn(f, text, hits, from, to);
    for (let i = 0; i < ms.length; i += 2) {
      const at = ms[i]!;
      let inside = false;
      for (let j = 0; j < nd.length && !inside; j += 2) inside = at >= nd[j]! && at < nd[j + 1]!;
      if (!inside) out.push({ start: at, end: ms[i + 1]!, kind });
    }
  }
  return out.sort((x, y) => x.start - y.start);
}

/** One clause of a sentence, with what it says whatever the outcome (offsets relative to the sentence). */
interface Clause {
  start: number;
  end: number;
  text: string;
  cues: Cue[];
  /** An outcome-less "the difference was not significant" applies to the clause before. */
  orphanNoDifference: boolean;
}

/** A sentence read once per study, for every outcome. */
interface ReadSentence {
  text: string;
  clauses: Clause[];
  notReported: boolean;
  comparison: { comparison: FindingComparison; explicit: boolean } | null;
}

/** Splits text[from, to) into clauses at ";" and the clause words, with their cues (`cues`: of the whole text, by position). */
function readSentence(whole: string, hits: Hits | null, from: number, to: number, cues: Cue[]): ReadSentence {
  const text = whole.slice(from, to);
  const breaks = matchesIn(CUE_FAMILIES.clauseBreak, whole, hits, from, to);
  for (let i = text.indexOf(';'); i >= 0; i = text.indexOf(';', i + 1)) breaks.push(from + i, from + i + 1);
  if (breaks.length > 2) {
    const pairs: [number, number][] = [];
    for (let i = 0; i < breaks.length; i += 2) pairs.push([breaks[i]!, breaks[i + 1]!]);
    pairs.sort((x, y) => x[0] - y[0]);
    breaks.length = 0;
    for (const [x, y] of pairs) breaks.push(x, y);
  }
  const clauses: Clause[] = [];
  let c0 = 0;
  const push = (start: number, end: number) => {
    while (end > start && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 44)) end--;
    if (end <= start) return;
    const own: Cue[] = [];
    for (const c of cues)
      if (c.start >= from + start && c.start < from + end)
        own.push({ start: c.start - from - start, end: c.end - from - start, kind: c.kind });
    // "anxiety decreased and depression did not change": a change and a no-difference joined by "and" are two clauses
    const nd = own.findIndex((c) => c.kind === 'nodiff');
    const ch = own.findIndex((c) => c.kind !== 'nodiff' && c.kind !== 'mixed' && c.kind !== 'stat');
    if (nd >= 0 && ch >= 0) {
      const lo = Math.min(own[nd]!.end, own[ch]!.end),
        hi = Math.max(own[nd]!.start, own[ch]!.start);
      const and = text.slice(start, end).indexOf(' and ', lo);
      if (and >= 0 && and + 5 <= hi) {
        push(start, start + and);
        push(start + and + 5, end);
        return;
      }
    }
    const t = text.slice(start, end);
    clauses.push({
      start,
      end,
      text: t,
      cues: own,
      orphanNoDifference: own.some((c) => c.kind === 'nodiff') && ORPHAN_NO_DIFFERENCE.test(t),
    });
  };
  for (let i = 0; i < breaks.length; i += 2) {
    push(c0, breaks[i]! - from);
    c0 = breaks[i + 1]! - from;
    while (c0 < text.length && (text.charCodeAt(c0) === 32 || text.charCodeAt(c0) === 44)) c0++;
  }
  push(c0, text.length);
  const nr = matchesIn(CUE_FAMILIES.notReported, whole, hits, from, to);
  return { text, clauses, notReported: nr.length > 0, comparison: null };
}

/** p-values of a clause: true = some significant, false = only non-significant, null = none given. */
function significance(clause: string): boolean | null {
  P_VALUE.lastIndex = 0;
  let sig = false,
    nonsig = false;
  let m: RegExpExecArray | null;
  while ((m = P_VALUE.exec(clause))) {
    const v = Number(m[3]);
    if (m[1] ? v <= 0.05 : m[2] ? false : v < 0.05) sig = true;
    else nonsig = true;
  }
  if (sig) return true;
  if (nonsig) return false;
  const ci = CI.exec(clause);
  if (ci) {
    const lo = Number(ci[1]!.replace(/[−–]/, '-')),
      hi = Number(ci[2]!.replace(/[−–]/, '-'));
    const at = RATIO.test(clause) ? 1 : 0;
    if (Number.isFinite(lo) && Number.isFinite(hi)) return !(lo < at && hi > at) && !(lo > at && hi < at);
  }
  return null;
}

/** The direction one clause gives the outcome mentioned at [ms, me) of it, or null when it gives none. */
function clauseDirection(outcome: OutcomeId, c: Clause, ms: number, me: number): FindingDirection | null {
  const cues = c.cues;
  if (cues.length === 0) return null;
  if (cues.some((x) => x.kind === 'mixed')) return 'mixed';
  if (cues.some((x) => x.kind === 'nodiff')) return 'no_difference';
  let dir: FindingDirection;
  const worse = cues.some((x) => x.kind === 'worse');
  const better = cues.some((x) => x.kind === 'better');
  let best: Cue | null = null,
    bd = Infinity;
  for (const x of cues) {
    if (x.kind !== 'up' && x.kind !== 'down') continue;
    // the change word nearest the mention (after it a little preferred: "anxiety decreased")
    const d = x.start >= me ? x.start - me : Math.abs(ms - x.end) * 1.3;
    if (d < bd) {
      bd = d;
      best = x;
    }
  }
  if (worse !== better) dir = worse ? 'worsened' : 'improved';
  else if (best) {
    const text = c.text;
    const lowerIsBetter = polarityNear(outcome, text.slice(Math.max(0, ms - 30), me + 30)) === 'lower';
    let good = best.kind === 'down' ? lowerIsBetter : !lowerIsBetter;
    // "higher in the sham group than in the taVNS group": the control is the subject
    const than = text.indexOf(' than ', best.end);
    if (than >= 0 && CONTROL_SUBJECT.test(text.slice(0, than)) && !CONTROL_SUBJECT.test(text.slice(than))) good = !good;
    dir = good ? 'improved' : 'worsened';
  } else if (better) dir = 'improved';
  else return significance(c.text) === false ? 'no_difference' : null;
  if (significance(c.text) === false && !SIGNIFICANT.test(c.text)) return 'no_difference';
  return dir;
}

/** The direction a sentence gives an outcome (mentions: [start, end) pairs relative to it), null when none. */
function sentenceDirection(outcome: OutcomeId, r: ReadSentence, ms: number[]): FindingDirection | null {
  const cl = r.clauses;
  const dirs = new Set<FindingDirection>();
  const mentionedIn = (c: number) => {
    for (let i = 0; i < ms.length; i += 2) if (ms[i]! >= cl[c]!.start && ms[i]! < cl[c]!.end) return true;
    return false;
  };
  for (let i = 0; i < ms.length; i += 2) {
    const c = cl.findIndex((x) => ms[i]! >= x.start && ms[i]! < x.end);
    if (c < 0) continue;
    const clause = cl[c]!;
    let d = clauseDirection(outcome, clause, ms[i]! - clause.start, ms[i + 1]! - clause.start);
    // "…, but the difference was not significant": an outcome-less clause that follows decides
    if (c + 1 < cl.length && cl[c + 1]!.orphanNoDifference && !mentionedIn(c + 1)) d = 'no_difference';
    // a mention without its own verb ("RMSSD, but not HF power, increased"): the clause after it
    for (let n = c + 1; d === null && n < cl.length; n++) d = clauseDirection(outcome, cl[n]!, 0, 0);
    if (d) dirs.add(d);
  }
  if (dirs.size === 0) return null;
  return dirs.size === 1 ? [...dirs][0]! : 'mixed';
}

function comparisonOf(
  doc: FindingDoc,
  whole: string,
  hits: Hits | null,
  from: number,
  to: number,
): { comparison: FindingComparison; explicit: boolean } {
  const has = (f: Family) => anyIn(f, whole, hits, from, to);
  if (SYNTHESIS_DESIGNS.has(doc.design)) return { comparison: 'pooled', explicit: POOLED.test(whole.slice(from, to)) };
  if (has(VS_HEALTHY)) return { comparison: 'vs_healthy', explicit: true };
  const control = has(VS_CONTROL);
  // a case-control study's "controls" are the people without the condition
  if (control && doc.fallbackComparison() === 'vs_healthy' && CONTROLS.test(whole.slice(from, to)))
    return { comparison: 'vs_healthy', explicit: true };
  if (has(VS_BASELINE) && !has(STRONG_CONTROL)) return { comparison: 'vs_baseline', explicit: false };
  if (control && doc.design !== 'case_report') return { comparison: 'vs_control', explicit: true };
  return { comparison: doc.fallbackComparison(), explicit: false };
}
const CONTROLS = /\bcontrols?\b/i;

/** How much a sentence's result should count: between-group over within-group, results over conclusions. */
function rankOf(doc: FindingDoc, s: Sentence, sent: string, explicit: boolean, comparison: FindingComparison): number {
  let r = 0;
  if (explicit && comparison !== 'vs_baseline') r += 4;
  const cat = s.category;
  if (cat === 'RESULTS') r += 2;
  else if (cat === 'CONCLUSIONS') r += SYNTHESIS_DESIGNS.has(doc.design) ? 1.5 : 1;
  else if (cat === null) r += 1;
  if (SIGNIFICANT.test(sent) || SIGNIFICANCE_GIVEN.test(sent)) r += 0.5;
  return r;
}
const SIGNIFICANCE_GIVEN = /\b[pP]\s*[<=>≤]|\bCI\b/;

const notReported = (outcome: OutcomeId): Finding => ({ outcome, direction: 'not_reported', comparison: null, evidence: null });

/** The finding for one outcome of a study (whether or not the outcome tagger tagged it). */
export function findingIn(doc: FindingDoc, outcome: OutcomeId): Finding {
  if (doc.design === 'protocol') return notReported(outcome);
  const text = doc.study.abstract;
  let best: { k: number; direction: FindingDirection; comparison: FindingComparison; rank: number } | null = null;
  for (const k of doc.cueSents) {
    const s = doc.sents[k]!;
    if (doc.isBg(k) && s.category !== 'CONCLUSIONS' && s.category !== 'RESULTS') continue;
    const ms = mentions(outcome, text, doc.hits, s.start, s.end);
    if (ms.length === 0) continue;
    const r = doc.read(k);
    if (r.notReported) continue;
    const direction = sentenceDirection(outcome, r, ms);
    if (!direction) continue;
    r.comparison ??= comparisonOf(doc, text, doc.hits, s.start, s.end);
    const { comparison, explicit } = r.comparison;
    const rank = rankOf(doc, s, r.text, explicit, comparison);
    if (!best || rank > best.rank) best = { k, direction, comparison, rank };
  }
  if (best) {
    const s = doc.sents[best.k]!;
    return {
      outcome,
      direction: best.direction,
      comparison: best.comparison,
      evidence: {
        field: 'abstract',
        sentence: text.slice(s.start, s.end),
        start: s.start,
        end: s.end,
        ruleId: `finding.${best.direction}`,
      },
    };
  }
  // the title as the last resort ("… reduces anxiety: a randomised trial")
  const title = doc.study.title;
  const ms = mentions(outcome, title, null, 0, title.length);
  if (ms.length === 0) return notReported(outcome);
  const r = readSentence(title, null, 0, title.length, cuesIn(title, null, 0, title.length));
  const direction = r.notReported ? null : sentenceDirection(outcome, r, ms);
  if (!direction) return notReported(outcome);
  return {
    outcome,
    direction,
    comparison: comparisonOf(doc, title, null, 0, title.length).comparison,
    evidence: { field: 'title', sentence: title, start: 0, end: title.length, ruleId: `finding.${direction}` },
  };
}

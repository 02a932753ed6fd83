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
import { family, type Family, type Hits } from './scan.ts';
import { OUTCOME_FAMILIES } from './outcomes.ts';
import { SYNTHESIS_DESIGNS } from './quality.ts';
import { compile, sentenceIndexAt, type Sentence } from './text.ts';
import type { Finding, TaggableStudy } from './types.ts';

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
/**
 * Words that name an outcome once the study is known to measure it, though they are too loose to
 * tag it: the outcome rules want "attention" with a task or test (ADR 0014), but in a study tagged
 * for cognition "attention improved with active stimulation" is its cognition finding.
 */
const FINDING_ONLY_TERMS: Partial<Record<OutcomeId, string[]>> = { cognition: ['\\battention\\b(?![- ]deficit)'] };

function outcomeTerms(outcome: OutcomeId): { re: Family; exclude: Family | null } {
  let t = OUTCOME_TERMS.get(outcome);
  if (!t) {
    const d = outcomeDefs[outcome]!;
    t = { re: scanned(compile([...d.terms, ...(FINDING_ONLY_TERMS[outcome] ?? [])], 'gi'))!, exclude: scanned(compile(d.exclude, 'gi')) };
    OUTCOME_TERMS.set(outcome, t);
  }
  return t;
}

/** The prefilter's candidate positions of `f` in `text`, or null when `f` is not filtered for it. */
function candidates(f: Family, text: string, hits: Hits | null): readonly number[] | null {
  if (!hits || hits.text !== text) return null;
  const id = hits.scanner.indexOf(f);
  return id < 0 ? null : (hits.pos[id] ?? NONE);
}
const NONE: readonly number[] = [];
const byStart = (x: Cue, y: Cue) => x.start - y.start;

/**
 * Matches of `f` in text[from, to), as [start, end) pairs: what repeated global exec gives, but tried
 * at the prefilter's candidates only and with sticky test() (no match arrays to allocate).
 */
function matchesIn(f: Family, text: string, hits: Hits | null, from: number, to: number, first = false, out: number[] = []): number[] {
  const pos = candidates(f, text, hits);
  if (!pos) {
    const g = f.global;
    g.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = g.exec(text)) && m.index < to) {
      out.push(m.index, m.index + m[0].length);
      if (first) break;
      if (m[0].length === 0) g.lastIndex++;
    }
    return out;
  }
  let lo = 0,
    hi = pos.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pos[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  const st = f.sticky;
  let next = from;
  for (let j = lo; j < pos.length; j++) {
    const p = pos[j]!;
    if (p >= to) break;
    if (p < next) continue;
    st.lastIndex = p;
    if (st.test(text)) {
      const e = st.lastIndex;
      out.push(p, e);
      if (first) break;
      next = e > p ? e : p + 1;
    }
  }
  return out;
}

/** Whether `f` matches in text[from, to). */
function anyIn(f: Family, text: string, hits: Hits | null, from: number, to: number): boolean {
  return matchesIn(f, text, hits, from, to, true).length > 0;
}

/** Where an outcome is mentioned in text[from, to) (exclusions applied): [start, end) pairs. */
function mentions(outcome: OutcomeId, text: string, hits: Hits | null, from: number, to: number): number[] {
  const { re, exclude } = outcomeTerms(outcome);
  const ms = matchesIn(re, text, hits, from, to);
  if (ms.length === 0) return ms;
  const ex = exclude ? matchesIn(exclude, text, hits, from, to) : [];
  if (ex.length === 0) return ms;
  const out: number[] = [];
  for (let i = 0; i < ms.length; i += 2) {
    let covered = false;
    for (let j = 0; j < ex.length && !covered; j += 2) covered = ex[j]! <= ms[i]! && ex[j + 1]! >= ms[i + 1]!;
    if (!covered) out.push(ms[i]!, ms[i + 1]!);
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
  /** Where sentences that may state results begin (after the aims and methods of a structured abstract). */
  readonly resultsFrom: number;
  #fallback: FindingComparison | null = null;
  /** Per sentence, what does not depend on the outcome (computed when an outcome first needs it). */
  readonly #read: (ReadSentence | undefined)[];

  constructor(study: TaggableStudy, sents: Sentence[], hits: Hits, titleSents: Sentence[], design: DesignId, isBg: (k: number) => boolean) {
    this.study = study;
    this.sents = sents;
    this.titleSents = titleSents;
    this.design = design;
    this.isBg = isBg;
    this.hits = hits;
    this.#read = new Array(sents.length);
    let first = 0;
    while (first < sents.length && NOT_RESULTS.has(sents[first]!.category as string)) first++;
    this.resultsFrom = first < sents.length ? sents[first]!.start : study.abstract.length;
  }

  read(k: number): ReadSentence {
    let r = this.#read[k];
    if (!r) {
      const s = this.sents[k]!;
      r = readSentence(this.study.abstract, this.hits, s.start, s.end);
      this.#read[k] = r;
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
    SCRATCH.length = 0;
    const ms = matchesIn(f, text, hits, from, to, false, SCRATCH);
    for (let i = 0; i < ms.length; i += 2) {
      const at = ms[i]!;
      let inside = false;
      for (let j = 0; j < nd.length && !inside; j += 2) inside = at >= nd[j]! && at < nd[j + 1]!;
      if (!inside) out.push({ start: at, end: ms[i + 1]!, kind });
    }
  }
  return out.length > 1 ? out.sort(byStart) : out;
}
/** Reused by cuesIn for one family's matches at a time (the tagger is synchronous). */
const SCRATCH: number[] = [];

/** One clause of a sentence, with what it says whatever the outcome (offsets relative to the sentence). */
interface Clause {
  start: number;
  end: number;
  text: string;
  /** The cues of the whole text (absolute offsets); this clause's are cues[c0, c1), at offset `base`. */
  cues: Cue[];
  c0: number;
  c1: number;
  base: number;
  /** Which kinds of cue the clause has (bits: KIND_BIT). */
  kinds: number;
  /** An outcome-less "the difference was not significant" applies to the clause before. */
  orphanNoDifference: boolean;
  /** significance() of the clause and whether it says "significant": computed when first needed. */
  notSignificant?: boolean;
}

const KIND_BIT = { up: 1, down: 2, better: 4, worse: 8, nodiff: 16, mixed: 32, stat: 64 } as const;

/** Index of the first cue starting at or after `at` (cues sorted by start). */
function firstCueAt(cues: Cue[], at: number): number {
  let lo = 0,
    hi = cues.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid]!.start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A sentence without any direction cue: read for no outcome. */
const NO_CUES: ReadSentence = { text: '', clauses: [], notReported: false, comparison: null, rank: -1 };

/** A sentence read once per study, for every outcome. */
interface ReadSentence {
  text: string;
  clauses: Clause[];
  notReported: boolean;
  comparison: { comparison: FindingComparison; explicit: boolean } | null;
  rank: number;
}

/** Splits text[from, to) into clauses at ";" and the clause words, with their cues (`cues`: of the whole text, by position). */
function readSentence(whole: string, hits: Hits | null, from: number, to: number): ReadSentence {
  const cues = cuesIn(whole, hits, from, to);
  if (cues.length === 0) return NO_CUES;
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
    const base = from + start;
    const c0 = firstCueAt(cues, base);
    let c1 = c0,
      kinds = 0,
      nd = -1,
      ch = -1;
    for (; c1 < cues.length && cues[c1]!.start < from + end; c1++) {
      const k = cues[c1]!.kind;
      kinds |= KIND_BIT[k];
      if (k === 'nodiff') nd < 0 && (nd = c1);
      else if (k !== 'mixed' && k !== 'stat' && ch < 0) ch = c1;
    }
    // "anxiety decreased and depression did not change": a change and a no-difference joined by "and" are two clauses
    if (nd >= 0 && ch >= 0) {
      const lo = Math.min(cues[nd]!.end, cues[ch]!.end) - base,
        hi = Math.max(cues[nd]!.start, cues[ch]!.start) - base;
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
      cues,
      c0,
      c1,
      base,
      kinds,
      orphanNoDifference: (kinds & KIND_BIT.nodiff) !== 0 && ORPHAN_NO_DIFFERENCE.test(t),
    });
  };
  for (let i = 0; i < breaks.length; i += 2) {
    push(c0, breaks[i]! - from);
    c0 = breaks[i + 1]! - from;
    while (c0 < text.length && (text.charCodeAt(c0) === 32 || text.charCodeAt(c0) === 44)) c0++;
  }
  push(c0, text.length);
  const nr = matchesIn(CUE_FAMILIES.notReported, whole, hits, from, to);
  return { text, clauses, notReported: nr.length > 0, comparison: null, rank: -1 };
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
  const kinds = c.kinds;
  if (kinds === 0) return null;
  if (kinds & KIND_BIT.mixed) return 'mixed';
  if (kinds & KIND_BIT.nodiff) return 'no_difference';
  let dir: FindingDirection;
  const worse = (kinds & KIND_BIT.worse) !== 0;
  const better = (kinds & KIND_BIT.better) !== 0;
  let best: Cue | null = null,
    bd = Infinity;
  let bestEnd = 0;
  if (kinds & (KIND_BIT.up | KIND_BIT.down))
    for (let i = c.c0; i < c.c1; i++) {
      const x = cues[i]!;
      if (x.kind !== 'up' && x.kind !== 'down') continue;
      // the change word nearest the mention (after it a little preferred: "anxiety decreased")
      const xs = x.start - c.base,
        xe = x.end - c.base;
      const d = xs >= me ? xs - me : Math.abs(ms - xe) * 1.3;
      if (d < bd) {
        bd = d;
        best = x;
        bestEnd = xe;
      }
    }
  if (worse !== better) dir = worse ? 'worsened' : 'improved';
  else if (best) {
    const text = c.text;
    const lowerIsBetter = polarityNear(outcome, text.slice(Math.max(0, ms - 30), me + 30)) === 'lower';
    let good = best.kind === 'down' ? lowerIsBetter : !lowerIsBetter;
    // "higher in the sham group than in the taVNS group": the control is the subject
    const than = text.indexOf(' than ', bestEnd);
    if (than >= 0 && CONTROL_SUBJECT.test(text.slice(0, than)) && !CONTROL_SUBJECT.test(text.slice(than))) good = !good;
    dir = good ? 'improved' : 'worsened';
  } else if (better) dir = 'improved';
  else return significance(c.text) === false ? 'no_difference' : null;
  c.notSignificant ??= significance(c.text) === false && !SIGNIFICANT.test(c.text);
  return c.notSignificant ? 'no_difference' : dir;
}

const DIRECTION_BIT: Record<FindingDirection, number> = { improved: 1, worsened: 2, no_difference: 4, mixed: 8, not_reported: 16 };
const BIT_DIRECTION = new Map(Object.entries(DIRECTION_BIT).map(([d, b]) => [b, d as FindingDirection]));

/** The direction a sentence gives an outcome (mentions: [start, end) pairs relative to it), null when none. */
function sentenceDirection(outcome: OutcomeId, r: ReadSentence, ms: number[]): FindingDirection | null {
  const cl = r.clauses;
  let dirs = 0;
  for (let i = 0; i < ms.length; i += 2) {
    const at = ms[i]!;
    let c = 0;
    while (c < cl.length && !(at >= cl[c]!.start && at < cl[c]!.end)) c++;
    if (c === cl.length) continue;
    const clause = cl[c]!;
    let d = clauseDirection(outcome, clause, at - clause.start, ms[i + 1]! - clause.start);
    // "…, but the difference was not significant": an outcome-less clause that follows decides
    if (c + 1 < cl.length && cl[c + 1]!.orphanNoDifference) {
      const next = cl[c + 1]!;
      let mentioned = false;
      for (let j = 0; j < ms.length && !mentioned; j += 2) mentioned = ms[j]! >= next.start && ms[j]! < next.end;
      if (!mentioned) d = 'no_difference';
    }
    // a mention without its own verb ("RMSSD, but not HF power, increased"): the clause after it
    for (let n = c + 1; d === null && n < cl.length; n++) d = clauseDirection(outcome, cl[n]!, 0, 0);
    if (d) dirs |= DIRECTION_BIT[d];
  }
  if (dirs === 0) return null;
  return BIT_DIRECTION.get(dirs) ?? 'mixed';
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

/** Structured sections that state aims and methods, never results. */
const NOT_RESULTS: ReadonlySet<string> = new Set([
  'BACKGROUND',
  'OBJECTIVE',
  'OBJECTIVES',
  'METHODS',
  'INTRODUCTION',
  'AIMS',
  'AIM',
  'PURPOSE',
]);

const notReported = (outcome: OutcomeId): Finding => ({ outcome, direction: 'not_reported', comparison: null, evidence: null });

/** The finding for one outcome of a study (whether or not the outcome tagger tagged it). */
export function findingIn(doc: FindingDoc, outcome: OutcomeId): Finding {
  if (doc.design === 'protocol') return notReported(outcome);
  const text = doc.study.abstract;
  let best: { k: number; direction: FindingDirection; comparison: FindingComparison; rank: number } | null = null;
  // one pass over the abstract for the outcome's mentions, then only the sentences with a cue
  const all = mentions(outcome, text, doc.hits, doc.resultsFrom, text.length);
  for (let i = 0; i < all.length; ) {
    const k = sentenceIndexAt(doc.sents, all[i]!);
    if (k < 0) {
      i += 2;
      continue;
    }
    const s = doc.sents[k]!;
    if (NOT_RESULTS.has(s.category as string)) {
      while (i < all.length && all[i]! < s.end) i += 2;
      continue;
    }
    const ms: number[] = [];
    for (; i < all.length && all[i]! < s.end; i += 2) ms.push(all[i]! - s.start, all[i + 1]! - s.start);
    if (doc.isBg(k) && s.category !== 'CONCLUSIONS' && s.category !== 'RESULTS') continue;
    const r = doc.read(k);
    if (r === NO_CUES || r.notReported) continue;
    const direction = sentenceDirection(outcome, r, ms);
    if (!direction) continue;
    r.comparison ??= comparisonOf(doc, text, doc.hits, s.start, s.end);
    const { comparison, explicit } = r.comparison;
    if (r.rank < 0) r.rank = rankOf(doc, s, r.text, explicit, comparison);
    const rank = r.rank;
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
  const r = readSentence(title, null, 0, title.length);
  const direction = r.notReported ? null : sentenceDirection(outcome, r, ms);
  if (!direction) return notReported(outcome);
  return {
    outcome,
    direction,
    comparison: comparisonOf(doc, title, null, 0, title.length).comparison,
    evidence: { field: 'title', sentence: title, start: 0, end: title.length, ruleId: `finding.${direction}` },
  };
}

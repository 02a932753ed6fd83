/**
 * Quality signals of one study, each with the sentence that states it: randomised, blinded (and
 * who), sham/placebo-controlled, active comparator, registrations, number randomised or enrolled,
 * and for reviews the number of included studies. They describe the study itself: a review that
 * pools randomised, sham-controlled trials is not itself randomised or sham-controlled.
 */
import type { BlindingValue, DesignId } from '@evidence/schema/vocabulary';
import { execFrom, family, type Family, type Hits } from './scan.ts';
import { TENS, UNITS } from './sample-size.ts';
import { sentenceIndexAt, type Sentence } from './text.ts';
import type { Evidence, SampleSizeTag, TaggableStudy } from './types.ts';
import { findRegistrations, REGISTRATION_FAMILY, type Registration } from './registrations.ts';

/** A signal's value and where the text states it (null: nothing stated, or only a publication type). */
export interface Signal<T> {
  value: T;
  evidence: Evidence | null;
}

export interface QualitySignals {
  randomised: Signal<boolean>;
  /** null: no blinding stated (or it is negated). A level when the text names one, else who was blinded. */
  blinded: Signal<BlindingValue[] | null>;
  shamOrPlacebo: Signal<boolean>;
  activeComparator: Signal<boolean>;
  registrations: Registration[];
  nRandomisedOrEnrolled: Signal<number | null>;
  /** Reviews and meta-analyses only. */
  includedStudies: Signal<number | null>;
}

/** Designs whose signals describe other studies' methods, never their own. */
export const SYNTHESIS_DESIGNS: ReadonlySet<DesignId> = new Set(['meta_analysis', 'systematic_review', 'review']);

const RANDOM = family(/\brandomi[sz]|\brandomly (?:assign|allocat|divid|split)|\brandom (?:assignment|allocation|order)/gi);
const RANDOM_NOT = /\bnon-?randomi[sz]|\bnot (?:been )?randomi[sz]|\bwithout randomi[sz]|\bquasi-randomi|\bunrandomi[sz]/i;

const BLIND = family(
  /\b(?:double|single|triple|quadruple)[- ](?:blind|mask)|\bblind(?:ed|ing)?\b|\bmask(?:ed|ing)\b|\bunaware of\b|\bnot told which\b|\bopen[- ]label/gi,
);
const BLIND_NOT =
  /\b(?:could|can|was|were) not (?:be )?(?:blind|mask)|\bnot (?:blinded|masked)|\bunblinded|\bno (?:study )?blind|\bwithout blind|\b(?:inadequate|lack of|absence of|no) (?:blinding|masking)|\bnon-?blinded/i;
const LEVEL: readonly [RegExp, BlindingValue][] = [
  [/\b(?:triple|quadruple)[- ](?:blind|mask)/i, 'triple'],
  [/\bdouble[- ](?:blind|mask)/i, 'double'],
  [/\bsingle[- ](?:blind|mask)/i, 'single'],
];
const WHO: readonly [RegExp, BlindingValue][] = [
  [
    /\b(?:participants?|patients?|subjects?|students?|volunteers?|children|adolescents|women|men|veterans|people|clients|nurses)\b|\bnot told which/i,
    'participants',
  ],
  [
    /\b(?:assessors?|raters?|evaluators?|examiners?|assessment|technicians?|interviewers?|scorers?|outcome assessor|the person (?:who|doing|performing))/i,
    'assessors',
  ],
  [/\b(?:investigators?|researchers?|experimenters?|therapists?|clinicians? (?:delivering|administering))\b/i, 'investigators'],
];

const SHAM = family(/\bsham\b|\bsham-|\bplacebo/gi);
const SHAM_NOT =
  /\b(?:no|without(?: an?)?|lack of(?: an?)?|absence of(?: an?)?|not) (?:sham|placebo)|\bplacebo effects?\b|\bplacebo response\b/i;

const ACTIVE_TREATMENTS =
  'cognitive[- ]behaviou?ral|CBT|TF-CBT|prolonged exposure|exposure therapy|progressive (?:muscle )?relaxation|PMR|stretching|relaxation|relaxing music|psychoeducation|sleep hygiene|counsell?ing|mindfulness|yoga|aerobic|exercise|pharmacotherapy|medication|sertraline|paroxetine|escitalopram|fluoxetine|standard Valsalva|pressure support|T-piece|non-adaptive|health enhancement|supportive therapy|present-centred|present-centered|trauma-focused';
const ACTIVE = family(
  new RegExp(
    `\\bactive (?:control|comparator|comparison)|\\b(?:versus|vs\\.?|compared (?:with|to)|than|or|against|either|to receive|received|receiving|control (?:group|condition|arm)[^.]{0,30}?)\\s+(?:(?:a|an|the|\\d+|brief|standard|group|individual|guided|weekly|sessions? of)\\s+){0,3}(?:${ACTIVE_TREATMENTS})\\b`,
    'gi',
  ),
);
const ACTIVE_IS_INTERVENTION = /\bcombined with\b|\bplus\b|\badd-on\b|\badjunct/i;

/** "two" … "twenty" (a count of studies is never written "one"), from sample-size.ts's number words. */
const NUMBER_WORDS: Record<string, number> = Object.fromEntries(Object.entries({ ...UNITS, ...TENS }).filter(([, n]) => n >= 2 && n <= 20));
const NUM = `(\\d{1,4}|${Object.keys(NUMBER_WORDS).join('|')})`;
const STUDIES = '(?:studies|trials|RCTs|articles|reports|papers|publications|cohorts)';
const INCLUDED_AFTER = new RegExp(
  `\\b(?:includ(?:ed|ing)|identified|pooled|synthesi[sz](?:ed|ing)|analy[sz](?:ed|ing)|yielded|retained|comprised|of)\\s+${NUM}\\s+(?:[\\w-]+\\s+){0,3}?${STUDIES}\\b`,
  'i',
);
const INCLUDED_BEFORE = new RegExp(
  `\\b${NUM}\\s+(?:[\\w-]+\\s+){0,3}?${STUDIES}\\b(?:\\s*\\([^)]{0,60}\\))?[^.;]{0,40}?\\b(?:were|was|met|fulfilled|are)\\s+(?:\\w+\\s+)?(?:included|eligible|pooled|retained|the inclusion)`,
  'i',
);
const NOT_INCLUDED_COUNT = /\b(?:records|citations|screened|full[- ]texts?|hits)\b/i;

/** The regexes this module runs through the prefilter. */
export const QUALITY_FAMILIES: readonly Family[] = [RANDOM, BLIND, SHAM, ACTIVE, REGISTRATION_FAMILY];

interface Doc {
  study: TaggableStudy;
  sents: Sentence[];
  hits: Hits;
  isBg: (k: number) => boolean;
}

function evidenceAt(doc: Doc, k: number, start: number, end: number, ruleId: string): Evidence {
  const s = doc.sents[k]!;
  return { field: 'abstract', sentence: doc.study.abstract.slice(s.start, s.end), start, end, ruleId };
}

/** Calls visit(sentence index, match) for each match of `f` in a non-background sentence until it returns true. */
function eachCue(doc: Doc, f: Family, visit: (k: number, m: RegExpExecArray) => boolean): void {
  const text = doc.study.abstract;
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = execFrom(f, text, doc.hits, from))) {
    from = m.index + Math.max(1, m[0].length);
    const k = sentenceIndexAt(doc.sents, m.index);
    if (k < 0 || doc.isBg(k)) continue;
    if (visit(k, m)) return;
  }
}

function sentenceText(doc: Doc, k: number): string {
  const s = doc.sents[k]!;
  return doc.study.abstract.slice(s.start, s.end);
}

function randomised(doc: Doc, synthesis: boolean): Signal<boolean> {
  if (synthesis) return { value: false, evidence: null };
  let found: Signal<boolean> | null = null;
  eachCue(doc, RANDOM, (k, m) => {
    if (RANDOM_NOT.test(sentenceText(doc, k))) return false;
    found = { value: true, evidence: evidenceAt(doc, k, m.index, m.index + m[0].length, 'quality.randomised') };
    return true;
  });
  if (found) return found;
  const i = doc.study.publicationTypes.findIndex((t) => /^Randomized Controlled Trial/i.test(t));
  if (i >= 0) {
    const t = doc.study.publicationTypes[i]!;
    return {
      value: true,
      evidence: { field: 'publication_type', sentence: t, start: 0, end: t.length, ruleId: 'quality.randomised.type', index: i },
    };
  }
  return { value: false, evidence: null };
}

function blinded(doc: Doc, synthesis: boolean): Signal<BlindingValue[] | null> {
  if (synthesis) return { value: null, evidence: null };
  const values = new Set<BlindingValue>();
  let evidence: Evidence | null = null;
  let negated = false;
  let openLabel: Evidence | null = null;
  eachCue(doc, BLIND, (k, m) => {
    const sent = sentenceText(doc, k);
    const ev = evidenceAt(doc, k, m.index, m.index + m[0].length, 'quality.blinded');
    if (/^open/i.test(m[0])) {
      openLabel ??= ev;
      return false;
    }
    if (BLIND_NOT.test(sent)) {
      negated = true;
      return false;
    }
    const level = LEVEL.find(([re]) => re.test(m[0]));
    if (level) {
      values.clear();
      values.add(level[1]);
      evidence = ev;
      return true;
    }
    // who: the nouns of the clause around the cue
    const s = doc.sents[k]!;
    const at = m.index - s.start;
    const window = sent.slice(Math.max(0, at - 70), Math.min(sent.length, at + m[0].length + 45));
    for (const [re, who] of WHO) if (re.test(window)) values.add(who);
    evidence ??= ev;
    return false;
  });
  if (values.size) return { value: [...values], evidence };
  if (evidence && !negated) return { value: ['participants'], evidence };
  if (openLabel) return { value: ['open_label'], evidence: openLabel };
  return { value: null, evidence: null };
}

function shamOrPlacebo(doc: Doc, synthesis: boolean): Signal<boolean> {
  if (synthesis) return { value: false, evidence: null };
  let found: Signal<boolean> | null = null;
  eachCue(doc, SHAM, (k, m) => {
    const s = doc.sents[k]!;
    const around = doc.study.abstract.slice(Math.max(s.start, m.index - 25), Math.min(s.end, m.index + 30));
    if (SHAM_NOT.test(around)) return false;
    found = { value: true, evidence: evidenceAt(doc, k, m.index, m.index + m[0].length, 'quality.sham_or_placebo') };
    return true;
  });
  return found ?? { value: false, evidence: null };
}

function activeComparator(doc: Doc, synthesis: boolean): Signal<boolean> {
  if (synthesis) return { value: false, evidence: null };
  let found: Signal<boolean> | null = null;
  eachCue(doc, ACTIVE, (k, m) => {
    const s = doc.sents[k]!;
    const around = doc.study.abstract.slice(Math.max(s.start, m.index - 40), m.index + m[0].length);
    if (ACTIVE_IS_INTERVENTION.test(around)) return false;
    found = { value: true, evidence: evidenceAt(doc, k, m.index, m.index + m[0].length, 'quality.active_comparator') };
    return true;
  });
  return found ?? { value: false, evidence: null };
}

function includedStudies(doc: Doc): Signal<number | null> {
  const text = doc.study.abstract;
  for (let k = 0; k < doc.sents.length; k++) {
    if (doc.isBg(k)) continue;
    const sent = sentenceText(doc, k);
    for (const re of [INCLUDED_AFTER, INCLUDED_BEFORE]) {
      const m = re.exec(sent);
      if (!m || NOT_INCLUDED_COUNT.test(m[0])) continue;
      const raw = m[1]!.toLowerCase();
      const value = NUMBER_WORDS[raw] ?? Number(raw);
      const start = doc.sents[k]!.start + m.index;
      return {
        value,
        evidence: { field: 'abstract', sentence: sent, start, end: start + m[0].length, ruleId: 'quality.included_studies' },
      };
    }
  }
  return text ? { value: null, evidence: null } : { value: null, evidence: null };
}

export function tagQuality(
  study: TaggableStudy,
  design: DesignId,
  sents: Sentence[],
  hits: Hits,
  isBg: (k: number) => boolean,
  titleSents: Sentence[],
  titleHits: Hits,
  sampleSize: SampleSizeTag | null,
): QualitySignals {
  const doc: Doc = { study, sents, hits, isBg };
  const synthesis = SYNTHESIS_DESIGNS.has(design);
  return {
    randomised: randomised(doc, synthesis),
    blinded: blinded(doc, synthesis),
    shamOrPlacebo: shamOrPlacebo(doc, synthesis),
    activeComparator: activeComparator(doc, synthesis),
    registrations: findRegistrations(study, sents, hits, titleSents, titleHits),
    nRandomisedOrEnrolled: { value: sampleSize?.value ?? null, evidence: sampleSize?.evidence ?? null },
    includedStudies: design === 'meta_analysis' || design === 'systematic_review' ? includedStudies(doc) : { value: null, evidence: null },
  };
}

/**
 * tagStudy over a given prefilter. The rule regexes of every tagger go into one Scanner, built once
 * from the rules at module load and immutable after; the tests also build one that filters nothing
 * (plain RegExp matching) and hold the two to the same output.
 */
import { TextCtx, OUTCOME_FAMILIES, tagOutcomes } from './outcomes.ts';
import { DESIGN_FAMILIES, tagDesign } from './design.ts';
import { SAMPLE_SIZE_FAMILIES, tagSampleSize } from './sample-size.ts';
import { INTERVENTION_FAMILIES, tagInterventions } from './interventions.ts';
import { abstractSentences, titleSentences, withPlainSpaces } from './text.ts';
import { RULESET_VERSION } from './rules.ts';
import { FINDING_FAMILIES, FindingDoc, findingIn } from './findings.ts';
import { QUALITY_FAMILIES, tagQuality } from './quality.ts';
import type { OutcomeId } from '@evidence/schema/vocabulary';
import { Scanner, type Family } from './scan.ts';
import type { DesignTag, Evidence, Finding, InterventionTag, OutcomeTag, SampleSizeTag, TaggableStudy } from './types.ts';
import type { QualitySignals } from './quality.ts';

/** Everything the tagger says about one study. */
export interface StudyTags {
  outcomes: OutcomeTag[];
  design: DesignTag;
  sampleSize: SampleSizeTag | null;
  interventions: InterventionTag[];
  /** Per tagged outcome, what the study found for it (same order as outcomes). */
  findings: Finding[];
  quality: QualitySignals;
  rulesetVersion: string;
}

export const RULE_FAMILIES: readonly Family[] = [
  ...OUTCOME_FAMILIES,
  ...DESIGN_FAMILIES,
  ...SAMPLE_SIZE_FAMILIES,
  ...INTERVENTION_FAMILIES,
  ...FINDING_FAMILIES,
  ...QUALITY_FAMILIES,
];
export const RULE_SCANNER = new Scanner(RULE_FAMILIES);

/** Rules match on plain spaces; evidence sentences are then quoted from the original text (same offsets). */
export function tagStudyWith(scanner: Scanner, study: TaggableStudy): StudyTags {
  const plain = withPlainSpaces(study);
  if (!plain) return tagPlain(scanner, study);
  const tags = tagPlain(scanner, plain);
  const quote = (e: Evidence | null) => {
    if (e?.field !== 'title' && e?.field !== 'abstract') return;
    const at = plain[e.field].lastIndexOf(e.sentence, e.start);
    if (at >= 0) e.sentence = study[e.field].slice(at, at + e.sentence.length);
  };
  for (const o of tags.outcomes) quote(o.evidence);
  quote(tags.design.evidence);
  quote(tags.sampleSize?.evidence ?? null);
  for (const i of tags.interventions) quote(i.evidence);
  return tags;
}

function tagPlain(scanner: Scanner, study: TaggableStudy): StudyTags {
  const absS = abstractSentences(study);
  const titleS = titleSentences(study.title);
  const meshTerms = study.mesh.map((m) => m.descriptor);
  const absHits = scanner.scan(study.abstract);
  const titleHits = scanner.scan(study.title);
  const abs = new TextCtx().reset(study.abstract, absS, absHits);
  const title = new TextCtx().reset(study.title, titleS, titleHits);
  const design = tagDesign(study, absS, titleHits, absHits);
  const outcomes = tagOutcomes(study, title, abs, meshTerms);
  const sampleSize = tagSampleSize(study, design.design, absS, (s) => abs.isBgSentence(s), absHits);
  const isBg = (k: number) => abs.isBg(k);
  const doc = new FindingDoc(study, absS, absHits, titleS, design.design, isBg);
  return {
    outcomes,
    design,
    sampleSize,
    interventions: tagInterventions(study, absS, absHits),
    findings: outcomes.map((o) => findingIn(doc, o.outcome)),
    quality: tagQuality(study, design.design, absS, absHits, isBg, titleS, titleHits, sampleSize),
    rulesetVersion: RULESET_VERSION,
  };
}

/** The finding for one outcome, tagged or not: lets the evaluation score direction given the gold outcome. */
export function findingForWith(scanner: Scanner, outcome: OutcomeId, study: TaggableStudy): Finding {
  const absS = abstractSentences(study);
  const absHits = scanner.scan(study.abstract);
  const abs = new TextCtx().reset(study.abstract, absS, absHits);
  const design = tagDesign(study, absS, scanner.scan(study.title), absHits);
  return findingIn(new FindingDoc(study, absS, absHits, titleSentences(study.title), design.design, (k) => abs.isBg(k)), outcome);
}

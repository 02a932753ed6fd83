/** @evidence/tagger: pure rule-based tagging of studies. Rules are data in ../rules/*.json. */
import { TextCtx, tagOutcomes } from './outcomes.ts';
import { tagDesign } from './design.ts';
import { tagSampleSize } from './sample-size.ts';
import { tagInterventions } from './interventions.ts';
import { abstractSentences, titleSentences } from './text.ts';
import { RULESET_VERSION } from './rules.ts';
import { Hits, scan } from './scan.ts';
import type { StudyTags, TaggableStudy } from './types.ts';

export type { TaggableStudy, Evidence, EvidenceField, OutcomeTag, DesignTag, SampleSizeTag, InterventionTag, StudyTags } from './types.ts';
export { matchTopics } from './topics.ts';
export { applyCuratorDecisions, type CuratorDecision, type EffectiveTags, type EffectiveOutcome, type EffectiveValue, type DecidedBy } from './curator.ts';
export { RULESET_VERSION };

// Reused between calls (tagStudy is synchronous and not re-entrant).
const absHits = new Hits();
const titleHits = new Hits();
const absCtx = new TextCtx();
const titleCtx = new TextCtx();

export function tagStudy(study: TaggableStudy): StudyTags {
  const absS = abstractSentences(study);
  const titleS = titleSentences(study.title);
  const meshTerms = study.mesh.map((m) => m.descriptor);
  scan(study.abstract, absHits);
  scan(study.title, titleHits);
  const abs = absCtx.reset(study.abstract, absS, absHits);
  const title = titleCtx.reset(study.title, titleS, titleHits);
  const design = tagDesign(study, absS, titleHits, absHits);
  return {
    outcomes: tagOutcomes(study, title, abs, meshTerms),
    design,
    sampleSize: tagSampleSize(study, design.design, absS, (s) => abs.isBgSentence(s), absHits),
    interventions: tagInterventions(study, absS, absHits),
    rulesetVersion: RULESET_VERSION,
  };
}

/** @evidence/tagger: pure rule-based tagging of studies. Rules are data in ../rules/*.json. */
import { isBackground, tagOutcomes } from './outcomes.ts';
import { tagDesign } from './design.ts';
import { tagSampleSize } from './sample-size.ts';
import { tagInterventions } from './interventions.ts';
import { abstractSentences, titleSentences } from './text.ts';
import { RULESET_VERSION } from './rules.ts';
import type { StudyTags, TaggableStudy } from './types.ts';

export type { TaggableStudy, Evidence, EvidenceField, OutcomeTag, DesignTag, SampleSizeTag, InterventionTag, StudyTags } from './types.ts';
export { matchTopics } from './topics.ts';
export { applyCuratorDecisions, type CuratorDecision, type EffectiveTags, type EffectiveOutcome, type EffectiveValue, type DecidedBy } from './curator.ts';
export { RULESET_VERSION };

export function tagStudy(study: TaggableStudy): StudyTags {
  const absS = abstractSentences(study);
  const titleS = titleSentences(study.title);
  const meshTerms = study.mesh.map((m) => m.descriptor);
  const design = tagDesign(study, absS);
  return {
    outcomes: tagOutcomes(study, titleS, absS, meshTerms),
    design,
    sampleSize: tagSampleSize(study, design.design, absS, (s) => isBackground(study.abstract, s)),
    interventions: tagInterventions(study, absS),
    rulesetVersion: RULESET_VERSION,
  };
}

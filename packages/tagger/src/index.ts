/** @evidence/tagger: pure rule-based tagging of studies. Rules are data in ../rules/*.json. */
import { RULESET_VERSION } from './rules.ts';
import { findingForWith, RULE_SCANNER, tagStudyWith } from './tag.ts';
import type { TaggableStudy } from './types.ts';
import type { StudyTags } from './tag.ts';
import type { Finding } from './types.ts';
import type { OutcomeId } from '@evidence/schema/vocabulary';

export { toTaggable, type ParsedRecordFields } from './taggable.ts';
export type { TaggableStudy, Evidence, EvidenceField, OutcomeTag, DesignTag, SampleSizeTag, InterventionTag } from './types.ts';
export type { StudyTags } from './tag.ts';
export { matchTopics } from './topics.ts';
export type { Finding } from './types.ts';
export type { QualitySignals, Signal } from './quality.ts';
export { registryUrl, registryOf, REGISTRIES, type Registry, type Registration } from './registrations.ts';
export { RULESET_VERSION };

export function tagStudy(study: TaggableStudy): StudyTags {
  return tagStudyWith(RULE_SCANNER, study);
}

/** What the study found for `outcome`, whether or not the outcome tagger tagged it (the evaluation scores direction given the gold outcome). */
export function findingFor(outcome: OutcomeId, study: TaggableStudy): Finding {
  return findingForWith(RULE_SCANNER, outcome, study);
}

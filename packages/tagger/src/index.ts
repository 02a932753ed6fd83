/** @evidence/tagger: pure rule-based tagging of studies. Rules are data in ../rules/*.json. */
import { RULESET_VERSION } from './rules.ts';
import { RULE_SCANNER, tagStudyWith } from './tag.ts';
import type { StudyTags, TaggableStudy } from './types.ts';

export { toTaggable, type ParsedRecordFields } from './taggable.ts';
export type { TaggableStudy, Evidence, EvidenceField, OutcomeTag, DesignTag, SampleSizeTag, InterventionTag, StudyTags } from './types.ts';
export { matchTopics } from './topics.ts';
export { RULESET_VERSION };

export function tagStudy(study: TaggableStudy): StudyTags {
  return tagStudyWith(RULE_SCANNER, study);
}

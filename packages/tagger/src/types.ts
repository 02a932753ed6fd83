import type { DesignId, FindingComparison, FindingDirection, OutcomeId } from '@evidence/schema/vocabulary';

export interface TaggableStudy {
  pmid: string;
  title: string;
  /** Plain text, sections joined as "LABEL: text" separated by "\n\n". */
  abstract: string;
  abstractSections: { label: string | null; nlmCategory: string | null; text: string }[];
  publicationTypes: string[];
  mesh: { descriptor: string; qualifiers: string[]; majorTopic: boolean }[];
  keywords: string[];
  /** PubMed's DataBankList (trial registries NLM linked); absent when the source had none. */
  dataBanks?: { name: string; accessionNumbers: string[] }[];
}

export type EvidenceField = 'title' | 'abstract' | 'mesh' | 'keyword' | 'publication_type';

/**
 * Where a tag came from. For title/abstract, start/end are offsets into study.title / study.abstract
 * of the matched span and `sentence` is the enclosing sentence. For mesh/keyword/publication_type,
 * `index` is the position in the array, `sentence` is that entry's text and start/end are offsets into it.
 */
export interface Evidence {
  field: EvidenceField;
  sentence: string;
  start: number;
  end: number;
  ruleId: string;
  index?: number;
}

export interface OutcomeTag {
  outcome: OutcomeId;
  evidence: Evidence;
}
export interface DesignTag {
  design: DesignId;
  evidence: Evidence | null;
}
export interface SampleSizeTag {
  value: number;
  evidence: Evidence;
}
export interface InterventionTag {
  parameter: string;
  value: string;
  unit: string | null;
  evidence: Evidence;
}

/** What the study found for one outcome (findings.ts; ADR 0015). */
export interface Finding {
  outcome: OutcomeId;
  direction: FindingDirection;
  /** null when not_reported. */
  comparison: FindingComparison | null;
  /** The sentence that carries the direction (start/end: the sentence's offsets in the title or abstract); null when not_reported. */
  evidence: Evidence | null;
}

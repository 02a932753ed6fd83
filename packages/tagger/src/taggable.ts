import type { TaggableStudy } from './types.ts';

/** What the tagger reads of a parsed PubMed record (@evidence/pubmed's PubmedRecord has this shape). */
export interface ParsedRecordFields {
  pmid: string;
  title: { text: string };
  abstract: { text: string } | null;
  abstractSections: readonly { label: string | null; nlmCategory: string | null; text: string }[];
  publicationTypes: readonly { name: string }[];
  mesh: readonly { descriptor: string; qualifiers: readonly { name: string }[]; majorTopic: boolean }[];
  keywords: readonly { keyword: string }[];
  dataBanks?: readonly { name: string; accessionNumbers: readonly string[] }[];
}

/** The tagger's view of a parsed record: the ingestion, the evaluation and the
 * prefilter's comparison test all build it here. */
export function toTaggable(record: ParsedRecordFields): TaggableStudy {
  return {
    pmid: record.pmid,
    title: record.title.text,
    abstract: record.abstract?.text ?? '',
    abstractSections: record.abstractSections.map((s) => ({ label: s.label, nlmCategory: s.nlmCategory, text: s.text })),
    publicationTypes: record.publicationTypes.map((p) => p.name),
    mesh: record.mesh.map((m) => ({ descriptor: m.descriptor, qualifiers: m.qualifiers.map((q) => q.name), majorTopic: m.majorTopic })),
    keywords: record.keywords.map((k) => k.keyword),
    ...(record.dataBanks?.length
      ? { dataBanks: record.dataBanks.map((b) => ({ name: b.name, accessionNumbers: [...b.accessionNumbers] })) }
      : {}),
  };
}

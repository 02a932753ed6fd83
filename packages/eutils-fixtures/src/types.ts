/** What a fixture study is made of. Everything here becomes PubMed-format XML in xml.ts. */

export interface AbstractSection {
  /** Shown as Label="…" (e.g. "BACKGROUND"); omit for an unstructured abstract. */
  label?: string;
  nlmCategory?: 'BACKGROUND' | 'OBJECTIVE' | 'METHODS' | 'RESULTS' | 'CONCLUSIONS' | 'UNASSIGNED';
  text: string;
}

export type AuthorSpec = { last: string; fore: string; initials?: string; affiliation?: string } | { collective: string };

export interface MeshSpec {
  descriptor: string;
  ui?: string;
  major?: boolean;
  qualifiers?: string[];
}

export interface CommentCorrectionSpec {
  refType: string; // "RetractionIn", "CommentOn", "ErratumIn", …
  refSource: string;
  pmid?: number;
}

export interface StudySpec {
  /** ≥ 90000000: fixture PMIDs are visibly synthetic. */
  pmid: number;
  version?: number;
  status?: 'MEDLINE' | 'PubMed-not-MEDLINE' | 'In-Process' | 'In-Data-Review' | 'Publisher';
  /** Must start with "[Fixture]". May contain PubMed inline markup (<i>, <b>, <sup>, <sub>, <u>); anything else is text. */
  title: string;
  abstract: AbstractSection[];
  authors: AuthorSpec[];
  journal: { title: string; isoAbbreviation?: string; issn?: string; volume?: string; issue?: string };
  /** YYYY, YYYY-MM or YYYY-MM-DD. */
  pubDate: string;
  pages?: string;
  language?: string;
  publicationTypes: string[];
  mesh?: MeshSpec[];
  keywords?: string[];
  doi?: string;
  pmc?: string;
  /** Entrez creation date (crdt), YYYY-MM-DD. */
  createdDate: string;
  /** Last modification date (mdat), YYYY-MM-DD. */
  modifiedDate: string;
  /** PMID of the retraction notice: adds "Retracted Publication" and a RetractionIn link. */
  retractionIn?: number;
  commentsCorrections?: CommentCorrectionSpec[];
  /** Topic ids (data/topics.json) whose query finds this study. */
  topics: string[];
}

/**
 * What the parser produces for one PubMed record: every field a citation or the tagger needs,
 * as given by NLM (strings stay strings), plus the record's own XML so it can be re-parsed later.
 */

/** Text with inline markup kept: `text` is plain, `markup` keeps only i/b/sup/sub/u as tags
 * (everything else, MathML included, reduced to its text) with all other characters escaped. */
export interface RichText {
  text: string;
  markup: string;
}

export interface AbstractSection extends RichText {
  /** The section's Label attribute ("BACKGROUND", "Results"), null for an unlabelled abstract. */
  label: string | null;
  /** NLM's normalised category: BACKGROUND, OBJECTIVE, METHODS, RESULTS, CONCLUSIONS, UNASSIGNED. */
  nlmCategory: string | null;
}

export interface OtherAbstract {
  type: string | null;
  language: string | null;
  sections: AbstractSection[];
}

export interface Author {
  /** Person name parts; null for a collective (group) author. */
  lastName: string | null;
  foreName: string | null;
  initials: string | null;
  suffix: string | null;
  collectiveName: string | null;
  orcid: string | null;
  affiliations: string[];
  /** false when the XML says ValidYN="N". */
  valid: boolean;
  /** true for entries of InvestigatorList rather than AuthorList. */
  investigator: boolean;
}

export interface PublicationDate {
  /** Year as given, or the first year found in a MedlineDate. */
  year: number | null;
  /** Month as given ("Dec", "12"), or derived from a Season/MedlineDate start. */
  month: string | null;
  day: string | null;
  season: string | null;
  /** The MedlineDate string when the date was free text ("1998 Dec-1999 Jan"). */
  medlineDate: string | null;
  /** ISO-like sortable date: YYYY, YYYY-MM or YYYY-MM-DD (as precise as the record is). */
  sortable: string | null;
}

export interface MeshHeading {
  descriptor: string;
  descriptorUi: string | null;
  majorTopic: boolean;
  qualifiers: { name: string; ui: string | null; majorTopic: boolean }[];
}

export type CorrectionRefType =
  | 'RetractionIn'
  | 'RetractionOf'
  | 'ErratumIn'
  | 'ErratumFor'
  | 'ExpressionOfConcernIn'
  | 'ExpressionOfConcernFor'
  | 'UpdateIn'
  | 'UpdateOf'
  | 'CommentIn'
  | 'CommentOn'
  | 'RepublishedIn'
  | 'RepublishedFrom'
  | 'ReprintIn'
  | 'ReprintOf'
  | 'PartialRetractionIn'
  | 'PartialRetractionOf'
  | (string & {});

export interface CommentCorrection {
  refType: CorrectionRefType;
  refSource: string | null;
  pmid: string | null;
}

export interface PubmedRecord {
  kind: 'article' | 'book';
  /** Kept as a string: it is an identifier, not a quantity. */
  pmid: string;
  pmidVersion: number;
  title: RichText;
  vernacularTitle: string | null;
  /** Whole abstract as plain text and markup; sections joined by blank lines with "LABEL: ". */
  abstract: RichText | null;
  abstractSections: AbstractSection[];
  otherAbstracts: OtherAbstract[];
  copyright: string | null;
  journal: {
    title: string | null;
    isoAbbreviation: string | null;
    issn: string | null;
    issnType: string | null;
    issnLinking: string | null;
    nlmUniqueId: string | null;
  };
  volume: string | null;
  issue: string | null;
  pages: string | null;
  publicationDate: PublicationDate;
  /** ArticleDate (electronic publication), YYYY-MM-DD when present. */
  electronicDate: string | null;
  languages: string[];
  doi: string | null;
  pmcId: string | null;
  /** Every ArticleId / ELocationID pair, e.g. { type: 'pii', value: 'S0…' }. */
  articleIds: { type: string; value: string }[];
  /**
   * The publisher's ELocationIDs alone (MEDLINE text: LID lines), invalid ones (ValidYN="N") left out.
   * Without MedlinePgn, a pii here is the article's location as NLM cites it (an article number
   * such as e006094), which articleIds cannot tell apart from an ArticleIdList pii.
   */
  eLocationIds: { type: string; value: string }[];
  publicationTypes: { name: string; ui: string | null }[];
  mesh: MeshHeading[];
  keywords: { keyword: string; majorTopic: boolean; owner: string | null }[];
  /** DataBankList: trial registries and data banks NLM linked to the article, e.g.
   * { name: 'ClinicalTrials.gov', accessionNumbers: ['NCT01234567'] } (MEDLINE text: SI lines). */
  dataBanks: { name: string; accessionNumbers: string[] }[];
  commentsCorrections: CommentCorrection[];
  authors: Author[];
  /** Publication status history dates from PubmedData/History, e.g. { status: 'pubmed', date: '2024-01-05' }. */
  history: { status: string; date: string }[];
  /** MedlineCitation dates, ISO YYYY-MM-DD. */
  dateCompleted: string | null;
  dateRevised: string | null;
  /** Book records: book title, publisher, etc., when kind === 'book'. */
  book: {
    title: string | null;
    /** PublisherName and PublisherLocation joined ("Name, Location"); the parts follow for citations. */
    publisher: string | null;
    publisherName: string | null;
    publisherLocation: string | null;
    chapterTitle: string | null;
  } | null;
  /** The record exactly as it appeared in the source document (XML, or MEDLINE text for .nbib). */
  rawXml: string;
  rawFormat: 'xml' | 'medline';
}

/** A PMID that NLM asked to delete (DeleteCitation in update files). */
export interface DeletedCitation {
  pmid: string;
  pmidVersion: number;
}

/** A record that could not be parsed: skipped, never fatal for the rest of the batch. */
export interface RecordParseError {
  pmid: string | null;
  reason: string;
}

export interface ParseResult {
  records: PubmedRecord[];
  deletions: DeletedCitation[];
  errors: RecordParseError[];
}

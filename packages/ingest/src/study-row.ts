import type { PubmedRecord } from '@evidence/pubmed';
import { authorSearchText, type StudyRow } from '@evidence/schema';
import { createHash } from 'node:crypto';

/**
 * The columns of `studies` that come from the record itself (not timestamps or provenance), as
 * @evidence/schema's StudyRow types them, plus the authors (hashed with them, stored in `authors`).
 */
type StudyContent = Pick<StudyRow, (typeof CONTENT_COLUMNS)[number]> & { authors_json: string };

export const CONTENT_COLUMNS = [
  'pmid_version',
  'kind',
  'title',
  'title_markup',
  'vernacular_title',
  'abstract',
  'abstract_markup',
  'abstract_sections',
  'other_abstracts',
  'copyright',
  'journal_title',
  'journal_iso',
  'issn',
  'issn_linking',
  'volume',
  'issue',
  'pages',
  'pub_year',
  'pub_month',
  'pub_day',
  'pub_season',
  'pub_medline_date',
  'pub_date_sort',
  'electronic_date',
  'languages',
  'doi',
  'pmc_id',
  'article_ids',
  'publication_types',
  'mesh',
  'keywords',
  'comments_corrections',
  'is_retracted',
  'has_erratum',
  'has_concern',
  'keywords_text',
  'mesh_text',
  'authors_text',
  'authors_short',
  'date_completed',
  'date_revised',
] as const satisfies readonly (keyof StudyRow)[];

/** Maps a parsed record to the study columns, plus a hash that changes only when content does. */
function toStudyContent(record: PubmedRecord): { content: StudyContent; hash: string } {
  // authors_text is derived from the authors (hashed as authors_json), so it stays out of the hash:
  // adding it (migration 0010) does not make every stored record look changed.
  const { content: hashed, hash } = hashedContent(record);
  return { content: { ...hashed, authors_text: authorSearchText(record.authors) }, hash };
}

function hashedContent(record: PubmedRecord): { content: Omit<StudyContent, 'authors_text'>; hash: string } {
  const refTypes = new Set(record.commentsCorrections.map((c) => c.refType));
  const pubTypes = record.publicationTypes.map((p) => p.name);
  const date = record.publicationDate;
  const content: Omit<StudyContent, 'authors_text'> = {
    pmid_version: record.pmidVersion,
    kind: record.kind,
    title: record.title.text,
    title_markup: record.title.markup,
    vernacular_title: record.vernacularTitle,
    abstract: record.abstract?.text ?? null,
    abstract_markup: record.abstract?.markup ?? null,
    abstract_sections: JSON.stringify(record.abstractSections),
    other_abstracts: JSON.stringify(record.otherAbstracts),
    copyright: record.copyright,
    journal_title: record.journal.title ?? record.book?.title ?? null,
    journal_iso: record.journal.isoAbbreviation,
    issn: record.journal.issn,
    issn_linking: record.journal.issnLinking,
    volume: record.volume,
    issue: record.issue,
    pages: record.pages,
    pub_year: date.year,
    pub_month: date.month,
    pub_day: date.day,
    pub_season: date.season,
    pub_medline_date: date.medlineDate,
    pub_date_sort: date.sortable,
    electronic_date: record.electronicDate,
    languages: JSON.stringify(record.languages),
    doi: record.doi,
    pmc_id: record.pmcId,
    article_ids: JSON.stringify(record.articleIds),
    publication_types: JSON.stringify(record.publicationTypes),
    mesh: JSON.stringify(record.mesh),
    keywords: JSON.stringify(record.keywords),
    comments_corrections: JSON.stringify(record.commentsCorrections),
    // A retraction notice (Retraction of Publication) is itself not retracted; the retracted paper
    // carries "Retracted Publication" and a RetractionIn link.
    is_retracted: pubTypes.includes('Retracted Publication') || refTypes.has('RetractionIn') ? 1 : 0,
    has_erratum: refTypes.has('ErratumIn') ? 1 : 0,
    has_concern: refTypes.has('ExpressionOfConcernIn') ? 1 : 0,
    keywords_text: record.keywords.map((k) => k.keyword).join('; '),
    mesh_text: record.mesh.map((m) => [m.descriptor, ...m.qualifiers.map((q) => q.name)].join(' ')).join('; '),
    authors_short: shortAuthors(record),
    authors_json: JSON.stringify(record.authors),
    date_completed: record.dateCompleted,
    date_revised: record.dateRevised,
  };
  const hash = createHash('sha1').update(JSON.stringify(content)).digest('base64url');
  return { content, hash };
}

/**
 * Everything the store needs from one record, as plain values: computed where the record was
 * parsed (a worker thread for imports), so the writing thread only binds statements, and small
 * to post between threads (no parsed object graph, no second copy of the text).
 */
export interface PreparedStudy {
  pmid: number;
  hash: string;
  /** Column values in CONTENT_COLUMNS order. */
  values: unknown[];
  /** Rows of `authors` after (pmid, position), in column order. */
  authors: unknown[][];
  rawXml: string;
  rawFormat: PubmedRecord['rawFormat'];
  /**
   * What the study's rule tags will make its effective design and sample size, when the tagging
   * is known before the study is stored (imports): a new row is then written once, complete,
   * instead of being rewritten by the study_tags triggers (see migration 0009).
   */
  tagged?: { design: string | null; sampleSize: number | null; rulesetVersion: string };
}

export function prepareStudy(record: PubmedRecord): PreparedStudy {
  const { content, hash } = toStudyContent(record);
  return {
    pmid: Number(record.pmid),
    hash,
    values: CONTENT_COLUMNS.map((c) => content[c]),
    authors: record.authors.map(authorFields),
    rawXml: record.rawXml,
    rawFormat: record.rawFormat,
  };
}

/** An author as the column values of `authors` (after pmid and position), in column order. */
function authorFields(a: PubmedRecord['authors'][number]): unknown[] {
  return [
    a.lastName,
    a.foreName,
    a.initials,
    a.suffix,
    a.collectiveName,
    a.orcid,
    JSON.stringify(a.affiliations),
    a.valid ? 1 : 0,
    a.investigator ? 1 : 0,
  ];
}

/** "Smith J, Doe A, Roe B, et al." — the list-view form (Vancouver-like, first three). */
function shortAuthors(record: Pick<PubmedRecord, 'authors'>): string | null {
  const named = record.authors.filter((a) => !a.investigator && a.valid);
  if (named.length === 0) return null;
  const names = named.slice(0, 3).map((a) => a.collectiveName ?? [a.lastName, a.initials ?? a.foreName?.[0]].filter(Boolean).join(' '));
  return named.length > 3 ? `${names.join(', ')}, et al.` : names.join(', ');
}

import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { RawRow } from './raw-row.ts';

/** JSON column shapes, as the parser produces them. */
export interface AbstractSectionJson {
  label: string | null;
  nlmCategory: string | null;
  text: string;
  markup: string;
}
export interface OtherAbstractJson {
  type: string | null;
  language: string | null;
  sections: AbstractSectionJson[];
}
export interface MeshHeadingJson {
  descriptor: string;
  descriptorUi: string | null;
  majorTopic: boolean;
  qualifiers: { name: string; ui: string | null; majorTopic: boolean }[];
}
export interface KeywordJson {
  keyword: string;
  majorTopic: boolean;
  owner: string | null;
}
export interface PublicationTypeJson {
  name: string;
  ui: string | null;
}
export interface CorrectionLinkJson {
  refType: string;
  refSource: string | null;
  pmid: string | null;
}

/**
 * One PubMed record. The PMID is the integer primary key (SQLite's rowid), which keeps the
 * FTS5 external-content index stable across VACUUM.
 */
export const studies = sqliteTable(
  'studies',
  {
    pmid: integer('pmid').primaryKey(),
    pmidVersion: integer('pmid_version').notNull().default(1),
    kind: text('kind', { enum: ['article', 'book'] })
      .notNull()
      .default('article'),
    title: text('title').notNull(),
    titleMarkup: text('title_markup').notNull(),
    vernacularTitle: text('vernacular_title'),
    abstract: text('abstract'),
    abstractMarkup: text('abstract_markup'),
    abstractSections: text('abstract_sections', { mode: 'json' }).$type<AbstractSectionJson[]>().notNull().default(sql`'[]'`),
    otherAbstracts: text('other_abstracts', { mode: 'json' }).$type<OtherAbstractJson[]>().notNull().default(sql`'[]'`),
    copyright: text('copyright'),
    journalTitle: text('journal_title'),
    journalIso: text('journal_iso'),
    issn: text('issn'),
    issnLinking: text('issn_linking'),
    volume: text('volume'),
    issue: text('issue'),
    pages: text('pages'),
    pubYear: integer('pub_year'),
    pubMonth: text('pub_month'),
    pubDay: text('pub_day'),
    pubSeason: text('pub_season'),
    pubMedlineDate: text('pub_medline_date'),
    /** YYYY, YYYY-MM or YYYY-MM-DD: as precise as the record, and sortable as text. */
    pubDateSort: text('pub_date_sort'),
    electronicDate: text('electronic_date'),
    languages: text('languages', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    doi: text('doi'),
    pmcId: text('pmc_id'),
    articleIds: text('article_ids', { mode: 'json' }).$type<{ type: string; value: string }[]>().notNull().default(sql`'[]'`),
    publicationTypes: text('publication_types', { mode: 'json' }).$type<PublicationTypeJson[]>().notNull().default(sql`'[]'`),
    mesh: text('mesh', { mode: 'json' }).$type<MeshHeadingJson[]>().notNull().default(sql`'[]'`),
    keywords: text('keywords', { mode: 'json' }).$type<KeywordJson[]>().notNull().default(sql`'[]'`),
    commentsCorrections: text('comments_corrections', { mode: 'json' }).$type<CorrectionLinkJson[]>().notNull().default(sql`'[]'`),
    /** Derived from publication types and CommentsCorrections at write time, for cheap filters. */
    isRetracted: integer('is_retracted', { mode: 'boolean' }).notNull().default(false),
    hasErratum: integer('has_erratum', { mode: 'boolean' }).notNull().default(false),
    hasConcern: integer('has_concern', { mode: 'boolean' }).notNull().default(false),
    /** Flattened text for the full-text index (kept in sync by triggers, see the FTS migration). */
    keywordsText: text('keywords_text').notNull().default(''),
    meshText: text('mesh_text').notNull().default(''),
    /** The authors as `[au]` searches them (authorSearchText in author-text.ts), for the full-text index. */
    authorsText: text('authors_text').notNull().default(''),
    authorsShort: text('authors_short'),
    dateCompleted: text('date_completed'),
    dateRevised: text('date_revised'),
    /** Hash of the parsed content: an unchanged hash means a refetched record changed nothing. */
    contentHash: text('content_hash').notNull(),
    /** How the record arrived first: a topic search or a file import. */
    origin: text('origin', { enum: ['search', 'import'] })
      .notNull()
      .default('search'),
    /** Set when NLM deleted the citation (DeleteCitation); the row is kept, flagged. */
    deletedAt: text('deleted_at'),
    firstSeenAt: text('first_seen_at').notNull(),
    firstSeenRunId: integer('first_seen_run_id'),
    lastUpdatedAt: text('last_updated_at').notNull(),
    /** The effective design and sample size (a curator's decision, else the rules'), kept by triggers on study_tags. */
    design: text('design'),
    sampleSize: integer('sample_size'),
    /** Version of the tagging rules that last tagged this study; null = never tagged. */
    taggedRulesetVersion: text('tagged_ruleset_version'),
  },
  (t) => [
    index('studies_pub_date_idx').on(t.pubDateSort),
    index('studies_first_seen_idx').on(t.firstSeenAt),
    // Covering indexes: facets and aggregates read these instead of the wide rows.
    index('studies_journal_idx').on(t.journalTitle, t.deletedAt),
    index('studies_year_idx').on(t.pubYear, t.deletedAt),
    index('studies_summary_idx').on(
      t.deletedAt,
      t.design,
      t.pubYear,
      t.pubDateSort,
      t.isRetracted,
      t.firstSeenAt,
      t.journalTitle,
      t.languages,
    ),
    index('studies_design_idx').on(t.design),
    // The list's default order (newest publication first), walked backwards for a page.
    index('studies_pub_sort_idx').on(sql`coalesce(${t.pubDateSort}, '')`),
    index('studies_deleted_idx').on(t.deletedAt),
  ],
);

/**
 * The record exactly as fetched, for re-parsing without refetching. Kept out of `studies` because
 * it is large and cold: every tag or curation update rewrites a studies row, and SQLite rewrites
 * the whole row (overflow pages included) on any update.
 */
export const studyRecords = sqliteTable('study_records', {
  pmid: integer('pmid')
    .primaryKey()
    .references(() => studies.pmid, { onDelete: 'cascade' }),
  rawRecord: text('raw_record').notNull(),
  rawFormat: text('raw_format', { enum: ['xml', 'medline'] })
    .notNull()
    .default('xml'),
});

/** Authors in record order: persons or collectives, with affiliations and ORCID. */
export const authors = sqliteTable(
  'authors',
  {
    pmid: integer('pmid')
      .notNull()
      .references(() => studies.pmid, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    lastName: text('last_name'),
    foreName: text('fore_name'),
    initials: text('initials'),
    suffix: text('suffix'),
    collectiveName: text('collective_name'),
    orcid: text('orcid'),
    affiliations: text('affiliations', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    investigator: integer('investigator', { mode: 'boolean' }).notNull().default(false),
    valid: integer('valid', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [index('authors_pmid_position_idx').on(t.pmid, t.position)],
);

/** What changed in a stored study, in which run. */
export const studyChanges = sqliteTable(
  'study_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pmid: integer('pmid')
      .notNull()
      .references(() => studies.pmid, { onDelete: 'cascade' }),
    runId: integer('run_id'),
    changedFields: text('changed_fields', { mode: 'json' }).$type<string[]>().notNull(),
    changedAt: text('changed_at').notNull(),
  },
  (t) => [index('study_changes_pmid_idx').on(t.pmid), index('study_changes_run_idx').on(t.runId)],
);

export type Study = typeof studies.$inferSelect;
/** A study as raw SQL returns it (snake_case, JSON as text, booleans 0/1): the one shape of a study row. */
export type StudyRow = RawRow<typeof studies>;
export type NewStudy = typeof studies.$inferInsert;
export type AuthorRow = typeof authors.$inferSelect;

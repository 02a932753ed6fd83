import { parseMedline, parsePubmedXml, type PubmedRecord } from '@evidence/pubmed';
import type { CorrectionLinkJson, KeywordJson, OpenedDatabase, PublicationTypeJson, StudyRow } from '@evidence/schema';
import { filterSql } from '../filters/filter-sql.ts';
import type { StudyFilter } from '../filters/filter-schema.ts';
import { LIST_COLUMNS, toListItem, type ListRow } from '../queries/list-studies.ts';

export interface CitableAuthor {
  family: string | null;
  given: string | null;
  initials: string | null;
  suffix: string | null;
  collective: string | null;
}

/** What a book reference needs beyond the title: the book's own title (for a chapter) and its publisher. */
interface CitableBook {
  title: string | null;
  /** True when the record is one chapter (or section) of the book rather than the whole book. */
  chapter: boolean;
  publisherName: string | null;
  publisherLocation: string | null;
}

/** A list item plus what a reference needs and the list view lacks: full authors, the date parts, the record's citation fields. */
export type CitableStudy = ReturnType<typeof toListItem> & {
  kind: 'article' | 'book';
  authors: CitableAuthor[];
  vernacularTitle: string | null;
  languages: string[];
  issn: string | null;
  medlineDate: string | null;
  season: string | null;
  /** ArticleDate (published online), YYYY-MM-DD. */
  electronicDate: string | null;
  abstract: string | null;
  keywords: string[];
  publicationTypes: string[];
  commentsCorrections: CorrectionLinkJson[];
  articleIds: { type: string; value: string }[];
  /** The publisher's ELocationIDs (re-read from the stored record; see withRecordDetails). */
  eLocationIds: { type: string; value: string }[];
  book: CitableBook | null;
};

/** The stored record, where the citation needs fields the columns lack (see withRecordDetails). */
interface StoredRecord {
  text: string;
  format: 'xml' | 'medline';
}

/** A study as loaded from the database: its record's ELocationIDs and book details not yet read. */
export type LoadedStudy = Omit<CitableStudy, 'eLocationIds' | 'book'> & { storedRecord: StoredRecord | null };

type CitableRow = ListRow &
  Pick<
    StudyRow,
    | 'kind'
    | 'vernacular_title'
    | 'languages'
    | 'issn'
    | 'pub_medline_date'
    | 'pub_season'
    | 'electronic_date'
    | 'abstract'
    | 'keywords'
    | 'publication_types'
    | 'comments_corrections'
    | 'article_ids'
  > & { raw_record: string | null; raw_format: 'xml' | 'medline' | null };

export interface LoadOptions {
  /** At most this many studies; `total` still counts all that match. */
  limit: number;
  order: 'published' | 'added';
}

const ORDER = {
  published: "coalesce(s.pub_date_sort, '') DESC, s.pmid DESC",
  added: 's.first_seen_at DESC, s.pmid DESC',
} as const;

/** Studies under the filters, newest first, with their authors; `total` lets callers enforce a cap first. */
export function countStudies(database: OpenedDatabase, filter: StudyFilter): number {
  const { where, values } = filterSql(database, filter);
  return database.sqlite
    .prepare(`SELECT count(*) FROM studies s WHERE ${where}`)
    .pluck()
    .get(...values) as number;
}

export function loadCitableStudies(database: OpenedDatabase, filter: StudyFilter, options: LoadOptions): LoadedStudy[] {
  const { where, values } = filterSql(database, filter);
  // The stored record is read only where the columns cannot answer (see recordDetails).
  const rows = database.sqlite
    .prepare(`
    SELECT ${LIST_COLUMNS}, null AS sort_value, s.kind, s.vernacular_title, s.languages, s.issn, s.pub_medline_date,
      s.pub_season, s.electronic_date, s.abstract, s.keywords, s.publication_types, s.comments_corrections, s.article_ids,
      CASE WHEN s.kind = 'book' OR s.pages IS NULL OR s.pages NOT GLOB '*[-,]*' THEN r.raw_record END AS raw_record,
      r.raw_format
    FROM studies s LEFT JOIN study_records r ON r.pmid = s.pmid WHERE ${where}
    ORDER BY ${ORDER[options.order]} LIMIT ?`)
    .all(...values, options.limit) as CitableRow[];

  const authors = loadAuthors(
    database,
    rows.map((r) => r.pmid),
  );
  const studies = rows.map(
    (row): LoadedStudy => ({
      ...toListItem(row),
      kind: row.kind,
      authors: authors.get(row.pmid) ?? [],
      vernacularTitle: row.vernacular_title,
      languages: JSON.parse(row.languages) as string[],
      issn: row.issn,
      medlineDate: row.pub_medline_date,
      season: row.pub_season,
      electronicDate: row.electronic_date,
      abstract: row.abstract,
      keywords: (JSON.parse(row.keywords) as KeywordJson[]).map((k) => k.keyword),
      publicationTypes: (JSON.parse(row.publication_types) as PublicationTypeJson[]).map((p) => p.name),
      commentsCorrections: JSON.parse(row.comments_corrections) as CorrectionLinkJson[],
      articleIds: JSON.parse(row.article_ids) as { type: string; value: string }[],
      storedRecord: row.raw_record ? { text: row.raw_record, format: row.raw_format ?? 'xml' } : null,
    }),
  );
  // An explicit PMID list is a reading list: keep the order it was given in.
  if (filter.pmid?.length) {
    const rank = new Map(filter.pmid.map((p, i) => [String(Number(p)), i] as const));
    studies.sort((a, b) => (rank.get(a.pmid) ?? 0) - (rank.get(b.pmid) ?? 0));
  }
  return studies;
}

/**
 * The study with the citation fields `studies` has no column for, re-parsed from the stored record: the
 * ELocationIDs (an article number lives there when MedlinePgn is absent or is one location) and a book's
 * publisher and chapter. Only those rows carry the record (see the query); parsing costs ~1–3 ms a record,
 * so it runs in the render worker, not on the API's thread. A record that no longer parses gives none of
 * them rather than failing the export.
 */
export function withRecordDetails({ storedRecord, ...study }: LoadedStudy): CitableStudy {
  let record: Pick<PubmedRecord, 'eLocationIds' | 'book'> | null = null;
  if (storedRecord) {
    try {
      const parsed = storedRecord.format === 'medline' ? parseMedline(storedRecord.text) : parsePubmedXml(storedRecord.text);
      record = parsed.records[0] ?? null;
    } catch {
      record = null;
    }
  }
  return {
    ...study,
    eLocationIds: record?.eLocationIds ?? [],
    book:
      study.kind === 'book'
        ? {
            title: record?.book?.title ?? study.journal,
            chapter: Boolean(record?.book?.chapterTitle),
            publisherName: record?.book?.publisherName ?? null,
            publisherLocation: record?.book?.publisherLocation ?? null,
          }
        : null,
  };
}

/** Authors of record in order; investigators (collaborators listed separately) and invalid names are left out. */
function loadAuthors(database: OpenedDatabase, pmids: number[]): Map<number, CitableAuthor[]> {
  const byPmid = new Map<number, CitableAuthor[]>();
  const statement = database.sqlite.prepare(`
    SELECT pmid, last_name, fore_name, initials, suffix, collective_name FROM authors
    WHERE pmid IN (SELECT value FROM json_each(?)) AND investigator = 0 AND valid = 1
    ORDER BY pmid, position`);
  for (let i = 0; i < pmids.length; i += 1000) {
    const rows = statement.all(JSON.stringify(pmids.slice(i, i + 1000))) as {
      pmid: number;
      last_name: string | null;
      fore_name: string | null;
      initials: string | null;
      suffix: string | null;
      collective_name: string | null;
    }[];
    for (const r of rows) {
      const list = byPmid.get(r.pmid) ?? [];
      list.push({ family: r.last_name, given: r.fore_name, initials: r.initials, suffix: r.suffix, collective: r.collective_name });
      byPmid.set(r.pmid, list);
    }
  }
  return byPmid;
}

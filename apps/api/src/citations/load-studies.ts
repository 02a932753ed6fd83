import type { OpenedDatabase, StudyRow } from '@evidence/schema';
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

/** A list item plus what a reference needs and the list view lacks: full authors and the date parts. */
export type CitableStudy = ReturnType<typeof toListItem> & {
  authors: CitableAuthor[];
  languages: string[];
  issn: string | null;
  medlineDate: string | null;
  season: string | null;
};

type CitableRow = ListRow & Pick<StudyRow, 'languages' | 'issn' | 'pub_medline_date' | 'pub_season'>;

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

export function loadCitableStudies(database: OpenedDatabase, filter: StudyFilter, options: LoadOptions): CitableStudy[] {
  const { where, values } = filterSql(database, filter);
  const rows = database.sqlite
    .prepare(`
    SELECT ${LIST_COLUMNS}, null AS sort_value, s.languages, s.issn, s.pub_medline_date, s.pub_season
    FROM studies s WHERE ${where}
    ORDER BY ${ORDER[options.order]} LIMIT ?`)
    .all(...values, options.limit) as CitableRow[];

  const authors = loadAuthors(
    database,
    rows.map((r) => r.pmid),
  );
  const studies = rows.map((row) => ({
    ...toListItem(row),
    authors: authors.get(row.pmid) ?? [],
    languages: JSON.parse(row.languages) as string[],
    issn: row.issn,
    medlineDate: row.pub_medline_date,
    season: row.pub_season,
  }));
  // An explicit PMID list is a reading list: keep the order it was given in.
  if (filter.pmid?.length) {
    const rank = new Map(filter.pmid.map((p, i) => [String(Number(p)), i] as const));
    studies.sort((a, b) => (rank.get(a.pmid) ?? 0) - (rank.get(b.pmid) ?? 0));
  }
  return studies;
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

import type { OpenedDatabase } from '@evidence/schema';
import { decodeCursor, encodeCursor } from './cursor.ts';

export interface ListStudiesParams {
  limit: number;
  cursor?: string;
  sort: 'published' | 'added';
  topic?: string[];
}

export interface StudyListItem {
  pmid: string;
  title: string;
  titleMarkup: string;
  authorsShort: string | null;
  journal: string | null;
  journalIso: string | null;
  year: number | null;
  pubDate: string | null;
  doi: string | null;
  pmcId: string | null;
  retracted: boolean;
  topics: string[];
  firstSeenAt: string;
  links: { pubmed: string; doi: string | null; pmc: string | null };
}

const SORT_COLUMN = { published: "coalesce(s.pub_date_sort, '')", added: 's.first_seen_at' } as const;

/** One page of studies, newest first, with keyset pagination and the total under the filter. */
export function listStudies(database: OpenedDatabase, params: ListStudiesParams) {
  const sortColumn = SORT_COLUMN[params.sort];
  const where: string[] = ['s.deleted_at IS NULL'];
  const values: (string | number)[] = [];
  if (params.topic?.length) {
    where.push(`EXISTS (SELECT 1 FROM study_topics st WHERE st.pmid = s.pmid AND st.topic_id IN (${params.topic.map(() => '?').join(', ')}))`);
    values.push(...params.topic);
  }
  const total = database.sqlite.prepare(`SELECT count(*) FROM studies s WHERE ${where.join(' AND ')}`).pluck().get(...values) as number;

  if (params.cursor) {
    const { sortValue, pmid } = decodeCursor(params.cursor);
    where.push(`(${sortColumn} < ? OR (${sortColumn} = ? AND s.pmid < ?))`);
    values.push(sortValue ?? '', sortValue ?? '', pmid);
  }
  const rows = database.sqlite.prepare(`
    SELECT s.pmid, s.title, s.title_markup, s.authors_short, s.journal_title, s.journal_iso, s.pub_year,
           s.pub_date_sort, s.doi, s.pmc_id, s.is_retracted, s.first_seen_at, ${sortColumn} AS sort_value,
           (SELECT json_group_array(topic_id) FROM study_topics st WHERE st.pmid = s.pmid) AS topics
    FROM studies s
    WHERE ${where.join(' AND ')}
    ORDER BY ${sortColumn} DESC, s.pmid DESC
    LIMIT ?`).all(...values, params.limit + 1) as Record<string, any>[];

  const page = rows.slice(0, params.limit);
  const last = page.at(-1);
  return {
    items: page.map(toListItem),
    total,
    nextCursor: rows.length > params.limit && last ? encodeCursor(last.sort_value, last.pmid) : null,
  };
}

function toListItem(row: Record<string, any>): StudyListItem {
  const pmid = String(row.pmid);
  return {
    pmid,
    title: row.title,
    titleMarkup: row.title_markup,
    authorsShort: row.authors_short,
    journal: row.journal_title,
    journalIso: row.journal_iso,
    year: row.pub_year,
    pubDate: row.pub_date_sort,
    doi: row.doi,
    pmcId: row.pmc_id,
    retracted: row.is_retracted === 1,
    topics: JSON.parse(row.topics),
    firstSeenAt: row.first_seen_at,
    links: {
      pubmed: `https://pubmed.ncbi.nlm.nih.gov/${pmid}/`,
      doi: row.doi ? `https://doi.org/${row.doi}` : null,
      pmc: row.pmc_id ? `https://www.ncbi.nlm.nih.gov/pmc/articles/${row.pmc_id}/` : null,
    },
  };
}

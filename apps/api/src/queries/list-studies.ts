import type { AbstractSectionJson, OpenedDatabase, StudyRow } from '@evidence/schema';
import { DESIGNS, type FindingDirection } from '@evidence/schema/vocabulary';
import { InvalidParameter } from '../domain-errors.ts';
import { searchMatches } from '../filters/filter-definitions.ts';
import { filterSql, type FilterSql } from '../filters/filter-sql.ts';
import { parseSearch, searchReading } from '../filters/search-query.ts';
import type { StudyFilter } from '../filters/filter-schema.ts';
import { indexPage, relevancePage } from '../study-index/aggregate.ts';
import type { StudyIndex } from '../study-index/index.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { FINDINGS_SUMMARY_COLUMN } from './findings.ts';
import { escapeHtml, highlightToHtml, HIGHLIGHT_END, HIGHLIGHT_START } from './highlight.ts';
import { studyLinks } from './links.ts';

export const STUDY_SORTS = ['relevance', 'published', 'added', 'sample_size', 'design'] as const;
export type StudySort = (typeof STUDY_SORTS)[number];

export interface ListStudiesParams extends StudyFilter {
  limit: number;
  cursor?: string;
  sort?: StudySort;
}

/**
 * A design's place when sorting by design: the vocabulary lists designs strongest evidence first
 * (meta-analysis … protocol, preclinical, other, not research), so its order is the rank; untagged last.
 * Two digits, so the key below compares as text.
 */
const DESIGN_SORT_RANK = `CASE s.design ${DESIGNS.map((d, i) => `WHEN '${d.id}' THEN '${String(DESIGNS.length - i).padStart(2, '0')}'`).join(' ')} ELSE '00' END`;

/** Each sort: the expression to order by and its direction; ties break on the PMID. */
const SORTS = {
  relevance: { expr: 'bm25(studies_fts, 10.0, 1.0, 3.0, 3.0, 3.0)', dir: 'ASC', valueType: 'number' },
  published: { expr: "coalesce(s.pub_date_sort, '')", dir: 'DESC', valueType: 'string' },
  added: { expr: 's.first_seen_at', dir: 'DESC', valueType: 'string' },
  // Largest first; a study without a stated sample size after every one with it.
  sample_size: { expr: 'coalesce(s.sample_size, -1)', dir: 'DESC', valueType: 'number' },
  // Strongest design first, newest first within a design: one text key, so the cursor stays one value.
  design: { expr: `${DESIGN_SORT_RANK} || coalesce(s.pub_date_sort, '')`, dir: 'DESC', valueType: 'string' },
} as const;

/** What the study index already answered for a list page (on the HTTP thread): its total, and for the date sorts its keys. */
export interface ListPlan {
  total: number;
  /** The index's Selection.lagMs: how far behind the database the plan may be. */
  lagMs: number;
  keys: { pmid: number; sort_value: string | number }[];
}

/** The sort a list request uses, refusing relevance without q. */
export function sortOf(params: ListStudiesParams): StudySort {
  const sort: StudySort = params.sort ?? (params.q ? 'relevance' : 'published');
  if (sort === 'relevance' && !params.q) throw new InvalidParameter('sort', 'sort: relevance needs a full-text query q');
  return sort;
}

/** What a search matches, in PMID order, with each match's relevance when `ranked` (fullTextMatches). */
export interface FullTextMatches {
  pmids: Int32Array;
  ranks: Float64Array | null;
}

/** The search's matches (a reader runs this; the index intersects them with the other filters). */
export function fullTextMatches(database: OpenedDatabase, q: string, ranked: boolean): FullTextMatches {
  return searchMatches(database, q, ranked ? SORTS.relevance.expr : undefined);
}

/**
 * The index's share of a list page, or null when the index cannot answer (stale beyond its bound,
 * off). With q it needs the search's matches (ranked for the relevance sort), which only SQLite runs.
 */
export function planFromIndex(params: ListStudiesParams, index: StudyIndex | null, matches?: FullTextMatches): ListPlan | null {
  if (!index) return null;
  const sort = sortOf(params);
  // The index keeps date orders only; SQL orders by sample size and design (an index on neither
  // pays off: these sorts are asked for on filtered lists, which SQL narrows first).
  if (sort === 'sample_size' || sort === 'design') return null;
  if (params.q !== undefined && (!matches || (sort === 'relevance' && !matches.ranks))) return null;
  const selection = index.select(params, matches?.pmids);
  if (!selection) return null;
  const after = params.cursor ? decodeCursor(params.cursor, sort, SORTS[sort].valueType) : null;
  const keys =
    sort === 'relevance'
      ? relevancePage(
          selection,
          matches!.pmids,
          matches!.ranks!,
          after && { sortValue: Number(after.sortValue), pmid: after.pmid },
          params.limit + 1,
        )
      : indexPage(selection, sort, after && { sortValue: String(after.sortValue), pmid: after.pmid }, params.limit + 1);
  return { total: selection.count, lagMs: selection.lagMs, keys };
}

/** The FTS5 expression a search runs, if any (a PMID or DOI search has none: no ranking, no snippets). */
function ftsOf(q: string | undefined): string | null {
  const parsed = q === undefined ? null : parseSearch(q);
  return parsed?.ok ? parsed.fts : null;
}

/**
 * One page of studies under the filters, with keyset pagination, the total, and search snippets.
 * With a current study index, the total and (for the date sorts) the page's PMIDs come from it —
 * directly, or as a plan the HTTP thread made before handing the rest to a reader thread.
 */
export function listStudies(
  database: OpenedDatabase,
  params: ListStudiesParams,
  index: StudyIndex | null = null,
  plan: ListPlan | null = null,
) {
  const sort = sortOf(params);
  const after = params.cursor ? decodeCursor(params.cursor, sort, SORTS[sort].valueType) : null;
  const planned =
    plan ??
    planFromIndex(
      params,
      index,
      params.q !== undefined && index?.usable() ? fullTextMatches(database, params.q, sort === 'relevance') : undefined,
    );
  let total: number;
  let keys: { pmid: number; sort_value: string | number }[];
  if (planned) {
    total = planned.total;
    keys = planned.keys;
  } else {
    const filter = filterSql(database, params);
    total = database.sqlite
      .prepare(`SELECT count(*) FROM studies s WHERE ${filter.where}`)
      .pluck()
      .get(...filter.values) as number;
    keys = sqlPageKeys(database, params, filter, sort, after);
  }
  const fromFts = params.q !== undefined;
  const fts = ftsOf(params.q);
  const pagePmids = keys.slice(0, params.limit).map((k) => k.pmid);
  const highlights =
    fts !== null && pagePmids.length
      ? (database.sqlite
          .prepare(`
    SELECT rowid AS pmid, snippet(studies_fts, 1, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}', '…', 28) AS snippet_raw,
           highlight(studies_fts, 0, '${HIGHLIGHT_START}', '${HIGHLIGHT_END}') AS title_highlight_raw
    FROM studies_fts WHERE studies_fts MATCH ? AND rowid IN (${pagePmids.map(() => '?').join(', ')})`)
          .all(fts, ...pagePmids) as { pmid: number; snippet_raw: string | null; title_highlight_raw: string | null }[])
      : [];
  const byPmid = new Map(
    (pagePmids.length
      ? (database.sqlite
          .prepare(`SELECT ${LIST_COLUMNS}, null AS sort_value FROM studies s
    WHERE s.pmid IN (${pagePmids.map(() => '?').join(', ')})`)
          .all(...pagePmids) as ListRow[])
      : []
    ).map((r) => [r.pmid, r]),
  );
  const highlightBy = new Map(highlights.map((h) => [h.pmid, h]));
  const leads = fts === null ? abstractLeads(database, pagePmids) : null;
  // With a plan, a key may name a study deleted since the index was read: leave it out.
  const rows: ListRow[] = (planned ? keys.filter((k, i) => i >= params.limit || byPmid.has(k.pmid)) : keys).map((k) => ({
    ...(byPmid.get(k.pmid) ?? ({ pmid: k.pmid } as ListRow)),
    sort_value: k.sort_value,
    ...(fromFts && fts !== null
      ? {
          snippet_raw: highlightBy.get(k.pmid)?.snippet_raw ?? null,
          title_highlight_raw: highlightBy.get(k.pmid)?.title_highlight_raw ?? null,
        }
      : { lead: leads?.get(k.pmid) ?? null }),
  }));

  const page = rows.slice(0, params.limit);
  const last = page.at(-1);
  return {
    items: page.map(toListItem),
    total,
    sort,
    nextCursor: rows.length > params.limit && last ? encodeCursor(sort, last.sort_value, last.pmid) : null,
    ...(params.q !== undefined ? { query: searchReading(params.q) } : {}),
  };
}

/** About two lines of a result card. */
const LEAD_MAX_CHARS = 260;

/**
 * What a card shows of an abstract when there is no search to excerpt: the conclusions (what the
 * study found) when the abstract has a labelled section for them, else its opening; cut at a word.
 */
function abstractLead(sections: readonly AbstractSectionJson[], abstract: string | null): string | null {
  const conclusions = sections.find((x) => x.nlmCategory === 'CONCLUSIONS' || /^conclusions?$/i.test(x.label ?? ''));
  const text = (conclusions?.text ?? abstract ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return null;
  if (text.length <= LEAD_MAX_CHARS) return text;
  const cut = text.slice(0, LEAD_MAX_CHARS + 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${cut.slice(0, lastSpace > LEAD_MAX_CHARS / 2 ? lastSpace : LEAD_MAX_CHARS).replace(/[\s,;:.]+$/, '')}…`;
}

function abstractLeads(database: OpenedDatabase, pmids: number[]): Map<number, string | null> {
  if (!pmids.length) return new Map();
  const rows = database.sqlite
    .prepare(`SELECT pmid, abstract, abstract_sections FROM studies WHERE pmid IN (${pmids.map(() => '?').join(', ')})`)
    .all(...pmids) as { pmid: number; abstract: string | null; abstract_sections: string }[];
  return new Map(rows.map((r) => [r.pmid, abstractLead(JSON.parse(r.abstract_sections) as AbstractSectionJson[], r.abstract)]));
}

/** The page's PMIDs in sort order, from cheap columns (an index walk for the date sorts). */
function sqlPageKeys(
  database: OpenedDatabase,
  params: ListStudiesParams,
  filter: FilterSql,
  sort: StudySort,
  after: { sortValue: string | number; pmid: number } | null,
) {
  const fts = ftsOf(params.q);
  const { dir } = SORTS[sort];
  // Without an FTS5 expression (a PMID or DOI search) there is nothing to rank: PMID order.
  const expr = sort === 'relevance' && fts === null ? '0' : SORTS[sort].expr;
  const where = [filter.where];
  const values: (string | number)[] = [...filter.values];
  if (fts !== null) {
    where.push('studies_fts MATCH ?');
    values.push(fts);
  }
  if (after) {
    const op = dir === 'DESC' ? '<' : '>';
    where.push(`(${expr} ${op} ? OR (${expr} = ? AND s.pmid ${op} ?))`);
    values.push(after.sortValue, after.sortValue, after.pmid);
  }
  return database.sqlite
    .prepare(`
    SELECT s.pmid, ${expr} AS sort_value
    FROM ${fts !== null ? 'studies_fts JOIN studies s ON s.pmid = studies_fts.rowid' : 'studies s'}
    WHERE ${where.join(' AND ')}
    ORDER BY sort_value ${dir}, s.pmid ${dir}
    LIMIT ?`)
    .all(...values, params.limit + 1) as { pmid: number; sort_value: string | number }[];
}

/** The study columns a list view needs. */
const LIST_STUDY_COLUMNS = [
  'pmid',
  'title',
  'title_markup',
  'authors_short',
  'journal_title',
  'journal_iso',
  'pub_year',
  'pub_date_sort',
  'doi',
  'pmc_id',
  'is_retracted',
  'has_erratum',
  'has_concern',
  'first_seen_at',
  'design',
  'sample_size',
  'volume',
  'issue',
  'pages',
] as const satisfies readonly (keyof StudyRow)[];

/** The columns a list view needs, including the effective outcomes and topics as JSON arrays and the findings as a JSON object. */
export const LIST_COLUMNS = `${LIST_STUDY_COLUMNS.map((c) => `s.${c}`).join(', ')},
  (SELECT json_group_array(topic_id) FROM (SELECT topic_id FROM study_topics st WHERE st.pmid = s.pmid ORDER BY topic_id)) AS topics_json,
  (SELECT json_group_array(outcome) FROM (SELECT DISTINCT e.outcome FROM effective_outcomes e
     WHERE e.pmid = s.pmid ORDER BY e.outcome)) AS outcomes_json,
  ${FINDINGS_SUMMARY_COLUMN}`;

export type ListRow = Pick<StudyRow, (typeof LIST_STUDY_COLUMNS)[number]> & {
  topics_json: string;
  outcomes_json: string;
  findings_json: string;
  sort_value: string | number | null;
  snippet_raw?: string | null;
  title_highlight_raw?: string | null;
  /** Without a search: the abstract's lead (abstractLead), plain text. */
  lead?: string | null;
};

export function toListItem(row: ListRow) {
  return {
    pmid: String(row.pmid),
    title: row.title,
    titleMarkup: row.title_markup,
    authorsShort: row.authors_short,
    journal: row.journal_title,
    journalIso: row.journal_iso,
    volume: row.volume,
    issue: row.issue,
    pages: row.pages,
    year: row.pub_year,
    pubDate: row.pub_date_sort,
    doi: row.doi,
    pmcId: row.pmc_id,
    design: row.design,
    sampleSize: row.sample_size,
    outcomes: JSON.parse(row.outcomes_json) as string[],
    findings: JSON.parse(row.findings_json) as Record<string, FindingDirection>,
    topics: JSON.parse(row.topics_json) as string[],
    retracted: row.is_retracted === 1,
    erratum: row.has_erratum === 1,
    expressionOfConcern: row.has_concern === 1,
    firstSeenAt: row.first_seen_at,
    links: studyLinks(row),
    ...(row.snippet_raw !== undefined
      ? {
          snippet: row.snippet_raw ? highlightToHtml(row.snippet_raw) : null,
          titleHighlight: row.title_highlight_raw ? highlightToHtml(row.title_highlight_raw) : escapeHtml(row.title),
        }
      : {}),
    ...(row.lead !== undefined ? { snippet: row.lead === null ? null : escapeHtml(row.lead) } : {}),
  };
}

export type StudyListItem = ReturnType<typeof toListItem>;

/**
 * The study filters, each defined once: its query parameter (the zod schema the routes validate
 * with), its SQL condition and its predicate over the in-memory study index (ADR 0003). The zod
 * object (filter-schema.ts), the WHERE clause (filter-sql.ts) and the index selection
 * (study-index/selection.ts) are all derived from this table, and filter-definitions.test.ts holds
 * each definition's SQL and index forms to the same answers. Names, repetition and fixed values come
 * from filter-params.ts, which the dashboard shares.
 */
import { z } from '@hono/zod-openapi';
import type { OpenedDatabase } from '@evidence/schema';
import {
  designIdSchema,
  findingDirectionSchema,
  NON_EVIDENCE_DESIGNS,
  outcomeIdSchema,
  type QualitySignalId,
  topicIdSchema,
} from '@evidence/schema/vocabulary';
import { InvalidFilter } from '../domain-errors.ts';
import {
  cachedRows,
  flagTable,
  keep,
  lowerBound,
  type RowSet,
  rowsOfPmids,
  rowsWithAny,
  rowsWithByteIn,
  rowsWithInt32In,
  rowsWithJournalIn,
  rowsWithYearIn,
  wantedIds,
} from '../study-index/row-sets.ts';
import { EXCLUDE, INCLUDE, NO_VALUE, RETRACTED, REVIEWED, type Snapshot } from '../study-index/snapshot.ts';
import { FILTER_PARAMS, type FilterName } from './filter-params.ts';
import { FULL_TEXT_LIMITS, searchProblem } from './full-text-cost.ts';
import { parseSearch, type SearchCondition } from './search-query.ts';

/** One AND-ed condition on the alias `s` (studies); only placeholders carry user input. */
export interface SqlCondition {
  sql: string;
  values: (string | number)[];
}

/** What a filter's SQL and index forms may read besides their own value. */
export interface FilterContext {
  database: OpenedDatabase;
  /** The `match` parameter: with several topics or outcomes, a study needs any of them, or all. */
  match: 'any' | 'all';
  /** Naming a non-evidence design (`design`) or studies (`pmid`) brings non-research back without `include_non_research`. */
  namesNonResearch?: boolean;
  /** The PMIDs `q` matches, when a reader thread has already run it. */
  fullTextPmids?: ArrayLike<number>;
  /** The `outcome` parameter: `direction` then means those outcomes' findings. */
  outcomes?: readonly string[];
}

export interface FilterDefinition<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** Its conditions apply when the parameter is absent too (the forms then receive undefined). */
  whenUnset?: true;
  /** The SQL conditions for a given value (never an empty list; undefined only with `whenUnset`), AND-ed. */
  sql?: (value: NonNullable<z.output<S>>, ctx: FilterContext) => SqlCondition[];
  /**
   * The same conditions over a snapshot: removes the rows that fail them from `rows` (study-index/row-sets.ts).
   * Without it, the rows are narrowed to the PMIDs the SQL conditions select (narrowByFilter).
   */
  index?: (value: NonNullable<z.output<S>>, ctx: FilterContext, s: Snapshot, rows: RowSet) => void;
}

const define = <S extends z.ZodType>(definition: FilterDefinition<S>) => definition;
const cond = (sql: string, ...values: (string | number)[]): SqlCondition => ({ sql, values });
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');
/** With match=all, every value is a group of its own and all must hit; otherwise any value of the one group. */
const groups = (values: string[], match: 'any' | 'all') => (match === 'all' ? values.map((v) => [v]) : [values]);

/** A query parameter that may repeat (?outcome=hrv&outcome=sleep) arrives as a string or an array. */
const repeated = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === '' ? undefined : Array.isArray(v) ? v : [v]), z.array(item).max(50).optional());

const year = z.coerce.number().int().min(1800).max(2100);
/** A real calendar date (YYYY-MM-DD), an ISO timestamp, or run:<id>. */
const addedSince = z.string().refine((v) => {
  if (/^run:\d{1,9}$/.test(v)) return true;
  const match = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(v);
  if (!match) return false;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return day.getUTCDate() === Number(match[3]) && !Number.isNaN(Date.parse(match[4] ? v : `${v}T00:00:00Z`));
}, 'expected a real date (YYYY-MM-DD), an ISO timestamp, or run:<id>');

const NON_EVIDENCE = new Set<string>(NON_EVIDENCE_DESIGNS);

const INCLUSION_CODE = { include: INCLUDE, exclude: EXCLUDE, undecided: 0 } as const;

/**
 * A quality-signal filter (true: the signal in effect is yes; false: it is not). The signal in
 * effect is the effective_quality view's (migration 0012): a curator's value, else the rules'.
 */
const qualityFilter = (signal: QualitySignalId, what: string) =>
  define({
    schema: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .openapi({
        description: `true: only studies that ${what} (a curator’s correction wins over the rules); false: only those that do not.`,
      }),
    sql: (wanted) => [
      cond(`s.pmid ${wanted ? '' : 'NOT '}IN (SELECT q.pmid FROM effective_quality q WHERE q.signal = ? AND q.value = 1)`, signal),
    ],
  });

/** The table. Its key order is the parameters' order in the OpenAPI document and the order conditions are applied in. */
export const FILTERS = {
  // Topic and outcome filters are `pmid IN (subquery)` so SQLite can drive them from their indexes
  // (study_topics by topic, study_tags by kind and value) instead of probing every study.
  topic: define({
    schema: repeated(topicIdSchema).openapi({ description: 'Topic id; repeat for several.' }),
    sql: (topics, { match }) =>
      groups(topics, match).map((g) =>
        cond(`s.pmid IN (SELECT st.pmid FROM study_topics st WHERE st.topic_id IN (${placeholders(g.length)}))`, ...g),
      ),
    index: (topics, { match }, s, rows) => {
      for (const g of groups(topics, match))
        keep(
          rows,
          cachedRows(s, `topic ${g}`, () => rowsWithAny(s.topics, s.size, g)),
        );
    },
  }),
  // Outcomes in effect are the effective_outcomes view's (migration 0002), which SQLite flattens into
  // the same index walk; the snapshot computes them by @evidence/schema's outcomeInEffect.
  outcome: define({
    schema: repeated(outcomeIdSchema).openapi({ description: 'Outcome id; repeat for several (see `match`).' }),
    sql: (outcomes, { match }) =>
      groups(outcomes, match).map((g) =>
        cond(`s.pmid IN (SELECT e.pmid FROM effective_outcomes e WHERE e.outcome IN (${placeholders(g.length)}))`, ...g),
      ),
    index: (outcomes, { match }, s, rows) => {
      for (const g of groups(outcomes, match))
        keep(
          rows,
          cachedRows(s, `outcome ${g}`, () => rowsWithAny(s.outcomes, s.size, g)),
        );
    },
  }),
  design: define({
    schema: repeated(designIdSchema).openapi({ description: 'Study design id; repeat for several (any of them).' }),
    sql: (designs) => [cond(`s.design IN (${placeholders(designs.length)})`, ...designs)],
    // A study without a design (NO_VALUE) matches no design id.
    index: (designs, _, s, rows) =>
      keep(
        rows,
        cachedRows(s, `design ${designs}`, () => rowsWithByteIn(s.size, s.design, wantedIds(s.designNames, designs, NO_VALUE + 1))),
      ),
  }),
  // Letters, comments, editorials and notices are not evidence: out of lists, counts, the matrix and
  // claims unless asked for, or named by the design filter. A study without a design stays in.
  include_non_research: define({
    schema: z
      .enum(FILTER_PARAMS.include_non_research.values)
      .transform((v) => v === 'true')
      .optional()
      .openapi({
        description: `Include studies whose design is not research (${NON_EVIDENCE_DESIGNS.join(', ')}: letters, comments, editorials, notices). Off by default, so they stay out of lists, counts, the matrix and claims; naming such a design in \`design\`, or studies in \`pmid\`, also brings them back.`,
      }),
    whenUnset: true,
    sql: (include, { namesNonResearch }) =>
      include === true || namesNonResearch
        ? []
        : [cond(`(s.design IS NULL OR s.design NOT IN (${placeholders(NON_EVIDENCE_DESIGNS.length)}))`, ...NON_EVIDENCE_DESIGNS)],
    index: (include, { namesNonResearch }, s, rows) => {
      if (include === true || namesNonResearch) return;
      const research = () => {
        const table = new Uint8Array(NO_VALUE + 1).fill(1);
        s.designNames.forEach((name, id) => {
          if (NON_EVIDENCE.has(name)) table[id] = 0;
        });
        return rowsWithByteIn(s.size, s.design, table);
      };
      keep(rows, cachedRows(s, 'research', research));
    },
  }),
  // Read by topic and outcome; no condition of its own.
  match: define({
    schema: z
      .enum(FILTER_PARAMS.match.values)
      .default(FILTER_PARAMS.match.default)
      .openapi({ description: 'With several topics or outcomes: a study must have any of them, or all.' }),
  }),
  // A study without a year (0 in the index, NULL in SQL) is outside every year range.
  year_from: define({
    schema: year.optional(),
    sql: (from) => [cond('s.pub_year >= ?', from)],
    index: (from, _, s, rows) =>
      keep(
        rows,
        cachedRows(s, `year_from ${from}`, () => rowsWithYearIn(s, Math.max(from, 1), Infinity)),
      ),
  }),
  year_to: define({
    schema: year.optional(),
    sql: (to) => [cond('s.pub_year <= ?', to)],
    index: (to, _, s, rows) =>
      keep(
        rows,
        cachedRows(s, `year_to ${to}`, () => rowsWithYearIn(s, 1, to)),
      ),
  }),
  language: define({
    schema: repeated(z.string().regex(/^[a-z]{3}$/, 'expected a three-letter language code such as eng')),
    sql: (languages) => [
      cond(`EXISTS (SELECT 1 FROM json_each(s.languages) l WHERE l.value IN (${placeholders(languages.length)}))`, ...languages),
    ],
    index: (languages, _, s, rows) =>
      keep(
        rows,
        cachedRows(s, `language ${languages}`, () => rowsWithAny(s.languages, s.size, languages)),
      ),
  }),
  journal: define({
    schema: repeated(z.string().min(1).max(300)).openapi({ description: 'Exact journal title.' }),
    sql: (journals) => [cond(`s.journal_title IN (${placeholders(journals.length)})`, ...journals)],
    // Titles may hold commas: the key is their JSON. An unknown journal (-1) is never wanted.
    index: (journals, _, s, rows) =>
      keep(
        rows,
        cachedRows(s, `journal ${JSON.stringify(journals)}`, () => rowsWithJournalIn(s, wantedIds(s.journalNames, journals))),
      ),
  }),
  retracted: define({
    schema: z.enum(FILTER_PARAMS.retracted.values).default(FILTER_PARAMS.retracted.default),
    sql: (retracted) => (retracted === 'include' ? [] : [cond(`s.is_retracted = ${retracted === 'only' ? 1 : 0}`)]),
    index: (retracted, _, s, rows) => {
      if (retracted !== 'include')
        keep(
          rows,
          cachedRows(s, `retracted ${retracted}`, () => rowsWithByteIn(s.size, s.flags, flagTable(RETRACTED, retracted === 'only'))),
        );
    },
  }),
  reviewed: define({
    schema: z
      .enum(FILTER_PARAMS.reviewed.values)
      .transform((v) => v === 'true')
      .optional(),
    sql: (reviewed) => [
      cond(`${reviewed ? '' : 'NOT '}EXISTS (SELECT 1 FROM study_curation sc WHERE sc.pmid = s.pmid AND sc.reviewed = 1)`),
    ],
    index: (reviewed, _, s, rows) =>
      keep(
        rows,
        cachedRows(s, `reviewed ${reviewed}`, () => rowsWithByteIn(s.size, s.flags, flagTable(REVIEWED, reviewed))),
      ),
  }),
  inclusion: define({
    schema: z.enum(FILTER_PARAMS.inclusion.values).optional().openapi({ description: 'Curators’ include/exclude decision.' }),
    sql: (inclusion) => [
      inclusion === 'undecided'
        ? cond('NOT EXISTS (SELECT 1 FROM study_curation sc WHERE sc.pmid = s.pmid AND sc.inclusion IS NOT NULL)')
        : cond('EXISTS (SELECT 1 FROM study_curation sc WHERE sc.pmid = s.pmid AND sc.inclusion = ?)', inclusion),
    ],
    index: (inclusion, _, s, rows) => {
      const wanted = new Uint8Array(256);
      wanted[INCLUSION_CODE[inclusion]] = 1;
      keep(
        rows,
        cachedRows(s, `inclusion ${inclusion}`, () => rowsWithByteIn(s.size, s.inclusion, wanted)),
      );
    },
  }),
  // The search box's language (search-query.ts): an FTS5 expression plus PMID/DOI/year/type
  // conditions. Full text always runs in FTS5; the index only intersects its matching rows.
  q: define({
    schema: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .superRefine((q, ctx) => {
        const problem = searchProblem(q);
        if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: { details: problem.details } });
      })
      .optional()
      .openapi({
        description: `Search as in PubMed: words (hyphens, digits and punctuation are fine: COVID-19, IL-6), "phrases", AND/OR/NOT, parentheses, a trailing * (at least ${FULL_TEXT_LIMITS.minPrefixLength} characters), a PMID, a DOI (with or without https://doi.org/), an author (Smolen JS), and the field tags [ti] [tiab] [ab] [au] [mh] [ot] [pt] [dp] (a year or 2020:2023) [pmid] [doi]. British and American spellings and inflections match. Input that is not valid PubMed syntax is searched as plain words; the list's \`query\` says how it was read. At most ${FULL_TEXT_LIMITS.maxTerms} terms and ${FULL_TEXT_LIMITS.maxPrefixTerms} prefix terms.`,
      }),
    sql: (q, { database }) => searchConditions(database, q),
    // On the HTTP thread the matches come from a reader thread (ctx.fullTextPmids, ADR 0009).
    index: (q, { database, fullTextPmids }, s, rows) => keep(rows, rowsOfPmids(s, fullTextPmids ?? searchMatches(database, q).pmids)),
  }),
  added_since: define({
    schema: addedSince.optional().openapi({ description: 'First seen on or after a date, or since a run (`run:12`).' }),
    sql: (since, { database }) => [cond('s.first_seen_at >= ?', resolveAddedSince(database, since))],
    index: (since, { database }, s, rows) => {
      const from = lowerBound(s.addedDates, resolveAddedSince(database, since));
      keep(
        rows,
        cachedRows(s, `added ${from}`, () => rowsWithInt32In(s.size, s.addedRank, from, Infinity)),
      );
    },
  }),
  pmid: define({
    schema: repeated(z.string().regex(/^\d{1,9}$/, 'expected a PMID (digits)')).openapi({ description: 'Only these PMIDs.' }),
    sql: (pmids) => [cond(`s.pmid IN (${placeholders(pmids.length)})`, ...pmids.map(Number))],
    index: (pmids, _, s, rows) => keep(rows, rowsOfPmids(s, pmids.map(Number))),
  }),
  // Findings and quality signals are not in the study index: these filters narrow it by their SQL (narrowByFilter).
  direction: define({
    schema: repeated(findingDirectionSchema).openapi({
      description:
        'Finding direction; repeat for several (any of them). With `outcome`: the finding for one of those outcomes has that direction; otherwise any finding of the study does. A curator’s correction wins over the rules.',
    }),
    sql: (directions, { outcomes }) => [
      outcomes?.length
        ? cond(
            `s.pmid IN (SELECT f.pmid FROM effective_findings f WHERE f.direction IN (${placeholders(directions.length)}) AND f.outcome IN (${placeholders(outcomes.length)}))`,
            ...directions,
            ...outcomes,
          )
        : cond(
            `s.pmid IN (SELECT f.pmid FROM effective_findings f WHERE f.direction IN (${placeholders(directions.length)}))`,
            ...directions,
          ),
    ],
  }),
  randomised: qualityFilter('randomised', 'state they randomised'),
  blinded: qualityFilter('blinded', 'state blinding (not only open-label)'),
  sham: qualityFilter('sham', 'are sham- or placebo-controlled'),
  registered: qualityFilter('registered', 'have a trial or review registration'),
} satisfies { [K in FilterName]: FilterDefinition };

/** The filters a parsed filter object sets, in table order, with their values (unset and empty lists left out). */
export function activeFilters(filter: Partial<Record<FilterName, unknown>>): { name: FilterName; value: unknown }[] {
  return (Object.keys(FILTERS) as FilterName[])
    .map((name) => ({ name, value: filter[name] }))
    .filter(
      ({ name, value }) =>
        (value !== undefined || (FILTERS[name] as FilterDefinition).whenUnset) && !(Array.isArray(value) && value.length === 0),
    );
}

/** The context every filter's forms read (`match` defaults as its schema does). */
export function filterContext(
  database: OpenedDatabase,
  filter: {
    match?: 'any' | 'all';
    design?: readonly string[] | undefined;
    pmid?: readonly string[] | undefined;
    outcome?: readonly string[] | undefined;
  },
  fullTextPmids?: ArrayLike<number>,
): FilterContext {
  return {
    database,
    match: filter.match ?? FILTER_PARAMS.match.default,
    ...(filter.outcome?.length ? { outcomes: filter.outcome } : {}),
    namesNonResearch: !!filter.pmid?.length || !!filter.design?.some((d) => NON_EVIDENCE.has(d)),
    ...(fullTextPmids ? { fullTextPmids } : {}),
  };
}

/** One filter's SQL conditions; the table's entries differ in value type, which the schema has already checked. */
export function sqlOf(name: FilterName, value: unknown, ctx: FilterContext): SqlCondition[] {
  const definition: FilterDefinition = FILTERS[name];
  return definition.sql?.(value as never, ctx) ?? [];
}

/**
 * Narrows a row set over a snapshot by one filter: by its index form, or, for a filter the index
 * does not hold (findings, quality signals), by the PMIDs its SQL conditions select. Skipping such
 * a filter would answer as if it were not set.
 */
export function narrowByFilter(name: FilterName, value: unknown, ctx: FilterContext, s: Snapshot, rows: RowSet): void {
  const definition: FilterDefinition = FILTERS[name];
  if (definition.index) definition.index(value as never, ctx, s, rows);
  else if (definition.sql) keep(rows, rowsOfPmids(s, sqlPmids(ctx.database, definition.sql(value as never, ctx))));
}

/** The PMIDs of the studies (deleted ones too: the other filters drop them) that meet the conditions. */
function sqlPmids(database: OpenedDatabase, conditions: SqlCondition[]): number[] {
  return database.sqlite
    .prepare(`SELECT s.pmid FROM studies s WHERE ${conditions.map((c) => c.sql).join(' AND ')} ORDER BY s.pmid`)
    .pluck()
    .all(...conditions.flatMap((c) => c.values)) as number[];
}

/** added_since as the first_seen_at it means: a date or timestamp as ISO text, or the start of run N. */
function resolveAddedSince(database: OpenedDatabase, value: string): string {
  if (value.startsWith('run:')) {
    const runId = Number(value.slice(4));
    const started = database.sqlite.prepare('SELECT started_at FROM ingestion_runs WHERE id = ?').pluck().get(runId) as string | undefined;
    if (!started) throw new InvalidFilter('added_since', `added_since: no ingestion run ${runId}`);
    return started;
  }
  return value.length === 10 ? `${value}T00:00:00.000Z` : new Date(value).toISOString();
}

/** A search's SQL conditions on `s`, AND-ed: its FTS5 match and its structured conditions. */
function searchConditions(database: OpenedDatabase, q: string): SqlCondition[] {
  const parsed = parseSearch(q);
  // The schema refused unsearchable input already; this is for callers that skipped it.
  if (!parsed.ok) throw new InvalidFilter('q', `q: ${parsed.problem}`);
  const conditions = parsed.conditions.map(conditionSql);
  if (parsed.fts !== null) {
    assertValidFtsQuery(database, parsed.fts);
    conditions.unshift(cond('s.pmid IN (SELECT rowid FROM studies_fts WHERE studies_fts MATCH ?)', parsed.fts));
  }
  return conditions;
}

/**
 * The PMIDs a search matches, ascending (deleted studies included: the callers' other filters drop
 * them), and with `rankBy` (an expression over studies_fts, e.g. the relevance sort's bm25) each
 * one's value of it; a search without full-text terms (a PMID or DOI) ranks every match 0.
 */
export function searchMatches(database: OpenedDatabase, q: string, rankBy?: string): { pmids: Int32Array; ranks: Float64Array | null } {
  const parsed = parseSearch(q);
  // The schema refused unsearchable input already; this is for callers that skipped it.
  if (!parsed.ok) throw new InvalidFilter('q', `q: ${parsed.problem}`);
  const others = parsed.conditions.map(conditionSql);
  const where = others.map((c) => `AND ${c.sql}`).join(' ');
  const values = others.flatMap((c) => c.values);
  let statement: string;
  if (parsed.fts !== null) {
    assertValidFtsQuery(database, parsed.fts);
    values.unshift(parsed.fts);
    // Without structured conditions FTS5 alone answers: no probe into studies per match (10× faster).
    statement = others.length
      ? `SELECT studies_fts.rowid, ${rankBy ?? '0'} FROM studies_fts JOIN studies s ON s.pmid = studies_fts.rowid
         WHERE studies_fts MATCH ? ${where} ORDER BY studies_fts.rowid`
      : `SELECT rowid, ${rankBy ?? '0'} FROM studies_fts WHERE studies_fts MATCH ? ORDER BY rowid`;
  } else {
    statement = `SELECT s.pmid, 0 FROM studies s WHERE 1 ${where} ORDER BY s.pmid`;
  }
  const query = database.sqlite.prepare(statement);
  if (rankBy === undefined) return { pmids: Int32Array.from(query.pluck().all(...values) as number[]), ranks: null };
  const rows = query.raw().all(...values) as [number, number][];
  const pmids = new Int32Array(rows.length);
  const ranks = new Float64Array(rows.length);
  rows.forEach(([pmid, rank], i) => {
    pmids[i] = pmid;
    ranks[i] = rank;
  });
  return { pmids, ranks };
}

function conditionSql(c: SearchCondition): SqlCondition {
  switch (c.kind) {
    case 'pmid':
      return cond(`s.pmid IN (${placeholders(c.pmids.length)})`, ...c.pmids);
    case 'doi':
      return cond('lower(s.doi) = ?', c.doi);
    case 'year':
      return cond('s.pub_year BETWEEN ? AND ?', c.from, c.to);
    case 'publicationType':
      return cond(`EXISTS (SELECT 1 FROM json_each(s.publication_types) p WHERE lower(p.value ->> '$.name') = ?)`, c.name);
  }
}

/**
 * The parser quotes every term, so FTS5 should never find a syntax error; if it does (a parser
 * bug), the client gets a 400 naming it rather than a 500. FTS5 reports them only when a query runs.
 */
function assertValidFtsQuery(database: OpenedDatabase, fts: string): void {
  try {
    database.sqlite.prepare('SELECT rowid FROM studies_fts WHERE studies_fts MATCH ? LIMIT 1').all(fts);
  } catch (error) {
    const reason = (error as Error).message.replace(/^fts5: /, '');
    throw new InvalidFilter('q', `q: could not be searched (${reason}); put phrases in double quotes and use AND, OR, NOT between words`);
  }
}

/**
 * What the read routes call: each read is answered from the study index on the HTTP thread when
 * that takes milliseconds (ADR 0003), and otherwise by the same query function on a reader thread
 * (ADR 0009). Reader threads form two lanes (ADR 0012): a quick lane for reads of bounded cost (one
 * study, a page of rows whose keys the index chose) and a lane for the rest (full text, every SQL
 * fallback), so a page never waits behind aggregates. Each lane's queue is bounded.
 */
import type { OpenedDatabase } from '@evidence/schema';
import type { StudyFilter } from '../filters/filter-schema.ts';
import {
  facetsWithFindings,
  findingFacets,
  matrixDirections,
  matrixWithDirections,
  timeline,
  withDirections,
} from '../queries/aggregates.ts';
import { getStudy } from '../queries/get-study.ts';
import {
  type FullTextMatches,
  type ListPlan,
  listStudies,
  planFromIndex,
  sortOf,
  type ListStudiesParams,
} from '../queries/list-studies.ts';
import { indexFacets, indexMatrix, indexTimeline } from '../study-index/aggregate.ts';
import type { Selection } from '../study-index/selection.ts';
import type { StudyIndex } from '../study-index/index.ts';
import { createReadPool, DEFAULT_QUEUE_PER_READER, type ReadPoolOptions } from './read-pool.ts';
import type { Read } from './read-worker.ts';

/** An answer and how far behind the database the study index it came from may be (0: current). */
export interface Answer<T> {
  body: T;
  lagMs: number;
}

export function createReads(database: OpenedDatabase, options: ReadPoolOptions = {}) {
  // An in-memory database cannot be opened by another connection: read it here.
  const threads = database.path !== ':memory:' && options.readers !== 0;
  const pool = threads ? createReadPool(database.path, options) : null;
  // One thread: its reads take a millisecond or two, and it must not take a core from the others.
  // Its queue is four times as long: those reads cost a small fraction of the other lane's.
  const quick = threads
    ? createReadPool(database.path, { ...options, readers: 1, queuePerReader: 4 * (options.queuePerReader ?? DEFAULT_QUEUE_PER_READER) })
    : null;
  const run = async <T>(read: Read, inline: () => T, client?: AbortSignal, lane = pool): Promise<T> =>
    lane ? ((await lane.run(read, client)) as T) : inline();

  /** The filter over the study index, with q's matches from a reader; null when the index cannot answer. */
  async function selectOnIndex(filter: StudyFilter, index: StudyIndex | null, client?: AbortSignal): Promise<Selection | null> {
    if (!index) return null;
    if (filter.q === undefined || !pool) return index.select(filter);
    // Worth a full-text query only if the index can take its answer.
    if (!index.usable()) return null;
    const matches = (await pool.run({ kind: 'fullTextMatches', q: filter.q, ranked: false }, client)) as FullTextMatches;
    // The index may have become unusable while the reader ran (a write): then select() says null.
    return index.select(filter, matches.pmids);
  }

  const fromIndex = <T>(selection: Selection, body: T): Answer<T> => ({ body, lagMs: selection.lagMs });
  const fromSql = async <T>(body: Promise<T>): Promise<Answer<T>> => ({ body: await body, lagMs: 0 });

  return {
    /** Reader threads (0: reads run on the HTTP thread). */
    readers: pool?.readers ?? 0,
    /** Starts the reader threads (idle threads never keep the process alive). */
    warm: () => {
      pool?.warm();
      quick?.warm();
    },
    /** `client`: the request's signal (c.req.raw.signal); a read still waiting when it aborts is dropped. */
    async listStudies(
      params: ListStudiesParams,
      index: StudyIndex | null,
      client?: AbortSignal,
    ): Promise<Answer<ReturnType<typeof listStudies>>> {
      let plan: ListPlan | null = null;
      if (params.q === undefined) plan = planFromIndex(params, index);
      else if (pool && index?.usable()) {
        // A reader finds the matches (ranked for the relevance sort); the index filters, counts and pages them.
        const ranked = sortOf(params) === 'relevance';
        plan = planFromIndex(params, index, (await pool.run({ kind: 'fullTextMatches', q: params.q, ranked }, client)) as FullTextMatches);
      }
      // With a plan the reader only fetches the page's rows by PMID (and their snippets): the quick lane.
      const body = await run(
        { kind: 'listStudies', params, plan },
        () => listStudies(database, params, index, plan),
        client,
        plan ? quick : pool,
      );
      return { body, lagMs: plan?.lagMs ?? 0 };
    },
    getStudy: (pmid: number, client?: AbortSignal) => run({ kind: 'getStudy', pmid }, () => getStudy(database, pmid), client, quick),
    // Findings and quality signals are not in the study index (ADR 0017): when the index answers,
    // their counts come from a reader; when SQL answers, the same read counts them too. Never on
    // the HTTP thread.
    async facets(filter: StudyFilter, index: StudyIndex | null, client?: AbortSignal) {
      const selection = await selectOnIndex(filter, index, client);
      if (!selection) return fromSql(run({ kind: 'facets', filter }, () => facetsWithFindings(database, filter), client));
      const findings = (await run({ kind: 'findingFacets', filter }, () => findingFacets(database, filter), client)) as ReturnType<
        typeof findingFacets
      >;
      return fromIndex(selection, { ...indexFacets(selection), ...findings });
    },
    async matrix(filter: StudyFilter, index: StudyIndex | null, client?: AbortSignal) {
      const selection = await selectOnIndex(filter, index, client);
      if (!selection) return fromSql(run({ kind: 'matrix', filter }, () => matrixWithDirections(database, filter), client));
      const directions = (await run({ kind: 'matrixDirections', filter }, () => matrixDirections(database, filter), client)) as ReturnType<
        typeof matrixDirections
      >;
      return fromIndex(selection, withDirections(indexMatrix(selection), directions));
    },
    async timeline(filter: StudyFilter, interval: 'year' | 'month', index: StudyIndex | null, client?: AbortSignal) {
      const selection = await selectOnIndex(filter, index, client);
      return selection
        ? fromIndex(selection, indexTimeline(selection, interval))
        : fromSql(run({ kind: 'timeline', filter, interval }, () => timeline(database, filter, interval), client));
    },
    close: async () => {
      await Promise.all([pool?.close(), quick?.close()]);
    },
  };
}

export type Reads = ReturnType<typeof createReads>;

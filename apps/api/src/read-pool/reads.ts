/**
 * What the read routes call: each read is answered from the study index on the HTTP thread when
 * that takes milliseconds (ADR 0003), and otherwise by the same query function on a reader thread
 * (ADR 0009). Reader threads form two lanes (ADR 0012): a quick lane for reads of bounded cost (one
 * study, a page of rows whose keys the index chose) and a lane for the rest (full text, every SQL
 * fallback), so a page never waits behind aggregates. Each lane's queue is bounded.
 */
import type { OpenedDatabase } from '@evidence/schema';
import type { StudyFilter } from '../filters/filter-schema.ts';
import { evidenceMatrix, facets, timeline } from '../queries/aggregates.ts';
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
import { createReadPool, type ReadPoolOptions } from './read-pool.ts';
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
  const quick = threads ? createReadPool(database.path, { ...options, readers: 1 }) : null;
  const run = async <T>(read: Read, inline: () => T, lane = pool): Promise<T> => (lane ? ((await lane.run(read)) as T) : inline());

  /** The filter over the study index, with q's matches from a reader; null when the index cannot answer. */
  async function selectOnIndex(filter: StudyFilter, index: StudyIndex | null): Promise<Selection | null> {
    if (!index) return null;
    if (filter.q === undefined || !pool) return index.select(filter);
    // Worth a full-text query only if the index can take its answer.
    if (!index.usable()) return null;
    const matches = (await pool.run({ kind: 'fullTextMatches', q: filter.q, ranked: false })) as FullTextMatches;
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
    async listStudies(params: ListStudiesParams, index: StudyIndex | null): Promise<Answer<ReturnType<typeof listStudies>>> {
      let plan: ListPlan | null = null;
      if (params.q === undefined) plan = planFromIndex(params, index);
      else if (pool && index?.usable()) {
        // A reader finds the matches (ranked for the relevance sort); the index filters, counts and pages them.
        const ranked = sortOf(params) === 'relevance';
        plan = planFromIndex(params, index, (await pool.run({ kind: 'fullTextMatches', q: params.q, ranked })) as FullTextMatches);
      }
      // With a plan the reader only fetches the page's rows by PMID (and their snippets): the quick lane.
      const body = await run({ kind: 'listStudies', params, plan }, () => listStudies(database, params, index, plan), plan ? quick : pool);
      return { body, lagMs: plan?.lagMs ?? 0 };
    },
    getStudy: (pmid: number) => run({ kind: 'getStudy', pmid }, () => getStudy(database, pmid), quick),
    async facets(filter: StudyFilter, index: StudyIndex | null) {
      const selection = await selectOnIndex(filter, index);
      return selection
        ? fromIndex(selection, indexFacets(selection))
        : fromSql(run({ kind: 'facets', filter }, () => facets(database, filter)));
    },
    async matrix(filter: StudyFilter, index: StudyIndex | null) {
      const selection = await selectOnIndex(filter, index);
      return selection
        ? fromIndex(selection, indexMatrix(selection))
        : fromSql(run({ kind: 'matrix', filter }, () => evidenceMatrix(database, filter)));
    },
    async timeline(filter: StudyFilter, interval: 'year' | 'month', index: StudyIndex | null) {
      const selection = await selectOnIndex(filter, index);
      return selection
        ? fromIndex(selection, indexTimeline(selection, interval))
        : fromSql(run({ kind: 'timeline', filter, interval }, () => timeline(database, filter, interval)));
    },
    close: async () => {
      await Promise.all([pool?.close(), quick?.close()]);
    },
  };
}

export type Reads = ReturnType<typeof createReads>;

/**
 * What the read routes call: each read is answered from the study index on the HTTP thread when
 * that takes milliseconds (ADR 0003), and otherwise by the same query function on a reader thread
 * (ADR 0009). Full text and every SQL fallback run on a reader.
 */
import type { OpenedDatabase } from '@evidence/schema';
import type { StudyFilter } from '../filters/filter-schema.ts';
import { evidenceMatrix, facets, timeline } from '../queries/aggregates.ts';
import { getStudy } from '../queries/get-study.ts';
import { listStudies, planFromIndex, type ListStudiesParams } from '../queries/list-studies.ts';
import { indexFacets, indexMatrix, indexTimeline } from '../study-index/aggregate.ts';
import type { Selection } from '../study-index/selection.ts';
import type { StudyIndex } from '../study-index/index.ts';
import { createReadPool, type ReadPoolOptions } from './read-pool.ts';
import type { Read } from './read-worker.ts';

export function createReads(database: OpenedDatabase, options: ReadPoolOptions = {}) {
  // An in-memory database cannot be opened by another connection: read it here.
  const pool = database.path === ':memory:' || options.readers === 0 ? null : createReadPool(database.path, options);
  const run = async <T>(read: Read, inline: () => T): Promise<T> => (pool ? ((await pool.run(read)) as T) : inline());

  /** The filter over the study index, with q's matches from a reader; null when the index cannot answer. */
  async function selectOnIndex(filter: StudyFilter, index: StudyIndex | null): Promise<Selection | null> {
    if (index?.state() !== 'ready') return null;
    if (!index) return null;
    if (filter.q === undefined || !pool) return index.select(filter);
    const pmids = (await pool.run({ kind: 'fullTextPmids', q: filter.q })) as number[];
    // The index may have gone stale while the reader ran (a write): then select() says null.
    return index.select(filter, pmids);
  }

  return {
    /** Reader threads (0: reads run on the HTTP thread). */
    readers: pool?.readers ?? 0,
    /** Starts the reader threads (idle threads never keep the process alive). */
    warm: () => pool?.warm(),
    async listStudies(params: ListStudiesParams, index: StudyIndex | null) {
      const plan = planFromIndex(params, index);
      return run({ kind: 'listStudies', params, plan }, () => listStudies(database, params, index, plan));
    },
    getStudy: (pmid: number) => run({ kind: 'getStudy', pmid }, () => getStudy(database, pmid)),
    async facets(filter: StudyFilter, index: StudyIndex | null) {
      const selection = await selectOnIndex(filter, index);
      return selection ? indexFacets(selection) : run({ kind: 'facets', filter }, () => facets(database, filter));
    },
    async matrix(filter: StudyFilter, index: StudyIndex | null) {
      const selection = await selectOnIndex(filter, index);
      return selection ? indexMatrix(selection) : run({ kind: 'matrix', filter }, () => evidenceMatrix(database, filter));
    },
    async timeline(filter: StudyFilter, interval: 'year' | 'month', index: StudyIndex | null) {
      const selection = await selectOnIndex(filter, index);
      return selection
        ? indexTimeline(selection, interval)
        : run({ kind: 'timeline', filter, interval }, () => timeline(database, filter, interval));
    },
    close: async () => pool?.close(),
  };
}

export type Reads = ReturnType<typeof createReads>;

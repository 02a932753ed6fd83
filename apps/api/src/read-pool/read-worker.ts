// A reader thread of the read pool (ADR 0009): its own read-only connection (WAL: it never blocks the
// writer, nor the writer it), running the same query functions the routes used to call directly.
import { openDatabase, type OpenedDatabase } from '@evidence/schema';
import { asDomainError } from '../domain-errors.ts';
import type { StudyFilter } from '../filters/filter-schema.ts';
import { facetsWithFindings, findingFacets, matrixDirections, matrixWithDirections, timeline } from '../queries/aggregates.ts';
import { getStudy } from '../queries/get-study.ts';
import { fullTextMatches, listStudies, type ListPlan, type ListStudiesParams } from '../queries/list-studies.ts';

/** The reads a reader thread answers; each names its query function and that function's arguments. */
export type Read =
  | { kind: 'listStudies'; params: ListStudiesParams; plan: ListPlan | null }
  | { kind: 'getStudy'; pmid: number }
  | { kind: 'facets'; filter: StudyFilter }
  | { kind: 'matrix'; filter: StudyFilter }
  | { kind: 'timeline'; filter: StudyFilter; interval: 'year' | 'month' }
  | { kind: 'fullTextMatches'; q: string; ranked: boolean }
  | { kind: 'findingFacets'; filter: StudyFilter }
  | { kind: 'matrixDirections'; filter: StudyFilter };

export interface ReadTask {
  path: string;
  read: Read;
  /** Shared with the HTTP thread: the wall-clock time this read started running (0 while queued). */
  startedAt: Float64Array;
}

/** A domain error crosses the thread boundary as data (structured clone keeps only name and message). */
export type ReadOutcome =
  | { ok: true; value: unknown }
  | { ok: false; error: { type: string; message: string; parameter?: string; retryAfterSeconds?: number } };

let connection: { path: string; database: OpenedDatabase } | null = null;

function run(database: OpenedDatabase, read: Read): unknown {
  switch (read.kind) {
    case 'listStudies':
      return listStudies(database, read.params, null, read.plan);
    case 'getStudy':
      return getStudy(database, read.pmid);
    case 'facets':
      return facetsWithFindings(database, read.filter);
    case 'matrix':
      return matrixWithDirections(database, read.filter);
    case 'timeline':
      return timeline(database, read.filter, read.interval);
    case 'fullTextMatches':
      return fullTextMatches(database, read.q, read.ranked);
    case 'findingFacets':
      return findingFacets(database, read.filter);
    case 'matrixDirections':
      return matrixDirections(database, read.filter);
  }
}

export default function answer(task: ReadTask): ReadOutcome {
  if (connection?.path !== task.path) {
    connection?.database.close();
    connection = { path: task.path, database: openDatabase(task.path, { readonly: true, migrate: false }) };
  }
  // The budget is the query's: a replacement reader opens its connection (schema check, pragmas)
  // before the clock starts, or a tight budget would refuse the first cheap read after a cancel.
  task.startedAt[0] = Date.now();
  try {
    return { ok: true, value: run(connection.database, task.read) };
  } catch (error) {
    const domain = asDomainError(error);
    if (!domain) throw error;
    return {
      ok: false,
      error: {
        type: domain.constructor.name,
        message: domain.message,
        ...('parameter' in domain ? { parameter: String(domain.parameter) } : {}),
      },
    };
  }
}

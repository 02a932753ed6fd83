import type { InferResponseType } from 'hono/client';
import { api, callApi } from '#lib/server/api.ts';
import { lastIngestion, latestImport, latestRunPerTopic } from '#lib/ingestion.ts';
import { filtersFromUrl, type FilterQuery } from '#lib/server/filters.ts';
import { vocabulary } from '#lib/server/vocab.ts';
import type { PageServerLoad } from './$types';

type Matrix = InferResponseType<typeof api.api.matrix.$get, 200>;
type Timeline = InferResponseType<typeof api.api.timeline.$get, 200>;
type Runs = InferResponseType<typeof api.api.runs.$get, 200>;
type Facets = InferResponseType<typeof api.api.facets.$get, 200>;
type StudyPage = InferResponseType<typeof api.api.studies.$get, 200>;

// "Since your last visit": the previous visit's time, rolled forward after 30 minutes away.
const VISIT_PREVIOUS = 'visit_previous';
const VISIT_CURRENT = 'visit_current';
const SESSION_GAP_MS = 30 * 60 * 1000;

/** The filters the evidence map takes from its URL: what was found and how well the study was done. */
const MAP_FILTERS = ['direction', 'randomised', 'blinded', 'sham', 'registered'] as const;

function mapFilters(url: URL): FilterQuery {
  const all = filtersFromUrl(url);
  return Object.fromEntries(MAP_FILTERS.filter((key) => all[key] !== undefined).map((key) => [key, all[key]])) as FilterQuery;
}

export const load: PageServerLoad = async ({ cookies, url }) => {
  const mapFilter = mapFilters(url);
  const now = new Date();
  let previous = cookies.get(VISIT_PREVIOUS) ?? null;
  const current = cookies.get(VISIT_CURRENT);
  if (!current || now.getTime() - Date.parse(current) > SESSION_GAP_MS) {
    if (current && !Number.isNaN(Date.parse(current))) previous = current;
    const opts = { path: '/', maxAge: 60 * 60 * 24 * 400, httpOnly: true, sameSite: 'lax' as const };
    if (previous) cookies.set(VISIT_PREVIOUS, previous, opts);
    cookies.set(VISIT_CURRENT, now.toISOString(), opts);
  }
  if (previous && Number.isNaN(Date.parse(previous))) previous = null;

  const [matrix, timeline, facets, runs, vocab] = await Promise.all([
    callApi<Matrix>(() => api.api.matrix.$get({ query: mapFilter })),
    callApi<Timeline>(() => api.api.timeline.$get({ query: { interval: 'year' } })),
    // Distinct studies per year: a study in three topics is one publication, not three.
    callApi<Facets>(() => api.api.facets.$get({ query: {} })),
    // The newest 200 runs cover the last ingestion of every topic many times over.
    callApi<Runs>(() => api.api.runs.$get({ query: { limit: '200' } })),
    vocabulary(),
  ]);
  const ingestion = lastIngestion(runs.items);
  // Studies first seen since the last ingestion's first topic started; "Show them" lists the same filter.
  const sinceIngestion = ingestion[0] ? `run:${ingestion[0].id}` : null;
  const countSince = (since: string) =>
    callApi<StudyPage>(() => api.api.studies.$get({ query: { added_since: since, limit: '1', sort: 'added' } })).then((p) => p.total);
  const [newSinceRun, newSinceVisit, total] = await Promise.all([
    sinceIngestion ? countSince(sinceIngestion) : Promise.resolve(0),
    previous ? countSince(previous) : Promise.resolve(null),
    callApi<StudyPage>(() => api.api.studies.$get({ query: { limit: '1' } })).then((p) => p.total),
  ]);
  const lastIngestionRun = ingestion.at(-1) ?? null;
  return {
    matrix,
    timeline,
    perYear: facets.year.map((y) => ({ year: Number(y.value), count: y.count })).filter((y) => Number.isInteger(y.year) && y.year > 0),
    lastIngestion: lastIngestionRun ? { since: sinceIngestion!, endedAt: lastIngestionRun.endedAt ?? lastIngestionRun.startedAt } : null,
    topicRuns: latestRunPerTopic(
      runs.items,
      vocab.topics.map((t) => t.id),
    ),
    lastImport: latestImport(runs.items),
    vocab,
    mapFilter,
    newSinceRun,
    newSinceVisit,
    previousVisit: previous,
    total,
  };
};

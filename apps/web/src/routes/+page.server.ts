import type { InferResponseType } from 'hono/client';
import { api, callApi } from '#lib/server/api.ts';
import { vocabulary } from '#lib/server/vocab.ts';
import type { PageServerLoad } from './$types';

type Matrix = InferResponseType<typeof api.api.matrix.$get, 200>;
type Timeline = InferResponseType<typeof api.api.timeline.$get, 200>;
type Runs = InferResponseType<typeof api.api.runs.$get, 200>;
type StudyPage = InferResponseType<typeof api.api.studies.$get, 200>;

// "Since your last visit": the previous visit's time, rolled forward after 30 minutes away.
const VISIT_PREVIOUS = 'visit_previous';
const VISIT_CURRENT = 'visit_current';
const SESSION_GAP_MS = 30 * 60 * 1000;

export const load: PageServerLoad = async ({ cookies }) => {
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

  const [matrix, timeline, runs, vocab] = await Promise.all([
    callApi<Matrix>(() => api.api.matrix.$get({ query: {} })),
    callApi<Timeline>(() => api.api.timeline.$get({ query: { interval: 'year' } })),
    callApi<Runs>(() => api.api.runs.$get({ query: { limit: '1' } })),
    vocabulary(),
  ]);
  const lastRun = runs.items[0] ?? null;
  const countSince = (since: string) =>
    callApi<StudyPage>(() => api.api.studies.$get({ query: { added_since: since, limit: '1', sort: 'added' } })).then((p) => p.total);
  const [newSinceRun, newSinceVisit, total] = await Promise.all([
    lastRun ? countSince(`run:${lastRun.id}`) : Promise.resolve(0),
    previous ? countSince(previous) : Promise.resolve(null),
    callApi<StudyPage>(() => api.api.studies.$get({ query: { limit: '1' } })).then((p) => p.total),
  ]);
  return { matrix, timeline, lastRun, vocab, newSinceRun, newSinceVisit, previousVisit: previous, total };
};

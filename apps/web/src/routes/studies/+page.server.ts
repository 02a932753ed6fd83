import type { InferResponseType } from 'hono/client';
import { api, callApi } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

type StudyPage = InferResponseType<typeof api.api.studies.$get, 200>;
export type StudyListItem = StudyPage['items'][number];

const DEFAULT_LIMIT = 25;

/** ?limit= is optional and bookmarkable; anything outside 1–200 falls back to the default. */
function parseLimit(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 200 ? n : DEFAULT_LIMIT;
}

export const load: PageServerLoad = async ({ url }) => {
  const cursor = url.searchParams.get('cursor') || undefined;
  const topics = url.searchParams.getAll('topic').filter(Boolean);
  const sort = url.searchParams.get('sort') === 'added' ? 'added' : 'published';
  const limit = parseLimit(url.searchParams.get('limit'));

  const page = await callApi<StudyPage>(() =>
    api.api.studies.$get({
      query: { limit: String(limit), sort, ...(cursor ? { cursor } : {}), ...(topics.length ? { topic: topics } : {}) },
    }),
  );
  return { ...page, cursor: cursor ?? null, topics, sort, limit, isDefaultLimit: limit === DEFAULT_LIMIT };
};

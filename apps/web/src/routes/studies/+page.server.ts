import type { InferResponseType } from 'hono/client';
import { api, callApi } from '#lib/server/api.ts';
import { filtersFromUrl } from '#lib/server/filters.ts';
import { vocabulary } from '#lib/server/vocab.ts';
import type { PageServerLoad } from './$types';

type StudyPage = InferResponseType<typeof api.api.studies.$get, 200>;
type Facets = InferResponseType<typeof api.api.facets.$get, 200>;
export type StudyListItem = StudyPage['items'][number];

const DEFAULT_LIMIT = 25;

/** ?limit= is optional and bookmarkable; anything outside 1–200 falls back to the default. */
function parseLimit(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 200 ? n : DEFAULT_LIMIT;
}

export const load: PageServerLoad = async ({ url }) => {
  const filters = filtersFromUrl(url);
  const cursor = url.searchParams.get('cursor') || undefined;
  const requested = url.searchParams.get('sort');
  const sort = requested === 'added' || requested === 'published' ? requested : requested === 'relevance' && filters.q ? 'relevance' : filters.q ? 'relevance' : 'published';
  const limit = parseLimit(url.searchParams.get('limit'));

  const [page, facets, vocab] = await Promise.all([
    callApi<StudyPage>(() => api.api.studies.$get({ query: { ...filters, limit: String(limit), sort, ...(cursor ? { cursor } : {}) } })),
    callApi<Facets>(() => api.api.facets.$get({ query: filters })),
    vocabulary(),
  ]);
  return { ...page, facets, vocab, filters, cursor: cursor ?? null, sort, limit, isDefaultLimit: limit === DEFAULT_LIMIT };
};

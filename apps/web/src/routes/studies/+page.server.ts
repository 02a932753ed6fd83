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

export const load: PageServerLoad = async ({ url, isDataRequest }) => {
  const filters = filtersFromUrl(url);
  const cursor = url.searchParams.get('cursor') || undefined;
  const requested = url.searchParams.get('sort');
  const sort =
    requested === 'added' || requested === 'published'
      ? requested
      : requested === 'relevance' && filters.q
        ? 'relevance'
        : filters.q
          ? 'relevance'
          : 'published';
  const limit = parseLimit(url.searchParams.get('limit'));

  const list = callApi<StudyPage>(() =>
    api.api.studies.$get({ query: { ...filters, limit: String(limit), sort, ...(cursor ? { cursor } : {}) } }),
  );
  const fetchFacets = () => callApi<Facets>(() => api.api.facets.$get({ query: filters }));
  // A full page load waits for the facet counts (complete HTML, works without JS). A client-side
  // navigation (ticking a facet) streams them: counting facets under a new filter can take far
  // longer than the list on a large database, and the list should not wait for it. They are asked
  // for only once the list has arrived, because the API answers one query at a time (synchronous
  // SQLite) and a facet count queued first would hold the list back.
  const facets = isDataRequest ? list.then(fetchFacets, fetchFacets) : fetchFacets();
  // Handled here so a failure is never an unhandled rejection when the list fails first; a streamed
  // failure leaves the previous counts on screen and the list reports API errors itself.
  facets.catch(() => {});
  const [page, vocab] = await Promise.all([list, vocabulary()]);
  if (!isDataRequest)
    return { ...page, facets: await facets, vocab, filters, cursor: cursor ?? null, sort, limit, isDefaultLimit: limit === DEFAULT_LIMIT };
  return { ...page, facets, vocab, filters, cursor: cursor ?? null, sort, limit, isDefaultLimit: limit === DEFAULT_LIMIT };
};

import { isHttpError } from '@sveltejs/kit';
import type { InferResponseType } from 'hono/client';
import { api, callApi } from '#lib/server/api.ts';
import { filtersFromUrl } from '#lib/server/filters.ts';
import { vocabulary } from '#lib/server/vocab.ts';
import type { PageServerLoad } from './$types';

type StudyPage = InferResponseType<typeof api.api.studies.$get, 200>;
type Facets = InferResponseType<typeof api.api.facets.$get, 200>;
export type StudyListItem = StudyPage['items'][number];

const DEFAULT_LIMIT = 25;

/** The API refused the search itself (nothing to search for, or over the cost rule): a message beside the form, not an error page. */
const isSearchRefusal = (e: unknown) => isHttpError(e) && e.status === 400 && e.body.parameter === 'q';

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
    requested === 'added' || requested === 'published' || requested === 'sample_size' || requested === 'design'
      ? requested
      : requested === 'relevance' && filters.q
        ? 'relevance'
        : filters.q
          ? 'relevance'
          : 'published';
  const limit = parseLimit(url.searchParams.get('limit'));

  // A refused search keeps the form, the filters and their counts on screen, with the API's reason.
  const list = callApi<StudyPage>(() =>
    api.api.studies.$get({ query: { ...filters, limit: String(limit), sort, ...(cursor ? { cursor } : {}) } }),
  ).then(
    (studies) => ({ ...studies, searchError: null as Pick<App.Error, 'message' | 'details'> | null }),
    (e: unknown) => {
      if (!isSearchRefusal(e)) throw e;
      const empty: StudyPage = { items: [], total: 0, sort, nextCursor: null };
      const { message, details } = (e as { body: App.Error }).body;
      return { ...empty, searchError: { message, details } };
    },
  );
  const { q: _q, ...withoutSearch } = filters;
  const fetchFacets = () =>
    callApi<Facets>(() => api.api.facets.$get({ query: filters })).catch((e: unknown) => {
      if (!isSearchRefusal(e)) throw e;
      return callApi<Facets>(() => api.api.facets.$get({ query: withoutSearch }));
    });
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

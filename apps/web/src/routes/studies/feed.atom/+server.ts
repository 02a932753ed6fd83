import { api, reachApi, throwApiError } from '#lib/server/api.ts';
import { filtersFromUrl } from '#lib/server/filters.ts';
import type { RequestHandler } from './$types';

/**
 * The Atom feed of newly found studies under the studies page's filters, on the dashboard's own
 * origin (feed readers cannot send the API's read token). The API validates the filters.
 */
export const GET: RequestHandler = async ({ url }) => {
  const res = await reachApi(() => api.api['feed.atom'].$get({ query: filtersFromUrl(url) as never }));
  if (!res.ok) return throwApiError(res);
  return new Response(res.body, {
    headers: { 'Content-Type': res.headers.get('content-type') ?? 'application/atom+xml; charset=utf-8', 'Cache-Control': 'no-store' },
  });
};

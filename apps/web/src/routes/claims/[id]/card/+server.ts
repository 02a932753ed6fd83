import { error, json } from '@sveltejs/kit';
import { api, reachApi, throwApiError } from '#lib/server/api.ts';
import type { RequestHandler } from './$types';

/**
 * A pinned study's citation card, fetched when the curator copies it, so the API re-reads the
 * retraction status at that moment (no caching anywhere on the way). The read token stays here.
 */
export const GET: RequestHandler = async ({ params, url }) => {
  const pmid = url.searchParams.get('pmid') ?? '';
  const style = url.searchParams.get('style') === 'apa' ? 'apa' : 'vancouver';
  if (!/^\d{1,9}$/.test(params.id) || !/^\d{1,9}$/.test(pmid)) error(400, 'id and pmid must be numbers', { code: 'invalid_parameter' });
  const res = await reachApi(() => api.api.claims[':id'].pins[':pmid'].card.$get({ param: { id: params.id, pmid }, query: { style } }));
  if (!res.ok) return throwApiError(res);
  return json(await res.json(), { headers: { 'Cache-Control': 'no-store' } });
};

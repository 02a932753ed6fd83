import { error } from '@sveltejs/kit';
import { api, reachApi, throwApiError } from '#lib/server/api.ts';
import type { RequestHandler } from './$types';

/** The claim's Atom feed on the dashboard's own origin (feed readers cannot send the API's read token). */
export const GET: RequestHandler = async ({ params }) => {
  if (!/^\d{1,9}$/.test(params.id)) error(404, 'No claim with this id', { code: 'not_found' });
  const res = await reachApi(() => api.api.claims[':id']['feed.atom'].$get({ param: { id: params.id } }));
  if (!res.ok) return throwApiError(res);
  return new Response(res.body, { headers: { 'Content-Type': res.headers.get('content-type') ?? 'application/atom+xml; charset=utf-8' } });
};

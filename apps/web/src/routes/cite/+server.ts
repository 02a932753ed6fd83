import { error } from '@sveltejs/kit';
import { api, reachApi, throwApiError } from '#lib/server/api.ts';
import type { RequestHandler } from './$types';

/** A formatted reference as plain text, for the copy buttons (the API token stays here). */
export const GET: RequestHandler = async ({ url }) => {
  const pmid = url.searchParams.get('pmid') ?? '';
  const style = url.searchParams.get('style') === 'vancouver' ? 'vancouver' : 'apa';
  if (!/^\d{1,9}$/.test(pmid)) error(400, 'pmid must be a PMID');
  const res = await reachApi(() => api.api.export.$get({ query: { format: style, pmid: [pmid], style_output: 'text' } }));
  if (!res.ok) return throwApiError(res);
  return new Response(await res.text(), { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
};

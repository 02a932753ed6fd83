import { error } from '@sveltejs/kit';
import { api, reachApi, throwApiError } from '#lib/server/api.ts';
import { filtersFromUrl } from '#lib/server/filters.ts';
import type { RequestHandler } from './$types';

const FORMATS = new Set(['ris', 'bibtex', 'csljson', 'csv', 'apa', 'vancouver']);

/**
 * Downloads an export: the same filters as /studies (or pmid=… for a selection), proxied to
 * GET /api/export so the read token stays on the server. The API's filename is passed on.
 */
export const GET: RequestHandler = async ({ url }) => {
  const format = url.searchParams.get('format') ?? '';
  if (!FORMATS.has(format))
    error(400, 'format must be ris, bibtex, csljson, csv, apa or vancouver', { code: 'invalid_parameter', parameter: 'format' });
  // Every filter goes on by the API's own list of filter names (a selection is pmid=…), and the API validates it.
  const styleOutput = url.searchParams.get('style_output');
  const query = { ...filtersFromUrl(url), ...(styleOutput ? { style_output: styleOutput } : {}), format };
  const res = await reachApi(() => api.api.export.$get({ query: query as never }));
  if (!res.ok) return throwApiError(res);
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  for (const name of ['content-type', 'content-disposition', 'x-result-count']) {
    const value = res.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(res.body, { headers });
};

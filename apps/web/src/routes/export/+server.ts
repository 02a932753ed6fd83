import { error } from '@sveltejs/kit';
import { api, reachApi, throwApiError } from '#lib/server/api.ts';
import type { RequestHandler } from './$types';

const FORMATS = new Set(['ris', 'bibtex', 'csljson', 'csv', 'apa', 'vancouver']);
const PASSED = [
  'topic',
  'outcome',
  'design',
  'match',
  'year_from',
  'year_to',
  'language',
  'journal',
  'retracted',
  'reviewed',
  'inclusion',
  'q',
  'added_since',
  'pmid',
  'style_output',
];

/**
 * Downloads an export: the same filters as /studies (or pmid=… for a selection), proxied to
 * GET /api/export so the read token stays on the server. The API's filename is passed on.
 */
export const GET: RequestHandler = async ({ url }) => {
  const format = url.searchParams.get('format') ?? '';
  if (!FORMATS.has(format))
    error(400, 'format must be ris, bibtex, csljson, csv, apa or vancouver', { code: 'invalid_parameter', parameter: 'format' });
  const query: Record<string, string | string[]> = { format };
  for (const key of PASSED) {
    const values = url.searchParams.getAll(key).filter(Boolean);
    if (values.length)
      query[key] =
        values.length === 1 && !['topic', 'outcome', 'design', 'language', 'journal', 'pmid'].includes(key) ? values[0]! : values;
  }
  // The typed client's query type is the API's zod input; the values were checked by name above.
  const res = await reachApi(() => api.api.export.$get({ query: query as never }));
  if (!res.ok) return throwApiError(res);
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  for (const name of ['content-type', 'content-disposition', 'x-result-count']) {
    const value = res.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(res.body, { headers });
};

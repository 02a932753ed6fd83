import { error } from '@sveltejs/kit';
import { api, reachApi, throwApiError } from '#lib/server/api.ts';
import type { RequestHandler } from './$types';

const FORMATS = ['vancouver', 'apa', 'ris', 'bibtex'] as const;

/** The claim's pinned studies as a download, proxied so tokens stay on this server; the API names the file. */
export const GET: RequestHandler = async ({ params, url }) => {
  const format = url.searchParams.get('format') ?? 'vancouver';
  if (!(FORMATS as readonly string[]).includes(format))
    error(400, 'format must be vancouver, apa, ris or bibtex', { code: 'invalid_parameter', parameter: 'format' });
  if (!/^\d{1,9}$/.test(params.id)) error(404, 'No claim with this id', { code: 'not_found' });
  const res = await reachApi(() =>
    api.api.claims[':id'].references.$get({ param: { id: params.id }, query: { format: format as (typeof FORMATS)[number] } }),
  );
  if (!res.ok) return throwApiError(res);
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  for (const name of ['content-type', 'content-disposition']) {
    const value = res.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(res.body, { headers });
};

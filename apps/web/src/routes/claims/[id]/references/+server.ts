import { error } from '@sveltejs/kit';
import { api, reachApi, throwApiError } from '#lib/server/api.ts';
import { LEVEL_KEYS } from '../../claims.server.ts';
import type { RequestHandler } from './$types';

const FORMATS = ['vancouver', 'apa', 'ris', 'bibtex', 'csljson', 'csv'] as const;
const SETS = ['pins', 'matching'] as const;

const oneOf = <T extends string>(allowed: readonly T[], name: string, fallback: T | undefined, url: URL): T | undefined => {
  const value = url.searchParams.get(name) ?? fallback;
  if (value !== undefined && !(allowed as readonly string[]).includes(value))
    error(400, `${name} must be ${allowed.join(', ')}`, { code: 'invalid_parameter', parameter: name });
  return value as T | undefined;
};

/**
 * The claim's pinned studies (set=pins) or all its matching studies (set=matching, optionally one
 * level) as a download, proxied so tokens stay on this server; the API names the file.
 */
export const GET: RequestHandler = async ({ params, url }) => {
  const format = oneOf(FORMATS, 'format', 'vancouver', url)!;
  const set = oneOf(SETS, 'set', 'pins', url)!;
  const level = oneOf(LEVEL_KEYS, 'level', undefined, url);
  if (!/^\d{1,9}$/.test(params.id)) error(404, 'No claim with this id', { code: 'not_found' });
  const res = await reachApi(() =>
    api.api.claims[':id'].references.$get({ param: { id: params.id }, query: { format, set, ...(level ? { level } : {}) } }),
  );
  if (!res.ok) return throwApiError(res);
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  for (const name of ['content-type', 'content-disposition']) {
    const value = res.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(res.body, { headers });
};

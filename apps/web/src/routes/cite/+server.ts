import { error } from '@sveltejs/kit';
import { api, reachApi, throwApiError } from '#lib/server/api.ts';
import type { RequestHandler } from './$types';

/** The reference formats a copy button offers: two styles as text, and the two reference-manager records. */
const CITE_FORMATS = ['apa', 'vancouver', 'ris', 'bibtex'] as const;
type CiteFormat = (typeof CITE_FORMATS)[number];

/** A study's reference as plain text, for the copy buttons (the API token stays here). */
export const GET: RequestHandler = async ({ url }) => {
  const pmid = url.searchParams.get('pmid') ?? '';
  const requested = url.searchParams.get('style') ?? 'apa';
  if (!/^\d{1,9}$/.test(pmid)) error(400, 'pmid must be a PMID');
  if (!(CITE_FORMATS as readonly string[]).includes(requested)) error(400, `style must be one of ${CITE_FORMATS.join(', ')}`);
  const format = requested as CiteFormat;
  const res = await reachApi(() =>
    api.api.export.$get({
      query: format === 'apa' || format === 'vancouver' ? { format, pmid: [pmid], style_output: 'text' } : { format, pmid: [pmid] },
    }),
  );
  if (!res.ok) return throwApiError(res);
  return new Response(await res.text(), { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
};

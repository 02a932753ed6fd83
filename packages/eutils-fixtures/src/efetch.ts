/** efetch.fcgi db=pubmed retmode=xml, by id list or by WebEnv + query_key. Unknown PMIDs are silently absent. */
import type { SearchContext } from './esearch.ts';
import { efetchError, xml, type FixtureResponse } from './responses.ts';
import type { StudySpec } from './types.ts';
import { buildArticleSetXml } from './xml.ts';

function idsFromParams(params: URLSearchParams, ctx: SearchContext): number[] | FixtureResponse {
  const idParam = params.get('id');
  if (idParam !== null)
    return idParam
      .split(',')
      .map((s) => Number(s.trim()))
      .filter((n) => Number.isInteger(n) && n > 0);
  const webEnv = params.get('WebEnv');
  const queryKey = Number(params.get('query_key') ?? '1');
  if (!webEnv) return efetchError('Empty id list - nothing todo');
  const stored = ctx.history.get(webEnv, queryKey);
  if (!stored) return efetchError(`Unable to obtain query #${queryKey}`);
  const retstart = Math.max(0, Number.parseInt(params.get('retstart') ?? '0', 10) || 0);
  const retmax = Math.max(0, Number.parseInt(params.get('retmax') ?? '20', 10) || 0);
  return stored.slice(retstart, retstart + retmax);
}

/** The PMIDs an efetch request asks for (by id list or history page); [] when it cannot be answered. */
export function efetchIds(params: Record<string, string>, ctx: SearchContext): number[] {
  const ids = idsFromParams(new URLSearchParams(params), ctx);
  return Array.isArray(ids) ? ids : [];
}

export function handleEfetch(params: URLSearchParams, ctx: SearchContext): FixtureResponse {
  const db = params.get('db') ?? 'pubmed';
  if (db !== 'pubmed') return efetchError(`Invalid db name specified: ${db}`);
  const ids = idsFromParams(params, ctx);
  if (!Array.isArray(ids)) return ids;
  const specs = ids.map((id) => ctx.corpus.spec(id)).filter((s): s is StudySpec => s !== undefined);
  return xml(buildArticleSetXml(specs));
}

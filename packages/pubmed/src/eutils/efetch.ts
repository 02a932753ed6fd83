/** efetch db=pubmed retmode=xml: by history (WebEnv + query_key) or by explicit PMIDs. Bodies are checked, not parsed. */
import { checkXmlBody } from './check.ts';
import { EutilsError } from './errors.ts';
import { PUBMED_RETRIEVAL_CAP, type SearchSlice } from './slices.ts';
import { callEutils, type TransportConfig } from './transport.ts';

export interface FetchBatch {
  retstart: number;
  /** A well-formed <PubmedArticleSet> document (possibly empty). */
  body: string;
  /** Set by fetchByIds: the PMIDs asked for, so missing ones can be noticed. */
  requestedIds?: string[];
}

/** NCBI asks for POST above ~200 UIDs; long GET URLs fail with 414. */
export const POST_ABOVE_IDS = 200;

const checkArticleSet = (body: string) => checkXmlBody(body, 'PubmedArticleSet');

export async function* fetchBatches(
  config: TransportConfig,
  batchSize: number,
  slice: Pick<SearchSlice, 'count' | 'webEnv' | 'queryKey'>,
): AsyncGenerator<FetchBatch> {
  const total = Math.min(slice.count, PUBMED_RETRIEVAL_CAP);
  for (let retstart = 0; retstart < total; retstart += batchSize) {
    const retmax = Math.min(batchSize, total - retstart);
    const params = {
      db: 'pubmed',
      retmode: 'xml',
      WebEnv: slice.webEnv,
      query_key: slice.queryKey,
      retstart: String(retstart),
      retmax: String(retmax),
    };
    yield { retstart, body: await callEutils(config, 'efetch', params, { check: checkArticleSet }) };
  }
}

/** PMIDs are positive integers; anything else is refused before sending (NCBI answers id=-1 with PMID 1). */
export function validatePmids(ids: readonly (string | number)[]): string[] {
  return ids.map((id) => {
    const text = String(id).trim();
    if (!/^[1-9]\d{0,9}$/.test(text)) {
      throw new EutilsError('efetch', 0, {
        kind: 'bad_request',
        reason: `"${String(id)}" is not a PMID (a positive whole number)`,
        retryable: false,
      });
    }
    return text;
  });
}

export async function* fetchByIds(
  config: TransportConfig,
  batchSize: number,
  ids: readonly (string | number)[],
): AsyncGenerator<FetchBatch> {
  const unique = [...new Set(validatePmids(ids))];
  for (let start = 0; start < unique.length; start += batchSize) {
    const requestedIds = unique.slice(start, start + batchSize);
    const method = requestedIds.length > POST_ABOVE_IDS ? 'POST' : 'GET';
    const params = { db: 'pubmed', retmode: 'xml', id: requestedIds.join(',') };
    yield { retstart: start, requestedIds, body: await callEutils(config, 'efetch', params, { method, check: checkArticleSet }) };
  }
}

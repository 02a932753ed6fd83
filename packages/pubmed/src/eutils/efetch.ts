/** efetch db=pubmed retmode=xml: by history (WebEnv + query_key) or by explicit PMIDs. Bodies are checked, not parsed. */
import { checkXmlBody } from './check.ts';
import { EutilsError } from './errors.ts';
import { esearch } from './esearch.ts';
import { PUBMED_RETRIEVAL_CAP, type SearchSlice } from './slices.ts';
import { callEutils, type TransportConfig } from './transport.ts';

export interface FetchBatch {
  retstart: number;
  /** Records the page asked for (history pages); by id, see requestedIds. */
  expected?: number;
  /** A well-formed <PubmedArticleSet> document (possibly empty). */
  body: string;
  /** Set by fetchByIds: the PMIDs asked for, so missing ones can be noticed. */
  requestedIds?: string[];
}

/** NCBI asks for POST above ~200 UIDs; long GET URLs fail with 414. */
export const POST_ABOVE_IDS = 200;

const checkArticleSet = (body: string) => checkXmlBody(body, 'PubmedArticleSet');

/** New searches one topic's fetches may make when the history server forgets a WebEnv; more means it keeps forgetting. */
export const MAX_RESEARCHES = 2;

/** What fetching a search by history needs; with term, datetype and window it can search again if the WebEnv is forgotten. */
export type HistorySlice = Pick<SearchSlice, 'count' | 'webEnv' | 'queryKey'> &
  Partial<Pick<SearchSlice, 'term' | 'datetype' | 'from' | 'to'>>;

export interface FetchBatchesOptions {
  /** New searches left (shared by a topic's slices); default MAX_RESEARCHES for this call alone. */
  researches?: { left: number };
}

export async function* fetchBatches(
  config: TransportConfig,
  batchSize: number,
  slice: HistorySlice,
  options: FetchBatchesOptions = {},
): AsyncGenerator<FetchBatch> {
  const budget = options.researches ?? { left: MAX_RESEARCHES };
  let history = { count: slice.count, webEnv: slice.webEnv, queryKey: slice.queryKey };
  let total = Math.min(slice.count, PUBMED_RETRIEVAL_CAP);
  let researched = 0;
  for (let retstart = 0; retstart < total; ) {
    const retmax = Math.min(batchSize, total - retstart);
    const params = {
      db: 'pubmed',
      retmode: 'xml',
      WebEnv: history.webEnv,
      query_key: history.queryKey,
      retstart: String(retstart),
      retmax: String(retmax),
    };
    let body: string;
    try {
      body = await callEutils(config, 'efetch', params, { check: checkArticleSet });
    } catch (error) {
      if (!(error instanceof EutilsError && error.kind === 'history_expired') || slice.term === undefined) throw error;
      if (budget.left <= 0) {
        throw new EutilsError('efetch', error.attempts, {
          kind: 'history_expired',
          reason: `${error.reason} (searched again ${researched || MAX_RESEARCHES} times and the history server forgot the search each time)`,
          retryable: false,
        });
      }
      budget.left--;
      researched++;
      // The same term and window again: PubMed keeps its order, so the records before retstart are the ones already fetched.
      const again = await esearch(config, { term: slice.term, datetype: slice.datetype, mindate: slice.from, maxdate: slice.to });
      const sameCount = again.count === history.count;
      config.onEvent({
        type: 'research',
        from: slice.from ?? '',
        to: slice.to ?? '',
        count: again.count,
        message: sameCount
          ? `the E-utilities history server forgot the search (${error.reason}); searched again and resumed at record ${retstart + 1}`
          : `the E-utilities history server forgot the search (${error.reason}); searched again, it now finds ${again.count} instead of ${history.count} records, so fetching restarted from the first (records already stored are not counted twice)`,
      });
      // A different count means the order may have shifted: start over, and let the caller skip what it already has.
      if (!sameCount) retstart = 0;
      history = { count: again.count, webEnv: again.webEnv, queryKey: again.queryKey };
      total = Math.min(again.count, PUBMED_RETRIEVAL_CAP);
      continue;
    }
    yield { retstart, expected: retmax, body };
    retstart += retmax;
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

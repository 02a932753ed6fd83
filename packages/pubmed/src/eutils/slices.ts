/**
 * PubMed lets one query retrieve only its first 9,999 PMIDs. When a date window finds more, split
 * it in halves (by crdt or mdat) until every slice fits, so nothing past the cap is silently lost.
 */
import { addDays, daysBetween, isoDay } from './dates.ts';
import { esearch } from './esearch.ts';
import type { TransportConfig } from './transport.ts';

export const PUBMED_RETRIEVAL_CAP = 9999;

export interface SliceParams {
  term: string;
  datetype: 'crdt' | 'mdat';
  /** Inclusive days, YYYY-MM-DD. */
  from: string;
  to: string;
}

export interface SearchSlice {
  term: string;
  datetype: 'crdt' | 'mdat';
  from: string;
  to: string;
  count: number;
  webEnv: string;
  queryKey: string;
  /** True only for a single day that still finds more than 9,999: just the first 9,999 can be fetched. */
  capped: boolean;
}

/** Yields windows in date order, each finding at most 9,999 records (except an unsplittable single day). */
export async function* searchSlices(config: TransportConfig, params: SliceParams): AsyncGenerator<SearchSlice> {
  const pending: { from: string; to: string }[] = [{ from: isoDay(params.from), to: isoDay(params.to) }];
  while (pending.length) {
    const { from, to } = pending.pop()!;
    const result = await esearch(config, { term: params.term, datetype: params.datetype, mindate: from, maxdate: to });
    const slice: SearchSlice = {
      term: params.term,
      datetype: params.datetype,
      from,
      to,
      count: result.count,
      webEnv: result.webEnv,
      queryKey: result.queryKey,
      capped: false,
    };
    if (result.count <= PUBMED_RETRIEVAL_CAP) {
      config.onEvent({ type: 'slice_ready', from, to, count: result.count });
      if (result.count > 0) yield slice;
      continue;
    }
    const days = daysBetween(from, to);
    if (days === 0) {
      config.onEvent({
        type: 'slice',
        action: 'over_cap',
        from,
        to,
        count: result.count,
        message: `${params.datetype} ${from} alone finds ${result.count} records; PubMed returns only the first ${PUBMED_RETRIEVAL_CAP} of a query and a single day cannot be split further, so ${result.count - PUBMED_RETRIEVAL_CAP} will be missing`,
      });
      yield { ...slice, capped: true };
      continue;
    }
    const mid = addDays(from, Math.floor(days / 2));
    const next = addDays(mid, 1);
    config.onEvent({
      type: 'slice',
      action: 'split',
      from,
      to,
      count: result.count,
      message: `${params.datetype} ${from}..${to} finds ${result.count} records (over PubMed's ${PUBMED_RETRIEVAL_CAP} limit); split into ${from}..${mid} and ${next}..${to}`,
    });
    pending.push({ from: next, to }, { from, to: mid }); // stack: the earlier half is searched first
  }
}

/** esearch with usehistory=y: how many records a query finds, and where NCBI keeps them (WebEnv + query_key). */
import { XMLParser } from 'fast-xml-parser';
import { checkXmlBody } from './check.ts';
import type { AttemptFailure } from './errors.ts';
import { toEutilsDate } from './dates.ts';
import { callEutils, type TransportConfig } from './transport.ts';

export interface SearchParams {
  term: string;
  datetype?: 'crdt' | 'mdat' | 'pdat' | 'edat';
  /** YYYY-MM-DD or YYYY/MM/DD; both or neither. */
  mindate?: string;
  maxdate?: string;
  /** How many PMIDs to return in `ids`; default 0 (the history server keeps them all). */
  retmax?: number;
}

export interface SearchResult {
  count: number;
  webEnv: string;
  queryKey: string;
  queryTranslation: string;
  ids: string[];
  /** Not errors: a phrase PubMed did not recognise, "No items found.", capped retmax, … */
  warnings: string[];
}

const parser = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['Id', 'PhraseNotFound', 'QuotedPhraseNotFound', 'FieldNotFound', 'OutputMessage', 'PhraseIgnored'].includes(name),
});

function asText(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

// biome-ignore lint/suspicious/noExplicitAny: fast-xml-parser's object output is untyped; every field read here goes through asText
function warningsOf(result: Record<string, any>): string[] {
  const warnings: string[] = [];
  const errors = result.ErrorList ?? {};
  for (const phrase of errors.PhraseNotFound ?? []) warnings.push(`phrase not found: ${asText(phrase)}`);
  for (const phrase of errors.QuotedPhraseNotFound ?? []) warnings.push(`quoted phrase not found: ${asText(phrase)}`);
  for (const field of errors.FieldNotFound ?? []) warnings.push(`field not found: ${asText(field)}`);
  const list = result.WarningList ?? {};
  for (const phrase of list.PhraseIgnored ?? []) warnings.push(`phrase ignored: ${asText(phrase)}`);
  for (const message of list.OutputMessage ?? []) warnings.push(asText(message));
  return warnings;
}

function toResult(body: string): SearchResult | AttemptFailure {
  // biome-ignore lint/suspicious/noExplicitAny: fast-xml-parser's object output is untyped; every field read here goes through asText
  const result = parser.parse(body).eSearchResult as Record<string, any>;
  const count = Number(asText(result.Count));
  if (!Number.isSafeInteger(count)) return { kind: 'malformed', reason: 'esearch answer has no readable Count', retryable: true };
  const webEnv = asText(result.WebEnv);
  if (count > 0 && !webEnv)
    return { kind: 'malformed', reason: 'esearch answer has no WebEnv although history was requested', retryable: true };
  return {
    count,
    webEnv,
    queryKey: asText(result.QueryKey),
    queryTranslation: asText(result.QueryTranslation),
    ids: (result.IdList?.Id ?? []).map(asText),
    warnings: warningsOf(result),
  };
}

export async function esearch(config: TransportConfig, params: SearchParams): Promise<SearchResult> {
  const query: Record<string, string> = {
    db: 'pubmed',
    term: params.term,
    usehistory: 'y',
    retmax: String(params.retmax ?? 0),
    retmode: 'xml',
  };
  if (params.datetype) query.datetype = params.datetype;
  if (params.mindate && params.maxdate) {
    query.mindate = toEutilsDate(params.mindate);
    query.maxdate = toEutilsDate(params.maxdate);
  }
  let parsed: SearchResult | undefined;
  // The body check parses the answer too, so a Count-less or WebEnv-less answer is retried like any malformed one.
  await callEutils(config, 'esearch', query, {
    // Long queries (topic queries run to ~1 kB) are safer in a POST body than in a URL.
    method: 'POST',
    check(body) {
      const failure = checkXmlBody(body, 'eSearchResult');
      if (failure) return failure;
      const result = toResult(body);
      if ('kind' in result) return result;
      parsed = result;
      return undefined;
    },
  });
  for (const message of parsed!.warnings) config.onEvent({ type: 'warning', endpoint: 'esearch', message });
  return parsed!;
}

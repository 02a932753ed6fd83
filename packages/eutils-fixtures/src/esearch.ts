/** esearch.fcgi: topic queries → topic studies, dates via mindate/maxdate, history via usehistory=y. */
import type { Corpus, DateType } from './corpus.ts';
import type { History } from './history.ts';
import { ESEARCH_PROLOG, esearchError, positionOutOfRange, xml, type FixtureResponse } from './responses.ts';
import { escapeXml } from './xml.ts';

/** PubMed lets esearch return only the first 9,999 PMIDs of any query. */
export const PUBMED_ID_CAP = 9999;

export interface SearchContext {
  corpus: Corpus;
  history: History;
  topicQueries: Record<string, string>;
}

/** "2021/3/5", "2021/03", "2021" → YYYY-MM-DD; a missing month/day is the start (min) or end (max). */
function normaliseDate(value: string, end: boolean): string | null {
  const m = /^(\d{4})(?:[/-](\d{1,2}))?(?:[/-](\d{1,2}))?$/.exec(value.trim());
  if (!m) return null;
  const month = (m[2] ?? (end ? '12' : '01')).padStart(2, '0');
  const day = (m[3] ?? (end ? '31' : '01')).padStart(2, '0');
  return `${m[1]}-${month}-${day}`;
}

function dateFilter(params: URLSearchParams) {
  const min = params.get('mindate');
  const max = params.get('maxdate');
  if (!min || !max) return undefined;
  const datetype = (params.get('datetype') ?? 'pdat') as DateType;
  return { datetype, min: normaliseDate(min, false) ?? '0000-00-00', max: normaliseDate(max, true) ?? '9999-99-99' };
}

/** Which PMIDs a term finds, or null when the fixture corpus knows nothing matching it. */
function matchTerm(term: string, ctx: SearchContext, params: URLSearchParams): number[] | null {
  const topic = Object.entries(ctx.topicQueries).find(([, query]) => query.trim() === term.trim())?.[0];
  if (topic) return ctx.corpus.topicIds(topic, dateFilter(params));
  const uid = /^(\d+)\[(?:uid|pmid)\]$/i.exec(term.trim());
  if (uid) return ctx.corpus.has(Number(uid[1])) ? [Number(uid[1])] : [];
  return null;
}

function intParam(params: URLSearchParams, name: string, fallback: number): number {
  const n = Number.parseInt(params.get(name) ?? '', 10);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

export function handleEsearch(params: URLSearchParams, ctx: SearchContext): FixtureResponse {
  const db = params.get('db') ?? 'pubmed';
  if (db !== 'pubmed') return esearchError(`Invalid db name specified: ${db}`);
  const term = params.get('term') ?? '';
  if (!term.trim()) return esearchError('Empty term and query_key - nothing todo');
  const retstart = intParam(params, 'retstart', 0);
  if (retstart >= PUBMED_ID_CAP) return esearchError(positionOutOfRange(retstart));

  const found = matchTerm(term, ctx, params);
  const ids = found ?? [];
  const warnings: string[] = [];
  let retmax = intParam(params, 'retmax', 20);
  if (retstart + retmax > PUBMED_ID_CAP) {
    retmax = PUBMED_ID_CAP - retstart;
    warnings.push(`Restrictions achieved. start and count adjusted to ${retstart}, ${retmax}`);
  }
  const page = ids.slice(retstart, retstart + retmax);

  let historyXml = '';
  if (params.get('usehistory') === 'y') {
    // Only the first 9,999 are retrievable later, as at NCBI.
    const { webEnv, queryKey } = ctx.history.store(ids.slice(0, PUBMED_ID_CAP), params.get('WebEnv') ?? undefined);
    historyXml = `<QueryKey>${queryKey}</QueryKey><WebEnv>${webEnv}</WebEnv>`;
  }
  let errorsXml = '';
  if (found === null) {
    errorsXml = `<ErrorList><PhraseNotFound>${escapeXml(term)}</PhraseNotFound></ErrorList>`;
    warnings.push('No items found.');
  }
  const warningXml = warnings.length
    ? `<WarningList>${warnings.map((w) => `<OutputMessage>${escapeXml(w)}</OutputMessage>`).join('')}</WarningList>`
    : '';
  const idXml = page.length ? `<IdList>\n${page.map((id) => `<Id>${id}</Id>\n`).join('')}</IdList>` : '<IdList/>';
  return xml(
    `${ESEARCH_PROLOG}<eSearchResult><Count>${ids.length}</Count><RetMax>${page.length}</RetMax><RetStart>${retstart}</RetStart>` +
      `${historyXml}${idXml}<TranslationSet/><QueryTranslation>${escapeXml(term)}</QueryTranslation>${errorsXml}${warningXml}</eSearchResult>\n`,
  );
}

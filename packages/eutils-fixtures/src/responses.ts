/** Response bodies shaped like NCBI's, normal and failing. Text is our own, shapes follow real answers. */
import { escapeXml } from './xml.ts';

export interface FixtureResponse {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export const ESEARCH_PROLOG =
  '<?xml version="1.0" encoding="UTF-8" ?>\n' +
  '<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch 20060628//EN" "https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">\n';

export function xml(body: string, status = 200): FixtureResponse {
  return { status, contentType: 'text/xml; charset=UTF-8', body };
}

/** <eSearchResult><ERROR>…</ERROR></eSearchResult> with HTTP 200, how esearch reports backend trouble. */
export function esearchError(message: string): FixtureResponse {
  return xml(`${ESEARCH_PROLOG}<eSearchResult><ERROR>${escapeXml(message)}</ERROR></eSearchResult>\n`);
}

export function efetchError(message: string): FixtureResponse {
  return xml(`<?xml version="1.0" encoding="UTF-8" ?>\n<eFetchResult>\n\t<ERROR>${escapeXml(message)}</ERROR>\n</eFetchResult>\n`);
}

export const BACKEND_FAILED = "Search Backend failed: Couldn't resolve #PMQuerySrv_2_0?dbaf=pubmed, the address table is empty.";

export function positionOutOfRange(retstart: number): string {
  return `Search Backend failed: Exception:\nPosition ${retstart} is out of acceptable range [9999,9998]`;
}

/** NCBI answers 429 with this JSON body even for XML requests. */
export function rateLimited(count: number, limit: number, retryAfter?: string | number): FixtureResponse {
  const headers: Record<string, string> = { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': '0' };
  if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
  return {
    status: 429,
    contentType: 'application/json',
    body: JSON.stringify({ error: 'API rate limit exceeded', 'api-key': '127.0.0.1', count: String(count), limit: String(limit) }),
    headers,
  };
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  414: 'Request-URI Too Long',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** The "WWW Error 500 Diagnostic" style HTML page NCBI's front ends serve for server errors. */
export function errorPage(status: number, path: string): FixtureResponse {
  const body =
    `<html><head> <title>FIXTURE/eutils - WWW Error ${status} Diagnostic</title> </head> <body> <h1>Server Error</h1>` +
    ' <p>Your request could not be processed due to a problem on our Web server. This could be a transient problem, please try the query again.</p>' +
    ` <hr/> <p> Diagnostic Information:</p> <div class="diags">Error: ${status} ${STATUS_TEXT[status] ?? ''}</div>` +
    ` <div class="diags">URL: ${escapeXml(path)}</div> <div class="diags">Server: fixture-eutils</div> </body></html>\n`;
  return { status, contentType: 'text/html', body };
}

/** What a client may see with HTTP 200 during maintenance or throttling at the edge. */
export function maintenancePage(): FixtureResponse {
  return {
    status: 200,
    contentType: 'text/html; charset=UTF-8',
    body:
      '<!DOCTYPE html>\n<html lang="en"><head><title>NCBI - Maintenance (fixture)</title></head>' +
      '<body class="down_bethesda"><h1>The service is temporarily unavailable</h1><p>Please try again later.</p></body></html>\n',
  };
}

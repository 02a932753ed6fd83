/**
 * Checks an HTTP-200 body before anyone trusts it: NCBI reports many failures with status 200
 * (an <ERROR> element, an HTML maintenance page, an empty or prolog-only body, a cut-off stream).
 */
import { XMLValidator } from 'fast-xml-parser';
import type { AttemptFailure } from './errors.ts';

const malformed = (reason: string): AttemptFailure => ({ kind: 'malformed', reason, retryable: true });

/** The document element's name, skipping the prolog, DOCTYPE and comments. */
export function rootElement(body: string): string | undefined {
  const rest = body.slice(0, 4096).replace(/<\?[\s\S]*?\?>|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>|<!--[\s\S]*?-->/gi, '');
  return /<([A-Za-z_][\w:.-]*)/.exec(rest)?.[1];
}

/** Text of a top-level <ERROR> element (esearch and efetch report backend failures this way). */
function eutilsErrorText(body: string): string | undefined {
  const m = /<ERROR>([\s\S]*?)<\/ERROR>/.exec(body);
  return m ? decodeEntities(m[1]!).replace(/\s+/g, ' ').trim() : undefined;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Failures NCBI will keep giving for this request however often it is retried. */
const PERMANENT_ERRORS = [/out of acceptable range/i, /Invalid db name/i, /Empty term and query_key/i, /Empty id list/i];

/**
 * The history server no longer holds the search (its WebEnv expired or E-utilities restarted).
 * Retrying the same WebEnv cannot help; a new esearch can. NCBI's efetch says "Unable to obtain
 * query #1"; the other forms are how its history errors read elsewhere (esummary, elink).
 */
const HISTORY_ERRORS = [
  /Unable to obtain query/i,
  /Cannot retrieve history/i,
  /\b(invalid|unknown|expired)\b.*\b(WebEnv|query_?key)\b/i,
  /\b(WebEnv|query_?key)\b.*\b(invalid|expired|not found)\b/i,
];

/** Checks a 200 body is a well-formed XML document with the expected root and no E-utilities <ERROR>. */
export function checkXmlBody(body: string, expectedRoot: string): AttemptFailure | undefined {
  const text = body.trim();
  if (!text) return malformed('empty response body');
  if (/^(<!doctype html|<html|<head[\s>])/i.test(text) || /down_bethesda/.test(text.slice(0, 2000))) {
    return { kind: 'server', reason: 'an HTML page came back instead of XML (NCBI maintenance or error page)', retryable: true };
  }
  if (/TXCLIENT::readAll|readAll EOF/.test(text)) return malformed('NCBI backend read error (TXCLIENT readAll EOF)');
  const root = rootElement(text);
  if (!root) return malformed('XML prolog without a document (empty answer)');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return malformed(`response is not well-formed XML, probably cut off (${valid.err.msg.replace(/\s+/g, ' ')} at line ${valid.err.line})`);
  }
  const error = eutilsErrorText(text);
  if (error) {
    if (HISTORY_ERRORS.some((p) => p.test(error)))
      return { kind: 'history_expired', reason: `E-utilities error: ${error}`, retryable: false };
    const permanent = PERMANENT_ERRORS.some((p) => p.test(error));
    return { kind: 'eutils_error', reason: `E-utilities error: ${error}`, retryable: !permanent };
  }
  if (root !== expectedRoot) return malformed(`unexpected XML document <${root}> (expected <${expectedRoot}>)`);
  return undefined;
}

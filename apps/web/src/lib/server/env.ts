// The only module of the dashboard that reads process.env: read once, validated, passed on as values.
// (Kit 3 deprecates `$env/*`; its `src/env.ts` + defineEnvVars is the framework's own alternative.)
// serve.js imports it too, before the built server, so a bad value stops the process at start with
// one line naming the variable and what it expects, exit code 1, no stack trace.
import { parseTokenList } from '@evidence/api/tokens';

export interface WebEnv {
  /** Base URL of the evidence API, without a trailing slash. */
  apiUrl: string;
  /** Sent as a bearer token on every read when the API requires one: the first token of EVIDENCE_READ_TOKEN. */
  readToken: string | null;
  /**
   * EVIDENCE_EDITOR_TOKEN: a bare token or "name:token,name:token" (the API's format). Curators sign
   * in with their token; the web server keeps it and adds it to writes. Never sent to the browser.
   * Empty or unset: curation is off.
   */
  editorTokens: Map<string, string>;
  /** The public origin (ORIGIN) serve.js gives the built server; null when a proxy's headers say it. */
  origin: URL | null;
  /** Secure cookies when the dashboard is served over https (ORIGIN). */
  secureCookies: boolean;
}

type Source = Record<string, string | undefined>;

class InvalidEnv extends Error {}

const fail = (name: string, expected: string, raw?: string): never => {
  throw new InvalidEnv(`${name}: expected ${expected}${raw === undefined ? '' : `, got '${raw}'`}`);
};

function httpUrl(source: Source, name: string, expected: string): URL | null {
  const raw = source[name];
  if (raw === undefined || raw === '') return null;
  const url = URL.canParse(raw) ? new URL(raw) : null;
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url : fail(name, expected, raw);
}

/** A token list; secrets are never quoted back. Empty EVIDENCE_READ_TOKEN is refused, not read as unset. */
function tokens(source: Source, name: string, defaultName: string, emptyMeans: 'unset' | 'error') {
  const raw = source[name];
  if (raw === undefined || (raw.trim() === '' && emptyMeans === 'unset')) return [];
  const expected = 'a token or name:token list';
  let list: ReturnType<typeof parseTokenList>;
  try {
    list = parseTokenList(raw, defaultName);
  } catch (err) {
    return fail(name, `${expected}, but ${(err as Error).message.replace(/ \(expected name:token\)$/, '')}`);
  }
  if (list.length === 0 && emptyMeans === 'error') fail(name, `${expected}, got an empty value (unset it if the API needs none)`);
  return list;
}

function readWebEnv(source: Source = process.env): WebEnv {
  // HOST and PORT are adapter-node's; checked here so a typo fails with the same one line.
  const port = source.PORT;
  if (port !== undefined && port !== '' && !(/^\d+$/.test(port.trim()) && Number(port) >= 1 && Number(port) <= 65535))
    fail('PORT', 'a port number 1–65535', port);
  if (source.HOST !== undefined && source.HOST !== '' && !source.HOST.trim()) fail('HOST', 'a host name or address', source.HOST);
  const apiUrl = httpUrl(source, 'API_URL', 'an http(s) URL') ?? new URL('http://127.0.0.1:8787');
  const origin = httpUrl(source, 'ORIGIN', "the dashboard's public http(s) origin");
  return {
    apiUrl: apiUrl.href.replace(/\/+$/, ''),
    // The API's own parser: "reader:secret" sends "secret". With several named read tokens the
    // dashboard reads with the first; the others are for other clients.
    readToken: tokens(source, 'EVIDENCE_READ_TOKEN', 'reader', 'error')[0]?.token ?? null,
    editorTokens: new Map(tokens(source, 'EVIDENCE_EDITOR_TOKEN', 'editor', 'unset').map(({ name, token }) => [name, token])),
    origin,
    secureCookies: origin?.protocol === 'https:',
  };
}

function readWebEnvOrExit(): WebEnv {
  try {
    return readWebEnv();
  } catch (err) {
    if (!(err instanceof InvalidEnv)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}

export const env: WebEnv = readWebEnvOrExit();

/** Whether this process runs on CI (CI set): the benchmark says so in its report. */
export const runsOnCi = (source: Record<string, string | undefined> = process.env): boolean => Boolean(source.CI);

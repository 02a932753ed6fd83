// The only module of the dashboard that reads process.env: read once, validated, passed on as values.
// (Kit 3 deprecates `$env/*`; its `src/env.ts` + defineEnvVars is the framework's own alternative.)
import { parseTokenList } from '@evidence/api/tokens';

export interface WebEnv {
  /** Base URL of the evidence API, without a trailing slash. */
  apiUrl: string;
  /** Sent as a bearer token on every read when the API requires one: the first token of EVIDENCE_READ_TOKEN. */
  readToken: string | null;
  /**
   * EVIDENCE_EDITOR_TOKEN: a bare token or "name:token,name:token" (the API's format). Curators sign
   * in with their token; the web server keeps it and adds it to writes. Never sent to the browser.
   */
  editorTokens: Map<string, string>;
  /** Secure cookies when the dashboard is served over https (ORIGIN). */
  secureCookies: boolean;
}

function readWebEnv(source: Record<string, string | undefined> = process.env): WebEnv {
  const raw = source.API_URL?.trim() || 'http://127.0.0.1:8787';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`Invalid environment variable API_URL: not a URL (${JSON.stringify(raw)})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Invalid environment variable API_URL: expected http(s), got ${url.protocol}`);
  }
  return {
    apiUrl: url.href.replace(/\/+$/, ''),
    // The API's own parser: "reader:secret" sends "secret". With several named read tokens the
    // dashboard reads with the first; the others are for other clients.
    readToken: parseTokenList(source.EVIDENCE_READ_TOKEN, 'reader')[0]?.token ?? null,
    editorTokens: new Map(parseTokenList(source.EVIDENCE_EDITOR_TOKEN, 'editor').map(({ name, token }) => [name, token])),
    secureCookies: (source.ORIGIN ?? '').startsWith('https:'),
  };
}

export const env: WebEnv = readWebEnv();

/** Whether this process runs on CI (CI set): the benchmark says so in its report. */
export const runsOnCi = (source: Record<string, string | undefined> = process.env): boolean => Boolean(source.CI);

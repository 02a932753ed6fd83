// The only module of the dashboard that reads process.env: read once, validated, passed on as values.
// (Kit 3 deprecates `$env/*`; its `src/env.ts` + defineEnvVars is the framework's own alternative.)

export interface WebEnv {
  /** Base URL of the evidence API, without a trailing slash. */
  apiUrl: string;
}

export function readWebEnv(source: Record<string, string | undefined> = process.env): WebEnv {
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
  return { apiUrl: url.href.replace(/\/+$/, '') };
}

export const env: WebEnv = readWebEnv();

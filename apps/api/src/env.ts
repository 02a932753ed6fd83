// The only module of the API that reads process.env: validated once, passed on as values.
// A bad value stops the server at start with one line naming the variable and what it expects.
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { MIN_SECRET_LENGTH } from '@evidence/notify/unsubscribe-token';
import { parseTokenList } from './tokens.ts';

/**
 * One variable: unset or empty → `fallback()`; otherwise `parse` returns the value or undefined when
 * it is invalid. Messages quote the value given, except for secrets (`secret: true`).
 */
function variable<T>(expected: string, parse: (value: string) => T | undefined, fallback: () => T, options: { secret?: boolean } = {}) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      if (raw === undefined || raw === '') return fallback();
      const value = parse(raw);
      if (value !== undefined) return value;
      ctx.addIssue({ code: 'custom', message: `expected ${expected}${options.secret ? '' : `, got '${raw}'`}` });
      return z.NEVER;
    });
}

const positiveInteger = (value: string) => (/^\s*\d+\s*$/.test(value) && Number(value) > 0 ? Number(value) : undefined);
const port = (value: string) => {
  const n = positiveInteger(value);
  return n !== undefined && n <= 65535 ? n : undefined;
};
function origins(value: string): string[] | undefined {
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const valid = list.every(
    (origin) => URL.canParse(origin) && /^https?:$/.test(new URL(origin).protocol) && new URL(origin).origin === origin,
  );
  return valid ? list : undefined;
}

/**
 * A token list (tokens.ts). EVIDENCE_EDITOR_TOKEN empty or unset: no editor, writes are disabled.
 * EVIDENCE_READ_TOKEN empty is refused rather than read as unset, which would leave reads open.
 */
function tokenList(defaultName: string, emptyMeans: 'unset' | 'error') {
  return z
    .string()
    .optional()
    .transform((raw, ctx): string | undefined => {
      if (raw === undefined || (raw.trim() === '' && emptyMeans === 'unset')) return undefined;
      const expected = 'expected a token or name:token list';
      try {
        if (parseTokenList(raw, defaultName).length > 0) return raw;
        if (emptyMeans === 'unset') return undefined;
        ctx.addIssue({ code: 'custom', message: `${expected}, got an empty value (unset it to leave reads open)` });
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `${expected}, but ${(err as Error).message.replace(/ \(expected name:token\)$/, '')}` });
      }
      return z.NEVER;
    });
}

const envSchema = z.object({
  /** SQLite file (path or file: URL); the schema package applies its default. */
  DATABASE_URL: z.string().optional(),
  API_HOST: variable(
    'a host name or address',
    (v) => (v.trim() ? v.trim() : undefined),
    () => '127.0.0.1',
  ),
  API_PORT: variable('a port number 1–65535', port, () => 8787),
  EVIDENCE_READ_TOKEN: tokenList('reader', 'error'),
  EVIDENCE_EDITOR_TOKEN: tokenList('editor', 'unset'),
  /** Bearer token GET /metrics requires; unset or empty leaves /metrics open (it holds counts, no study data). */
  METRICS_TOKEN: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined)),
  /** Comma-separated list of origins allowed by CORS; empty means same-origin only. */
  CORS_ORIGINS: variable('comma-separated http(s) origins', origins, () => [] as string[]),
  /** One JSON line per request on stdout: on unless LOG_REQUESTS=0. */
  LOG_REQUESTS: variable(
    '0 or 1',
    (v) => (v === '1' ? true : v === '0' ? false : undefined),
    () => true,
  ),
  /** With LOG_REQUESTS: append the request lines to this file instead of stdout (the main job sets it on a terminal). */
  LOG_FILE: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined)),
  /** Reader threads for read queries (the reader pool); default one per core. */
  API_READERS: variable('a positive integer (reader threads)', positiveInteger, () => availableParallelism()),
  /** How long a read query may run before it is abandoned, in ms. */
  API_READ_TIMEOUT_MS: variable('a positive integer (milliseconds)', positiveInteger, () => 2000),
  /** Uncached reads that may wait per reader thread; more are refused with 503 readers_busy. */
  API_READ_QUEUE: variable('a positive integer (reads per reader thread)', positiveInteger, () => 32),
  /** How long an uncached read may wait for a reader before it is refused with 503 readers_busy, in ms. */
  API_READ_QUEUE_WAIT_MS: variable('a positive integer (milliseconds)', positiveInteger, () => 10000),
  /** The key of the digests' signed unsubscribe links; the same value as `pnpm digest` uses. Unset: unsubscribe answers 503. */
  DIGEST_SECRET: variable(
    `a secret of at least ${MIN_SECRET_LENGTH} characters (e.g. openssl rand -hex 32)`,
    (v) => (v.length >= MIN_SECRET_LENGTH ? v : undefined),
    () => undefined as string | undefined,
    { secret: true },
  ),
});

export type ApiEnv = z.infer<typeof envSchema>;

/** A bad environment value, with the one line that explains it ("API_PORT: expected …, got 'abc'"). */
export class InvalidEnv extends Error {}

export function readApiEnv(source: NodeJS.ProcessEnv = process.env): ApiEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidEnv(`${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** For the server's entry point: a bad value ends the process with its one line and exit code 1, no stack trace. */
export function readApiEnvOrExit(source: NodeJS.ProcessEnv = process.env): ApiEnv {
  try {
    return readApiEnv(source);
  } catch (err) {
    if (!(err instanceof InvalidEnv)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}

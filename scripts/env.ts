// The only module of @evidence/scripts that reads process.env: the ingestion and retag commands'
// settings, the backup and restore commands', and the server's (serve.ts).
import { z } from 'zod';

/** Whole milliseconds or counts; tests set them small so failures surface in milliseconds, not minutes. */
const optionalInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();

const envSchema = z.object({
  DATABASE_URL: z.string().optional(),
  TOPICS_FILE: z.string().optional(),
  EUTILS_BASE_URL: z.url().default('https://eutils.ncbi.nlm.nih.gov/entrez/eutils/'),
  NCBI_API_KEY: z.string().min(1).optional(),
  NCBI_TOOL: z.string().min(1).default('evidence-tracker'),
  NCBI_EMAIL: z.string().optional(),
  // Client tuning; unset means the client's defaults (60 s timeout, 4 retries, 1 s → 30 s backoff).
  EUTILS_TIMEOUT_MS: optionalInt(1, 600_000),
  EUTILS_MAX_RETRIES: optionalInt(0, 10),
  EUTILS_RETRY_BASE_MS: optionalInt(0, 60_000),
  EUTILS_RETRY_MAX_MS: optionalInt(0, 300_000),
  // Requests per second for a local mirror or the loopback fixture server; the client refuses more
  // than NCBI's limit (3/s, 10/s with a key) when the base URL is NCBI's own host.
  EUTILS_REQUESTS_PER_SECOND: z.coerce.number().positive().max(1000).optional(),
});

export type IngestEnv = z.infer<typeof envSchema>;

export function readIngestEnv(source: NodeJS.ProcessEnv = process.env): IngestEnv {
  // An empty variable (VAR= in a crontab) means unset, not "0" or "".
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** Where `pnpm serve` puts the API and the dashboard, and the environment both servers inherit. */
export function readServeEnv(source: NodeJS.ProcessEnv = process.env) {
  return {
    apiPort: source.API_PORT ?? '8787',
    webPort: source.PORT ?? '5173',
    host: source.HOST ?? '127.0.0.1',
    origin: source.ORIGIN,
    inherited: { ...source },
  };
}

// ---- `pnpm digest` and failure alerts (issue #16) ----

const httpUrl = (what: string) =>
  z
    .string()
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), `expected an http(s) URL (${what})`)
    .transform((v) => v.replace(/\/+$/, ''));
const address = /^[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+$/;
const mailbox = z
  .string()
  .refine(
    (v) => address.test(v.trim()) || /^[^<>]*<[^\s@<>,]+@[^\s@<>,]+\.[^\s@<>,]+>$/.test(v.trim()),
    'expected an address such as "Evidence tracker <digest@example.org>"',
  )
  .transform((v) => v.trim());
const smtpUrl = z
  .string()
  .refine(
    (v) => URL.canParse(v) && /^smtps?:$/.test(new URL(v).protocol) && new URL(v).hostname !== '',
    'expected smtp://[user:password@]host[:port] or smtps://…',
  );
const flag = z.enum(['0', '1']).transform((v) => v === '1');

const alertSchema = z.object({
  SMTP_URL: smtpUrl.optional(),
  MAIL_FROM: mailbox.optional(),
  PUBLIC_URL: httpUrl('the dashboard’s address, e.g. https://evidence.example.org').optional(),
  /** Comma-separated addresses that get failure alerts. */
  ALERT_EMAIL: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((list) => list.length > 0 && list.every((a) => address.test(a)), 'expected one or more e-mail addresses, comma-separated')
    .optional(),
  ALERT_WEBHOOK: httpUrl('where the alert JSON is POSTed').optional(),
  /** A run that stored this many failed records or more counts as failed for alerts. */
  ALERT_FAILED_RECORDS: z.coerce.number().int().min(1).max(1_000_000).optional(),
});

const digestSchema = alertSchema.extend({
  DATABASE_URL: z.string().optional(),
  API_PUBLIC_URL: httpUrl('the API’s public address, for the unsubscribe link').optional(),
  DIGEST_SECRET: z.string().min(32, 'expected a secret of at least 32 characters (e.g. openssl rand -hex 32)').optional(),
  DIGEST_SEND_EMPTY: flag.default(false),
  DIGEST_MAX_STUDIES: z.coerce.number().int().min(1).max(500).default(50),
});

/** One environment variable missing or invalid, as one line. */
class EnvError extends Error {}

function parseEnv<T extends z.ZodType>(schema: T, source: NodeJS.ProcessEnv): z.output<T> {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = issue.path.join('.');
    // Secrets are never echoed back; the other messages name what was expected, not the value.
    throw new EnvError(`invalid environment variable ${name}: ${issue.message}`);
  }
  return parsed.data;
}

/** Where failure alerts go; `ALERT_EMAIL` needs SMTP_URL and MAIL_FROM too. Neither set: no alerts. */
export function readAlertEnv(source: NodeJS.ProcessEnv = process.env) {
  const env = parseEnv(alertSchema, source);
  if (env.ALERT_EMAIL && !env.SMTP_URL)
    throw new EnvError('missing environment variable SMTP_URL: ALERT_EMAIL is set, and alerts are mailed through it');
  if (env.ALERT_EMAIL && !env.MAIL_FROM)
    throw new EnvError('missing environment variable MAIL_FROM: ALERT_EMAIL is set, and alerts need a From address');
  return env;
}

export type AlertEnv = ReturnType<typeof readAlertEnv>;

/** `pnpm digest`'s settings: SMTP_URL, MAIL_FROM, PUBLIC_URL and DIGEST_SECRET are required. */
export function readDigestEnv(source: NodeJS.ProcessEnv = process.env) {
  const env = parseEnv(digestSchema, source);
  const required = {
    SMTP_URL: 'the mail server, e.g. smtp://user:password@mail.example.org:587',
    MAIL_FROM: 'the From address, e.g. "Evidence tracker <digest@example.org>"',
    PUBLIC_URL: 'the dashboard’s address, for study links',
    DIGEST_SECRET: 'signs the unsubscribe links; at least 32 characters, the same value the API has (openssl rand -hex 32)',
  } as const;
  for (const [name, what] of Object.entries(required)) {
    if (env[name as keyof typeof required] === undefined) throw new EnvError(`missing environment variable ${name}: ${what}`);
  }
  return {
    ...readAlertEnv(source),
    ...env,
    SMTP_URL: env.SMTP_URL!,
    MAIL_FROM: env.MAIL_FROM!,
    PUBLIC_URL: env.PUBLIC_URL!,
    DIGEST_SECRET: env.DIGEST_SECRET!,
    API_PUBLIC_URL: env.API_PUBLIC_URL ?? env.PUBLIC_URL!,
  };
}

const keepCount = (name: string) =>
  z.string().regex(/^\d+$/, `${name}: expected a whole number of copies (0 or more)`).transform(Number).optional();

const backupEnvSchema = z.object({
  DATABASE_URL: z.string().optional(),
  BACKUP_DIR: z.string().optional(),
  BACKUP_KEEP_DAILY: keepCount('BACKUP_KEEP_DAILY'),
  BACKUP_KEEP_WEEKLY: keepCount('BACKUP_KEEP_WEEKLY'),
});

/** A bad backup setting, in one line ("BACKUP_KEEP_DAILY: expected …"). */
export class InvalidBackupEnv extends Error {}

/** `pnpm db:backup` / `pnpm db:restore`: the database, the backup folder and the retention counts. */
export function readBackupEnv(source: NodeJS.ProcessEnv = process.env) {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = backupEnvSchema.safeParse(present);
  if (!parsed.success) throw new InvalidBackupEnv(parsed.error.issues[0]!.message);
  return parsed.data;
}

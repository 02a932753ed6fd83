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

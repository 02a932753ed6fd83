// The only module of the API that reads process.env: validated once, passed on as values.
import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().optional(),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  EVIDENCE_READ_TOKEN: z.string().min(1).optional(),
  EVIDENCE_EDITOR_TOKEN: z.string().min(1).optional(),
  /** Comma-separated list of origins allowed by CORS; empty means same-origin only. */
  CORS_ORIGINS: z.string().default(''),
  /** One JSON line per request on stdout: on unless LOG_REQUESTS=0. */
  LOG_REQUESTS: z
    .enum(['0', '1'])
    .default('1')
    .transform((v) => v === '1'),
});

export type ApiEnv = z.infer<typeof envSchema>;

export function readApiEnv(source: NodeJS.ProcessEnv = process.env): ApiEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

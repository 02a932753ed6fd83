// The only module of the ingestion command that reads process.env.
import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().optional(),
  TOPICS_FILE: z.string().optional(),
  EUTILS_BASE_URL: z.url().default('https://eutils.ncbi.nlm.nih.gov/entrez/eutils/'),
  NCBI_API_KEY: z.string().min(1).optional(),
  NCBI_TOOL: z.string().min(1).default('evidence-tracker'),
  NCBI_EMAIL: z.string().optional(),
});

export type IngestEnv = z.infer<typeof envSchema>;

export function readIngestEnv(source: NodeJS.ProcessEnv = process.env): IngestEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

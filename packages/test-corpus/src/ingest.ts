// The real ingestion command, in its own process, against a fixture E-utilities server: tests fill
// and update their databases exactly as production does.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ingestCommandPath } from './commands.ts';
import { envWith } from './env.ts';

/**
 * The fixture server on loopback has no rate limit of its own; NCBI's 3 requests/s would only make
 * the tests wait. The client refuses a rate above NCBI's for NCBI's own host, so this cannot leak.
 */
export const FIXTURE_REQUESTS_PER_SECOND = '100';

export interface IngestSummary {
  topics: { topic: string; status: string; found: number; new: number; updated: number; unchanged: number }[];
}

/** Runs `pnpm ingest --json` for every saved topic into the database file; returns its summary. */
export async function ingestFromFixtures(databasePath: string, fixturesUrl: string): Promise<IngestSummary> {
  const { stdout } = await promisify(execFile)(process.execPath, [ingestCommandPath(), '--json'], {
    env: envWith({ DATABASE_URL: databasePath, EUTILS_BASE_URL: fixturesUrl, EUTILS_REQUESTS_PER_SECOND: FIXTURE_REQUESTS_PER_SECOND }),
  });
  return JSON.parse(stdout) as IngestSummary;
}

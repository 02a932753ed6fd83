// `pnpm ingest` (search mode): saved topics' queries against E-utilities. Loaded by cli.ts only for
// this command, so an import never loads drizzle-orm's module graph on the main thread.
import { ingestTopics, openForRun } from '@evidence/ingest';
import { loadTopicsFile } from '@evidence/schema';
import { UsageError, type IngestCommand } from './cli-args.ts';
import { ingestOutcome, reportOutcome } from '../alerts.ts';
import type { AlertEnv, IngestEnv } from '../env.ts';
import { createReporter, describeSummary } from './reporter.ts';
import { INTERRUPTED, interruptedExitCode } from './stop.ts';

export async function runSearch(
  command: Extract<IngestCommand, { command: 'search' }>,
  env: IngestEnv,
  signal: AbortSignal,
  alertEnv: AlertEnv,
): Promise<number> {
  const allTopics = loadTopicsFile(env.TOPICS_FILE);
  // Mistakes in the command line are reported before the database is touched.
  const unknown = command.topics.filter((id) => !allTopics.some((t) => t.id === id));
  if (unknown.length)
    throw new UsageError(`unknown topic ${unknown.map((u) => `"${u}"`).join(', ')}; known: ${allTopics.map((t) => t.id).join(', ')}`);
  const topics = command.topics.length ? allTopics.filter((t) => command.topics.includes(t.id)) : allTopics;

  const run = openForRun(env.DATABASE_URL, command.dryRun);
  const { opened } = run;
  const reporter = createReporter({ tty: Boolean(process.stderr.isTTY), quiet: command.json });
  try {
    const summaries = await ingestTopics({
      opened,
      topics,
      mode: command.mode,
      overlapDays: command.overlapDays,
      batchSize: command.batchSize,
      dryRun: command.dryRun,
      eutils: {
        baseUrl: env.EUTILS_BASE_URL,
        tool: env.NCBI_TOOL,
        email: env.NCBI_EMAIL,
        apiKey: env.NCBI_API_KEY,
        timeoutMs: env.EUTILS_TIMEOUT_MS,
        maxRetries: env.EUTILS_MAX_RETRIES,
        retryBaseMs: env.EUTILS_RETRY_BASE_MS,
        retryMaxMs: env.EUTILS_RETRY_MAX_MS,
        requestsPerSecond: env.EUTILS_REQUESTS_PER_SECOND,
      },
      clock: () => new Date(),
      progress: reporter,
      signal,
    });
    reporter.stop();
    if (command.json) console.log(JSON.stringify({ topics: summaries }, null, 2));
    else if (process.stderr.isTTY) for (const s of summaries.filter((s) => !s.pubmedUnreachable)) console.error(describeSummary(s));
    const failed = summaries.filter((s) => s.status === 'failed');
    if (!command.dryRun && !summaries.some((s) => s.status === 'interrupted'))
      await reportOutcome(opened, ingestOutcome(summaries, alertEnv), alertEnv);
    if (failed.length > 0 && failed.length === summaries.length && failed.every((s) => s.pubmedUnreachable)) {
      // The one line an unreachable PubMed gets (the reporter printed nothing per topic).
      console.error(`ingest: ${failed[0]!.error} (${env.EUTILS_BASE_URL})`);
      return 1;
    }
    if (failed.length) {
      console.error(`ingest: ${failed.length} of ${summaries.length} topics failed — ${failed[0]!.topic}: ${failed[0]!.error}`);
      return 1;
    }
    if (summaries.some((s) => s.status === 'interrupted')) {
      console.error(INTERRUPTED);
      return interruptedExitCode(signal);
    }
    return 0;
  } finally {
    reporter.stop();
    run.close();
  }
}

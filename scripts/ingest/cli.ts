// `pnpm ingest`: the command staff run by hand or from cron. Exit code 0 on success; otherwise
// non-zero with a one-line reason on stderr.
import { EutilsError } from '@evidence/pubmed';
import { loadTopicsFile, openDatabase, resolveDatabasePath } from '@evidence/schema';
import { parseIngestArgs, USAGE, UsageError, type IngestCommand } from './cli-args.ts';
import { readIngestEnv } from './env.ts';
import { importFiles } from './import-files.ts';
import { ingestTopics, type ClientCounters } from './ingest-topics.ts';
import { createReporter, describeSummary } from './reporter.ts';
import { acquireRunLock, RunLockedError } from './run-lock.ts';
import { createRunClient } from './run-client.ts';

async function main(argv: string[]): Promise<number> {
  const command: IngestCommand = parseIngestArgs(argv);
  if (command.command === 'help') {
    console.log(USAGE);
    return 0;
  }
  const env = readIngestEnv();
  const allTopics = loadTopicsFile(env.TOPICS_FILE);
  // Mistakes in the command line are reported before the database is touched.
  const topicIds = command.command === 'search' ? command.topics : [];
  const unknown = topicIds.filter((id) => !allTopics.some((t) => t.id === id));
  if (unknown.length) throw new UsageError(`unknown topic ${unknown.map((u) => `"${u}"`).join(', ')}; known: ${allTopics.map((t) => t.id).join(', ')}`);
  const topics = topicIds.length ? allTopics.filter((t) => topicIds.includes(t.id)) : allTopics;

  // The lock comes first, so a refused second run never opens (or migrates) the database.
  const lock = command.dryRun ? null : acquireRunLock(resolveDatabasePath(env.DATABASE_URL));
  let opened;
  try {
    opened = openDatabase(env.DATABASE_URL);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const abort = new AbortController();
  // First Ctrl-C: finish the batch being written and stop cleanly; a second one exits at once.
  process.once('SIGINT', () => { abort.abort(); process.once('SIGINT', () => process.exit(130)); });
  process.once('SIGTERM', () => abort.abort());
  const reporter = createReporter({ tty: Boolean(process.stderr.isTTY), quiet: command.json });
  try {
    if (command.command === 'import') {
      const summary = await importFiles({ opened, files: command.files, dryRun: command.dryRun, reporter, signal: abort.signal, topics: allTopics });
      reporter.stop();
      if (command.json) console.log(JSON.stringify(summary, null, 2));
      return summary.status === 'succeeded' ? 0 : 1;
    }

    const counters: ClientCounters = { requests: 0, retries: 0, notes: [] };
    const client = createRunClient({
      baseUrl: env.EUTILS_BASE_URL,
      tool: env.NCBI_TOOL,
      email: env.NCBI_EMAIL,
      apiKey: env.NCBI_API_KEY,
      batchSize: command.batchSize,
      timeoutMs: env.EUTILS_TIMEOUT_MS,
      maxRetries: env.EUTILS_MAX_RETRIES,
      retryBaseMs: env.EUTILS_RETRY_BASE_MS,
      retryMaxMs: env.EUTILS_RETRY_MAX_MS,
    }, counters, reporter);
    const summaries = await ingestTopics({
      opened, client, topics, mode: command.mode, overlapDays: command.overlapDays, batchSize: command.batchSize, dryRun: command.dryRun,
      clock: () => new Date(), reporter, signal: abort.signal,
    }, counters);
    reporter.stop();
    if (command.json) console.log(JSON.stringify({ topics: summaries }, null, 2));
    else if (process.stderr.isTTY) for (const s of summaries) console.error(describeSummary(s));
    const failed = summaries.filter((s) => s.status === 'failed');
    if (failed.length === summaries.length && failed[0]?.error?.startsWith('PubMed cannot be reached')) {
      console.error(`ingest: ${failed[0].error} (${env.EUTILS_BASE_URL})`);
      return 1;
    }
    if (failed.length) {
      console.error(`ingest: ${failed.length} of ${summaries.length} topics failed — ${failed[0]!.topic}: ${failed[0]!.error}`);
      return 1;
    }
    if (summaries.some((s) => s.status === 'interrupted')) {
      console.error('ingest: interrupted; everything stored so far is kept and the next run resumes');
      return 130;
    }
    return 0;
  } finally {
    reporter.stop();
    lock?.release();
    opened.close();
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`ingest: ${error.message}\n${USAGE}`);
    process.exitCode = 2;
  } else if (error instanceof RunLockedError || error instanceof EutilsError) {
    console.error(`ingest: ${error.message}`);
    process.exitCode = 1;
  } else {
    console.error(`ingest: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}

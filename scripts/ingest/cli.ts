// `pnpm ingest`: the command staff run by hand or from cron. Exit code 0 on success; otherwise
// non-zero with a one-line reason on stderr.
// The engine is @evidence/ingest; this file parses the command line, reads the environment, shows
// progress and picks the exit code. Only light modules are loaded up front: the import runs in its
// own thread (@evidence/ingest/import-thread), and the search mode's modules (drizzle-orm among
// them) are loaded when it runs.
import { importInThread } from '@evidence/ingest/import-thread';
import { readAlertEnv, readIngestEnv } from '../env.ts';
import { parseIngestArgs, USAGE, UsageError, type IngestCommand } from './cli-args.ts';
import { createReporter } from './reporter.ts';
import { INTERRUPTED, interruptedExitCode } from './stop.ts';

async function main(argv: string[]): Promise<number> {
  const command: IngestCommand = parseIngestArgs(argv);
  if (command.command === 'help') {
    console.log(USAGE);
    return 0;
  }
  const env = readIngestEnv();
  const abort = new AbortController();
  // First Ctrl-C or SIGTERM: finish the batch being written, close the run as interrupted and stop;
  // a second signal exits at once (the next run closes the run as interrupted).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (abort.signal.aborted) process.exit(interruptedExitCode(abort.signal));
      abort.abort(signal);
    });
  }
  if (command.command === 'import') {
    const reporter = createReporter({ tty: Boolean(process.stderr.isTTY), quiet: command.json });
    const summary = await importInThread({
      databaseUrl: env.DATABASE_URL,
      topicsFile: env.TOPICS_FILE,
      files: command.files,
      dryRun: command.dryRun,
      progress: reporter,
      signal: abort.signal,
    }).finally(() => reporter.stop());
    if (command.json) console.log(JSON.stringify(summary, null, 2));
    const failed = summary.files.filter((f) => f.status === 'failed');
    // The error starts with the file's name: "random.xml: not a PubMed file: …".
    for (const f of failed) console.error(`ingest: ${f.error}`);
    if (failed.length) return 1;
    if (summary.files.some((f) => f.status === 'interrupted') || abort.signal.aborted) {
      console.error(INTERRUPTED);
      return interruptedExitCode(abort.signal);
    }
    return 0;
  }
  // Read before the run, so a bad ALERT_* value stops it at once with its one line.
  const alertEnv = readAlertEnv();
  const { runSearch } = await import('./search-command.ts');
  return runSearch(command, env, abort.signal, alertEnv);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`ingest: ${error.message}\n${USAGE}`);
    process.exitCode = 2;
  } else {
    // Includes a refused run lock and an unreachable PubMed: the message says which.
    console.error(`ingest: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}

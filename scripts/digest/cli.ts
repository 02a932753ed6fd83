// `pnpm digest`: run from cron or a systemd timer like ingestion. Sends each due subscriber one
// digest (packages/digest), then reports the outcome to the failure alerts. Exit code 0 when every
// digest went out (or nothing was due); 1 with a one-line reason otherwise.
import { DigestBusy, runDigest } from '@evidence/digest';
import { createMailer } from '@evidence/notify';
import { openDatabase } from '@evidence/schema';
import { reportOutcome } from '../alerts.ts';
import { readDigestEnv } from '../env.ts';
import { interruptedExitCode } from '../ingest/stop.ts';

async function main(): Promise<number> {
  const env = readDigestEnv();
  const opened = openDatabase(env.DATABASE_URL);
  const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM });
  // First SIGTERM or Ctrl-C: the mail being handed over is finished and recorded, then the run stops
  // (a stop between two mails loses nothing); a second signal exits at once (ADR 0019: at most once).
  const abort = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (abort.signal.aborted) process.exit(interruptedExitCode(abort.signal));
      abort.abort(signal);
    });
  }
  try {
    const summary = await runDigest({
      opened,
      mailer,
      now: () => new Date(),
      publicUrl: env.PUBLIC_URL,
      apiPublicUrl: env.API_PUBLIC_URL,
      secret: env.DIGEST_SECRET,
      sendEmpty: env.DIGEST_SEND_EMPTY,
      maxStudies: env.DIGEST_MAX_STUDIES,
      log: (line) => console.error(line),
      signal: abort.signal,
    }).catch(async (error: Error) => {
      if (error instanceof DigestBusy) throw error;
      await reportOutcome(opened, { job: 'digest', ok: false, runId: null, reason: error.message, runUrl: null }, env);
      throw error;
    });
    console.log(
      `digest: run ${summary.runId}: ${summary.sent} sent, ${summary.nothingNew} with nothing new, ${summary.failed} failed` +
        (summary.assumedSent ? `, ${summary.assumedSent} of an interrupted run counted as sent` : ''),
    );
    if (summary.status === 'interrupted') {
      console.error('digest: interrupted; what was sent is recorded and the next run sends the rest');
      return interruptedExitCode(abort.signal);
    }
    await reportOutcome(
      opened,
      { job: 'digest', ok: summary.status === 'succeeded', runId: summary.runId, reason: summary.error, runUrl: null },
      env,
    );
    if (summary.error) console.error(`digest: ${summary.error}`);
    return summary.status === 'succeeded' ? 0 : 1;
  } finally {
    mailer.close();
    opened.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  if (error instanceof DigestBusy) {
    // Not a failure: the other run sends what is due.
    console.error(`digest: ${error.message}`);
    process.exitCode = 0;
  } else {
    // A bad or missing variable (EnvError), a refused database (DatabaseRefused): one line each.
    console.error(`digest: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}

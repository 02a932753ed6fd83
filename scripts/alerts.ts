// Failure alerts for the scheduled commands (`pnpm ingest`, `pnpm digest`): the channels from the
// environment, and a report that never changes the command's exit code.
import { createMailer, reportJobOutcome, type AlertChannels, type JobOutcome } from '@evidence/notify';
import type { TopicSummary } from '@evidence/ingest';
import type { OpenedDatabase } from '@evidence/schema';
import type { AlertEnv } from './env.ts';

/** True when the environment names somewhere to send alerts. */
const alertsConfigured = (env: AlertEnv) => Boolean(env.ALERT_EMAIL || env.ALERT_WEBHOOK);

/** The run's page on the dashboard, when PUBLIC_URL is set. */
const runUrl = (env: AlertEnv, runId: number | null) => (env.PUBLIC_URL && runId !== null ? `${env.PUBLIC_URL}/runs/${runId}` : null);

/**
 * Records the run's outcome in alert_state and alerts or says "recovered" when due. Any problem
 * (the mail server, the webhook, even the database) is printed as one line on stderr and swallowed:
 * an alert must never turn a good run into a failed exit code.
 */
export async function reportOutcome(opened: OpenedDatabase, outcome: JobOutcome, env: AlertEnv): Promise<void> {
  if (!alertsConfigured(env)) return;
  const mailer = env.ALERT_EMAIL ? createMailer({ smtpUrl: env.SMTP_URL!, from: env.MAIL_FROM!, timeoutMs: 15_000 }) : null;
  const channels: AlertChannels = {
    ...(mailer ? { email: { mailer, to: env.ALERT_EMAIL! } } : {}),
    ...(env.ALERT_WEBHOOK ? { webhook: { url: env.ALERT_WEBHOOK } } : {}),
  };
  try {
    await reportJobOutcome(opened, outcome, channels, new Date(), (line) => console.error(line));
  } catch (error) {
    console.error(`alert: could not record or send the ${outcome.job} alert (${(error as Error).message})`);
  } finally {
    mailer?.close();
  }
}

/**
 * How a finished scheduled ingestion looks to the failure alerts: failed when a topic failed, or
 * when the records that could not be stored reach ALERT_FAILED_RECORDS; the run named is the first
 * failed topic's run (else the last run), whose page the alert links to.
 */
export function ingestOutcome(summaries: Pick<TopicSummary, 'topic' | 'runId' | 'status' | 'failed' | 'error'>[], env: AlertEnv) {
  const failedTopic = summaries.find((s) => s.status === 'failed');
  const failedRecords = summaries.reduce((sum, s) => sum + s.failed, 0);
  const overThreshold = env.ALERT_FAILED_RECORDS !== undefined && failedRecords >= env.ALERT_FAILED_RECORDS;
  const run = failedTopic ?? summaries.findLast((s) => s.runId !== null) ?? null;
  const runId = run?.runId ?? null;
  const reason = failedTopic
    ? `${failedTopic.topic}: ${failedTopic.error ?? 'failed'}`
    : overThreshold
      ? `${failedRecords} records could not be stored (ALERT_FAILED_RECORDS is ${env.ALERT_FAILED_RECORDS})`
      : null;
  return { job: 'ingest', ok: reason === null, runId, reason, runUrl: runUrl(env, runId) };
}

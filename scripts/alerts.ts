// Failure alerts for the scheduled commands (`pnpm ingest`, `pnpm digest`): the channels from the
// environment, and a report that never changes the command's exit code.
import { createMailer, reportJobOutcome, type AlertChannels, type JobOutcome } from '@evidence/notify';
import type { OpenedDatabase } from '@evidence/schema';
import type { AlertEnv } from './env.ts';

/** True when the environment names somewhere to send alerts. */
const alertsConfigured = (env: AlertEnv) => Boolean(env.ALERT_EMAIL || env.ALERT_WEBHOOK);

/** The run's page on the dashboard, when PUBLIC_URL is set. */
export const runUrl = (env: AlertEnv, runId: number | null) =>
  env.PUBLIC_URL && runId !== null ? `${env.PUBLIC_URL}/runs/${runId}` : null;

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

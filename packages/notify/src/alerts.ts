import type { OpenedDatabase } from '@evidence/schema';
import { mailErrorLine, type Mailer } from './mailer.ts';

/** Where failure alerts go: e-mail (ALERT_EMAIL, through the SMTP transport) and/or a webhook (ALERT_WEBHOOK). */
export interface AlertChannels {
  email?: { mailer: Mailer; to: string[] };
  webhook?: { url: string; timeoutMs?: number };
}

/** How a scheduled run ended, as the alerting sees it. */
export interface JobOutcome {
  /** The job's key in alert_state: `ingest`, `digest`. */
  job: string;
  ok: boolean;
  runId: number | null;
  /** One line: why it failed (null when ok). */
  reason: string | null;
  /** The run's page, e.g. `${PUBLIC_URL}/runs/42`; null when there is none. */
  runUrl: string | null;
}

/** The JSON a webhook receives. */
export interface AlertPayload {
  job: string;
  event: 'failing' | 'recovered';
  runId: number | null;
  reason: string | null;
  runUrl: string | null;
  failingSince: string;
  at: string;
}

interface StateRow {
  last_status: 'ok' | 'failing';
  failing_since: string | null;
  alerted_run_id: string | null;
}

/** What reportJobOutcome did: alerted a new streak, stayed quiet within one, said "recovered", or nothing to say. */
export type AlertAction = 'alerted' | 'already_alerted' | 'recovered' | 'ok' | 'undelivered';

/**
 * Records a scheduled run's outcome and tells people once per failure streak: the first failing
 * run alerts, later failing runs stay quiet, and the first good run after an alerted streak sends
 * "recovered". An alert that could not be delivered (no channel took it) is tried again by the next
 * failing run. Delivery problems are printed as one line each through `log` and never thrown: an
 * alert must not turn a good run into a failed one.
 */
export async function reportJobOutcome(
  database: OpenedDatabase,
  outcome: JobOutcome,
  channels: AlertChannels,
  now: Date,
  log: (line: string) => void,
): Promise<AlertAction> {
  const at = now.toISOString();
  const state = database.sqlite
    .prepare('SELECT last_status, failing_since, alerted_run_id FROM alert_state WHERE job_key = ?')
    .get(outcome.job) as StateRow | undefined;
  const failing = state?.last_status === 'failing';
  const save =
    database.sqlite.prepare(`INSERT INTO alert_state (job_key, last_status, failing_since, alerted_run_id, last_run_id, last_reason, updated_at)
    VALUES (@job, @status, @since, @alerted, @run, @reason, @at)
    ON CONFLICT (job_key) DO UPDATE SET last_status = excluded.last_status, failing_since = excluded.failing_since,
      alerted_run_id = excluded.alerted_run_id, last_run_id = excluded.last_run_id, last_reason = excluded.last_reason, updated_at = excluded.updated_at`);
  const run = outcome.runId === null ? null : String(outcome.runId);

  if (outcome.ok) {
    save.run({ job: outcome.job, status: 'ok', since: null, alerted: null, run, reason: null, at });
    if (!failing) return 'ok';
    // Nobody was told it failed (no channel took the alert): a "recovered" would come out of nowhere.
    if (state?.alerted_run_id === null) return 'ok';
    const payload: AlertPayload = { ...base(outcome, state!.failing_since ?? at, at), event: 'recovered' };
    await deliver(payload, channels, log);
    return 'recovered';
  }

  const since = failing ? (state!.failing_since ?? at) : at;
  if (failing && state!.alerted_run_id !== null) {
    save.run({ job: outcome.job, status: 'failing', since, alerted: state!.alerted_run_id, run, reason: outcome.reason, at });
    return 'already_alerted';
  }
  const delivered = await deliver({ ...base(outcome, since, at), event: 'failing' }, channels, log);
  save.run({ job: outcome.job, status: 'failing', since, alerted: delivered ? (run ?? 'unknown') : null, run, reason: outcome.reason, at });
  return delivered ? 'alerted' : 'undelivered';
}

function base(outcome: JobOutcome, failingSince: string, at: string) {
  return { job: outcome.job, runId: outcome.runId, reason: outcome.reason, runUrl: outcome.runUrl, failingSince, at };
}

/** True when at least one channel took the message; each channel that failed is one line in the log. */
async function deliver(payload: AlertPayload, channels: AlertChannels, log: (line: string) => void): Promise<boolean> {
  const attempts: Promise<boolean>[] = [];
  if (channels.email) {
    const { mailer, to } = channels.email;
    attempts.push(
      mailer.send({ to: to.join(', '), ...alertMail(payload) }).then(
        () => true,
        (error) => {
          log(`alert: could not e-mail ${to.join(', ')} (${mailErrorLine(error)})`);
          return false;
        },
      ),
    );
  }
  if (channels.webhook) {
    const { url, timeoutMs = 10_000 } = channels.webhook;
    attempts.push(
      fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(timeoutMs),
      }).then(
        async (res) => {
          await res.body?.cancel();
          if (res.ok) return true;
          log(`alert: the webhook ${new URL(url).origin} answered ${res.status}`);
          return false;
        },
        (error: Error) => {
          log(
            `alert: could not reach the webhook ${new URL(url).origin} (${(error.cause as Error | undefined)?.message ?? error.message})`,
          );
          return false;
        },
      ),
    );
  }
  return (await Promise.all(attempts)).some(Boolean);
}

/** The alert as an e-mail: the subject says what and which run, the body adds the reason and the link. */
function alertMail(payload: AlertPayload): { subject: string; text: string } {
  const run = payload.runId === null ? '' : ` (run ${payload.runId})`;
  if (payload.event === 'recovered') {
    return {
      subject: `[evidence tracker] ${payload.job} recovered${run}`,
      text: [
        `The scheduled ${payload.job} works again${run}; it had been failing since ${payload.failingSince}.`,
        payload.runUrl ? `Run: ${payload.runUrl}` : null,
      ]
        .filter(Boolean)
        .join('\n'),
    };
  }
  return {
    subject: `[evidence tracker] ${payload.job} failed${run}: ${payload.reason ?? 'unknown reason'}`,
    text: [
      `The scheduled ${payload.job} failed${run}.`,
      `Reason: ${payload.reason ?? 'unknown'}`,
      payload.runUrl ? `Run: ${payload.runUrl}` : null,
      '',
      'You get this once per failure streak, and one message when it works again.',
    ]
      .filter((line) => line !== null)
      .join('\n'),
  };
}

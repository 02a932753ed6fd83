import { followedInWindow, followedSql, studiesByPmids, studyNotices, topicLabels } from '@evidence/api/digest-studies';
import { signUnsubscribeToken } from '@evidence/notify/unsubscribe-token';
import { mailErrorLine, type Mailer } from '@evidence/notify';
import type { DesignId, FindingDirection, OpenedDatabase, OutcomeId, Subscription } from '@evidence/schema';
import { randomBytes } from 'node:crypto';
import { periodKey } from './period.ts';
import { renderDigest } from './render.ts';
import type { DigestStudy, DigestView, NoticeKind } from './view.ts';

export interface DigestOptions {
  opened: OpenedDatabase;
  mailer: Mailer;
  now: () => Date;
  /** The dashboard's address (PUBLIC_URL): study pages, the list, claims. */
  publicUrl: string;
  /** The API's public address (API_PUBLIC_URL, default PUBLIC_URL): the unsubscribe link. */
  apiPublicUrl: string;
  /** DIGEST_SECRET: signs the unsubscribe links. */
  secret: string;
  /** Send a "nothing new" digest too (DIGEST_SEND_EMPTY=1); default: no mail when nothing is new. */
  sendEmpty: boolean;
  /** At most this many studies listed per digest; the rest are a count and a link. */
  maxStudies: number;
  /** One line per problem (a refused mail, a subscription whose filter no longer works). */
  log: (line: string) => void;
  /** Called once a digest row is written and before the mail is handed over (tests stop the run here). */
  beforeSend?: (subscriptionId: number) => void | Promise<void>;
  /** Aborted (SIGTERM, Ctrl-C): the mail being handed over is finished and recorded, then the run stops as interrupted. */
  signal?: AbortSignal;
}

export interface DigestSummary {
  runId: number;
  status: 'succeeded' | 'failed' | 'interrupted';
  sent: number;
  failed: number;
  /** Due subscribers with nothing new (no mail unless sendEmpty). */
  nothingNew: number;
  /** Digests of a run that died while the mail server had them: not sent again (ADR 0019). */
  assumedSent: number;
  /** One line: why the run failed (null when it succeeded). */
  error: string | null;
}

/** Another digest run is still going (its process is alive): this one does nothing. */
export class DigestBusy extends Error {}

interface SendRow {
  id: number;
  subscription_id: number;
  period_key: string;
  status: 'pending' | 'sent' | 'failed' | 'assumed_sent';
  message_id: string;
  attempts: number;
  study_count: number;
  pmids: string;
  warnings: string;
  watermark_to: string;
}

type SubscriptionRow = Pick<Subscription, 'id' | 'email' | 'language' | 'frequency' | 'filter' | 'watermark'> & { claim_id: number | null };

const processAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Sends every due subscriber one digest for the current period (ADR 0019):
 * 1. Opens a digest run; runs a dead process left `running` are closed as interrupted, and their
 *    digests that were being handed to the mail server become `assumed_sent` (never sent twice).
 * 2. Per active subscriber: a digest already sent this period is skipped; one that failed (or was
 *    written but never handed over) is sent again with the content it was written with; otherwise
 *    the followed studies first seen after the subscriber's watermark are listed, with warnings
 *    about studies sent before that have since been retracted or corrected.
 * 3. Each digest row is committed as `pending` before the hand-over and marked `sent` (watermark
 *    moved on) after it, so a crash at any point leaves a row that says what to do next.
 */
export async function runDigest(options: DigestOptions): Promise<DigestSummary> {
  const { opened } = options;
  const { sqlite } = opened;
  const startedAt = options.now();
  const runId = openRun(opened, startedAt);
  const summary: DigestSummary = { runId, status: 'succeeded', sent: 0, failed: 0, nothingNew: 0, assumedSent: 0, error: null };
  summary.assumedSent = resolveUnknownSends(opened);
  const firstError: string[] = [];
  try {
    const upTo = snapshotTime(opened, startedAt);
    const subscriptions = sqlite
      .prepare(
        'SELECT id, email, language, frequency, filter, claim_id, watermark FROM subscriptions WHERE unsubscribed_at IS NULL ORDER BY id',
      )
      .all() as SubscriptionRow[];
    const context = runContext(opened, subscriptions, upTo);
    for (const subscription of subscriptions) {
      if (options.signal?.aborted) break;
      const period = periodKey(subscription.frequency, startedAt);
      let row = sqlite.prepare('SELECT * FROM digest_sends WHERE subscription_id = ? AND period_key = ?').get(subscription.id, period) as
        | SendRow
        | undefined;
      if (row && (row.status === 'sent' || row.status === 'assumed_sent')) continue;
      if (row && row.status === 'pending' && row.attempts > 0) continue; // resolved above; defensive
      let view: DigestView;
      try {
        if (row) view = viewOfRow(options, subscription, row, context);
        else {
          const made = newDigest(options, subscription, period, runId, context);
          if (!made) {
            summary.nothingNew++;
            // Nothing followed arrived up to this run's snapshot: the next window starts there.
            sqlite.prepare('UPDATE subscriptions SET watermark = max(watermark, ?) WHERE id = ?').run(upTo, subscription.id);
            continue;
          }
          ({ row, view } = made);
        }
      } catch (error) {
        // A filter or claim that no longer means anything (a claim deleted between reads, a run id gone).
        const line = `digest: subscription ${subscription.id} (${subscription.email}) skipped: ${(error as Error).message}`;
        options.log(line);
        firstError.push(line);
        summary.failed++;
        continue;
      }
      const outcome = await send(options, subscription, row, view, runId);
      if (outcome === null) summary.sent++;
      else {
        summary.failed++;
        const line = `digest: could not send to ${subscription.email} (subscription ${subscription.id}): ${outcome}`;
        options.log(line);
        firstError.push(line);
      }
    }
  } catch (error) {
    finishRun(opened, runId, options.now(), summary, 'failed', `digest: ${(error as Error).message}`);
    throw error;
  }
  const error = firstError.length
    ? `${summary.failed} of ${summary.sent + summary.failed} digests failed — ${firstError[0]!.replace(/^digest: /, '')}`
    : null;
  finishRun(opened, runId, options.now(), summary, options.signal?.aborted ? 'interrupted' : error ? 'failed' : 'succeeded', error);
  return summary;
}

/** Opens this run under SQLite's write lock, after closing the runs of dead processes; refuses while a live one runs. */
function openRun(opened: OpenedDatabase, at: Date): number {
  const { sqlite } = opened;
  return sqlite
    .transaction(() => {
      const running = sqlite.prepare("SELECT id, pid FROM digest_runs WHERE status = 'running'").all() as { id: number; pid: number }[];
      for (const run of running) {
        if (run.pid !== process.pid && processAlive(run.pid))
          throw new DigestBusy(`another digest run (run ${run.id}, process ${run.pid}) is still going; this one sends nothing`);
        sqlite
          .prepare(
            "UPDATE digest_runs SET status = 'interrupted', ended_at = ?, error = 'the digest process stopped before finishing' WHERE id = ?",
          )
          .run(at.toISOString(), run.id);
      }
      return Number(
        sqlite.prepare("INSERT INTO digest_runs (started_at, status, pid) VALUES (?, 'running', ?)").run(at.toISOString(), process.pid)
          .lastInsertRowid,
      );
    })
    .immediate();
}

/**
 * Digests whose hand-over began in a run that is no longer going (the process died between giving
 * the mail to the server and recording the answer): the server may have delivered them, so they are
 * counted as sent and never sent again. Those never handed over stay `pending` and are sent now.
 */
function resolveUnknownSends(opened: OpenedDatabase): number {
  const { sqlite } = opened;
  return sqlite
    .transaction(() => {
      const rows = sqlite
        .prepare(`SELECT d.id, d.subscription_id, d.watermark_to, d.attempted_at FROM digest_sends d
        LEFT JOIN digest_runs r ON r.id = d.digest_run_id
        WHERE d.status = 'pending' AND d.attempts > 0 AND (r.id IS NULL OR r.status != 'running')`)
        .all() as { id: number; subscription_id: number; watermark_to: string; attempted_at: string }[];
      for (const row of rows) {
        sqlite
          .prepare(
            "UPDATE digest_sends SET status = 'assumed_sent', error = 'the digest process stopped while the mail server had this mail; not sent again' WHERE id = ?",
          )
          .run(row.id);
        advanceWatermark(opened, row.subscription_id, row.watermark_to, row.attempted_at);
      }
      return rows.length;
    })
    .immediate();
}

const advanceWatermark = (opened: OpenedDatabase, subscriptionId: number, to: string, at: string) =>
  opened.sqlite
    .prepare('UPDATE subscriptions SET watermark = max(watermark, ?), last_digest_at = ? WHERE id = ?')
    .run(to, at, subscriptionId);

/**
 * The end of this run's window of first-seen times: now, or the start of an ingestion still
 * running, whichever is earlier. A running ingestion stamps its studies from its start on and
 * commits them later; a window past its start could close over studies not yet visible, and the
 * watermark would then pass them by.
 */
function snapshotTime(opened: OpenedDatabase, now: Date): string {
  const running = opened.sqlite.prepare("SELECT min(started_at) FROM ingestion_runs WHERE status = 'running'").pluck().get() as
    | string
    | null;
  const at = now.toISOString();
  return running !== null && running < at ? running : at;
}

/** The warnings due for a subscriber: studies sent in delivered digests that now carry a notice not yet warned about. */
function dueWarnings(opened: OpenedDatabase, subscriptionId: number) {
  const delivered = opened.sqlite
    .prepare("SELECT pmids, warnings FROM digest_sends WHERE subscription_id = ? AND status IN ('sent', 'assumed_sent')")
    .all(subscriptionId) as { pmids: string; warnings: string }[];
  const sent = new Set(delivered.flatMap((d) => JSON.parse(d.pmids) as number[]));
  const warned = new Set(delivered.flatMap((d) => JSON.parse(d.warnings) as string[]));
  return studyNotices(opened, [...sent]).flatMap((s) =>
    noticesOf(s)
      .filter((kind) => !warned.has(`${s.pmid}:${kind}`))
      .map((kind) => ({ pmid: s.pmid, title: s.title, kind })),
  );
}

const noticesOf = (s: { retracted: boolean; erratum: boolean; concern?: boolean; expressionOfConcern?: boolean }): NoticeKind[] => [
  ...(s.retracted ? (['retracted'] as const) : []),
  ...(s.erratum ? (['erratum'] as const) : []),
  ...((s.concern ?? s.expressionOfConcern) ? (['concern'] as const) : []),
];

type RunContext = ReturnType<typeof runContext>;

/**
 * What one run reads once and shares between subscribers: each distinct follow (a filter or a
 * claim) is read once over the window from the earliest watermark to the snapshot, and each
 * subscriber takes the matches after their own watermark; list items are loaded once per study.
 * A thousand subscribers with a few hundred distinct follows cost a few hundred reads, not two thousand.
 */
function runContext(opened: OpenedDatabase, subscriptions: SubscriptionRow[], upTo: string) {
  // ISO timestamps sort as text: the earliest watermark (or the snapshot, with no subscriber).
  const windowStart = [upTo, ...subscriptions.map((s) => s.watermark)].sort()[0]!;
  const follows = new Map<string, { followed: ReturnType<typeof followedSql>; matches: () => { pmid: number; firstSeenAt: string }[] }>();
  const items = new Map<number, ReturnType<typeof studiesByPmids>[number]>();
  return {
    upTo,
    topics: topicLabels(opened),
    follow(subscription: SubscriptionRow) {
      const key = subscription.claim_id !== null ? `claim:${subscription.claim_id}` : `filter:${subscription.filter ?? ''}`;
      let entry = follows.get(key);
      if (!entry) {
        const followed = followedSql(opened, { filter: subscription.filter, claimId: subscription.claim_id });
        let matches: { pmid: number; firstSeenAt: string }[] | null = null;
        entry = { followed, matches: () => (matches ??= followedInWindow(opened, followed, windowStart, upTo)) };
        follows.set(key, entry);
      }
      return entry;
    },
    /** List items for these PMIDs, in their order (studies since deleted drop out). */
    studies(pmids: number[]) {
      const missing = pmids.filter((pmid) => !items.has(pmid));
      for (const item of studiesByPmids(opened, missing)) items.set(Number(item.pmid), item);
      return pmids.flatMap((pmid) => items.get(pmid) ?? []);
    },
  };
}

/** Writes this period's digest row (pending) with its content fixed, or returns null when there is nothing to send. */
function newDigest(
  options: DigestOptions,
  subscription: SubscriptionRow,
  period: string,
  runId: number,
  context: RunContext,
): { row: SendRow; view: DigestView } | null {
  const { opened } = options;
  const follow = context.follow(subscription);
  const matches = follow.matches().filter((m) => m.firstSeenAt > subscription.watermark);
  const warnings = dueWarnings(opened, subscription.id);
  if (matches.length === 0 && warnings.length === 0 && !options.sendEmpty) return null;
  const fresh = { total: matches.length, items: context.studies(matches.slice(0, options.maxStudies).map((m) => m.pmid)) };
  const upTo = context.upTo;
  const pmids = fresh.items.map((s) => Number(s.pmid));
  // Listed studies that already carry a notice say so inline: they are not warned about again later.
  const warned = [
    ...warnings.map((w) => `${w.pmid}:${w.kind}`),
    ...fresh.items.flatMap((s) => noticesOf(s).map((kind) => `${s.pmid}:${kind}`)),
  ];
  const host = new URL(options.publicUrl).hostname || 'localhost';
  const messageId = `<digest.${subscription.id}.${period.replace(':', '.')}.${randomBytes(6).toString('hex')}@${host}>`;
  // A row left from an earlier period that never went out: its studies are in this digest (the
  // watermark did not move), so it is closed rather than left pending for ever.
  opened.sqlite
    .prepare(`UPDATE digest_sends SET status = 'failed', error = coalesce(error, 'never handed to the mail server; its studies went into ' || ?)
      WHERE subscription_id = ? AND status = 'pending' AND attempts = 0`)
    .run(period, subscription.id);
  const id = Number(
    opened.sqlite
      .prepare(`INSERT INTO digest_sends (subscription_id, period_key, status, message_id, attempts, study_count, pmids, warnings, watermark_to, digest_run_id, created_at)
      VALUES (?, ?, 'pending', ?, 0, ?, ?, ?, ?, ?, ?)`)
      .run(
        subscription.id,
        period,
        messageId,
        fresh.total,
        JSON.stringify(pmids),
        JSON.stringify(warned),
        upTo,
        runId,
        options.now().toISOString(),
      ).lastInsertRowid,
  );
  const row = opened.sqlite.prepare('SELECT * FROM digest_sends WHERE id = ?').get(id) as SendRow;
  return { row, view: buildView(options, subscription, row, fresh.items, warnings, context.topics, follow.followed.claim) };
}

/** The view of a digest row written earlier (a retry): its stored studies and warnings, as they read now. */
function viewOfRow(options: DigestOptions, subscription: SubscriptionRow, row: SendRow, context: RunContext): DigestView {
  const { opened } = options;
  const { followed } = context.follow(subscription);
  const items = context.studies(JSON.parse(row.pmids) as number[]);
  const listed = new Set(items.map((s) => Number(s.pmid)));
  const stored = (JSON.parse(row.warnings) as string[]).map((w) => w.split(':') as [string, NoticeKind]);
  const aboutEarlier = stored.filter(([pmid]) => !listed.has(Number(pmid)));
  const titles = new Map(
    studyNotices(
      opened,
      aboutEarlier.map(([pmid]) => Number(pmid)),
    ).map((s) => [s.pmid, s.title]),
  );
  const warnings = aboutEarlier.map(([pmid, kind]) => ({ pmid: Number(pmid), kind, title: titles.get(Number(pmid)) ?? `PMID ${pmid}` }));
  return buildView(options, subscription, row, items, warnings, context.topics, followed.claim);
}

function buildView(
  options: DigestOptions,
  subscription: SubscriptionRow,
  row: SendRow,
  items: ReturnType<typeof studiesByPmids>,
  warnings: { pmid: number; title: string; kind: NoticeKind }[],
  topics: ReturnType<typeof topicLabels>,
  claim: ReturnType<typeof followedSql>['claim'],
): DigestView {
  const base = options.publicUrl;
  const studyUrl = (pmid: number | string) => `${base}/studies/${pmid}`;
  const language = subscription.language;
  const follows: DigestView['follows'] = claim
    ? {
        kind: 'claim',
        statement:
          claim.language === language
            ? claim.statement
            : (claim.translations.find((t) => t.language === language)?.statement ?? claim.statement),
        url: `${base}/claims/${claim.id}`,
      }
    : {
        kind: 'filter',
        parts: filterParts(subscription.filter ?? '', language, topics),
        url: `${base}/studies${subscription.filter ? `?${subscription.filter}` : ''}`,
      };
  const studies: DigestStudy[] = items.map((s) => ({
    pmid: Number(s.pmid),
    title: s.title,
    journal: s.journal,
    year: s.year,
    design: s.design as DesignId | null,
    sampleSize: s.sampleSize,
    findings: Object.entries(s.findings)
      .filter(([, direction]) => direction !== 'not_reported')
      .map(([outcome, direction]) => ({ outcome: outcome as OutcomeId, direction: direction as FindingDirection })),
    url: studyUrl(s.pmid),
    notices: noticesOf(s),
  }));
  return {
    email: subscription.email,
    frequency: subscription.frequency,
    period: row.period_key,
    follows,
    studies,
    total: row.study_count,
    warnings: warnings.map((w) => ({ ...w, url: studyUrl(w.pmid) })),
    unsubscribeUrl: `${options.apiPublicUrl}/api/unsubscribe?token=${signUnsubscribeToken(options.secret, subscription.id, subscription.email)}`,
  };
}

/** The saved filter's parameters worth naming in the mail (topics by their label), in filter order. */
function filterParts(filter: string, language: 'en' | 'nl', topics: ReturnType<typeof topicLabels>) {
  const params = new URLSearchParams(filter);
  const names = [...new Set(params.keys())];
  return names.map((name) => ({
    name,
    values: params
      .getAll(name)
      .map((v) => (name === 'topic' ? ((language === 'nl' ? topics.get(v)?.nl : null) ?? topics.get(v)?.en ?? v) : v)),
  }));
}

/**
 * Hands one digest to the mail server: the attempt is committed first (so a crash from here on is
 * known to be "maybe delivered"), then the answer is recorded. Returns null when sent, else the reason.
 */
async function send(
  options: DigestOptions,
  subscription: SubscriptionRow,
  row: SendRow,
  view: DigestView,
  runId: number,
): Promise<string | null> {
  const { sqlite } = options.opened;
  const attemptedAt = options.now().toISOString();
  const claimed = sqlite
    .prepare(`UPDATE digest_sends SET attempts = attempts + 1, attempted_at = ?, digest_run_id = ?, status = 'pending'
      WHERE id = ? AND status IN ('pending', 'failed') AND attempts = ?`)
    .run(attemptedAt, runId, row.id, row.attempts);
  if (claimed.changes === 0) return null; // another run took it: it is theirs to record
  await options.beforeSend?.(subscription.id);
  const mail = renderDigest(view, subscription.language);
  try {
    await options.mailer.send({
      to: subscription.email,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: row.message_id,
      headers: {
        'List-Unsubscribe': `<${view.unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        // Digests are bulk mail: no out-of-office replies.
        'Auto-Submitted': 'auto-generated',
      },
    });
  } catch (error) {
    const reason = mailErrorLine(error);
    sqlite.prepare("UPDATE digest_sends SET status = 'failed', error = ? WHERE id = ?").run(reason, row.id);
    return reason;
  }
  const sentAt = options.now().toISOString();
  sqlite.transaction(() => {
    sqlite.prepare("UPDATE digest_sends SET status = 'sent', sent_at = ?, error = NULL WHERE id = ?").run(sentAt, row.id);
    advanceWatermark(options.opened, subscription.id, row.watermark_to, sentAt);
  })();
  return null;
}

function finishRun(
  opened: OpenedDatabase,
  runId: number,
  at: Date,
  summary: DigestSummary,
  status: DigestSummary['status'],
  error: string | null,
) {
  summary.status = status;
  summary.error = error;
  opened.sqlite
    .prepare('UPDATE digest_runs SET status = ?, ended_at = ?, sent = ?, failed = ?, error = ? WHERE id = ?')
    .run(summary.status, at.toISOString(), summary.sent, summary.failed, error, runId);
}

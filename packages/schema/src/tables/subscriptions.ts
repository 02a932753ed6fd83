import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { claims } from './claims.ts';

/**
 * Someone who gets an e-mail digest of what is new: for a saved studies filter (the query string
 * `/api/studies` accepts, e.g. `topic=chiropractic&outcome=pain`) or for a claim, never both.
 * `watermark` is the `studies.first_seen_at` up to which this subscriber has been considered: the
 * next digest holds matching studies first seen after it. It starts at `created_at`, so the first
 * digest is what arrived since subscribing, not the whole archive.
 */
export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    language: text('language', { enum: ['en', 'nl'] }).notNull(),
    frequency: text('frequency', { enum: ['daily', 'weekly'] }).notNull(),
    /** The saved studies filter as a URL query string (no leading "?"); null when following a claim. */
    filter: text('filter'),
    /** The claim followed; null when following a filter. Deleting the claim deletes its subscriptions. */
    claimId: integer('claim_id').references(() => claims.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    watermark: text('watermark').notNull(),
    /** When the last digest was handed to the mail server (or assumed so, see digest_sends). */
    lastDigestAt: text('last_digest_at'),
    /** Set by the unsubscribe link; the row is kept so the digest history still explains itself. */
    unsubscribedAt: text('unsubscribed_at'),
  },
  (t) => [index('subscriptions_email_idx').on(t.email), index('subscriptions_claim_idx').on(t.claimId)],
);

/** The statuses of one digest mail; `assumed_sent` = the process died while the mail server had it (ADR 0019). */
export const DIGEST_SEND_STATUSES = ['pending', 'sent', 'failed', 'assumed_sent'] as const;

/**
 * One digest for one subscriber and period (`daily:2026-12-05`, `weekly:2026-W49`), written as
 * `pending` with its content fixed (PMIDs, warnings, watermark) before the mail is handed to the
 * mail server, and marked `sent` after: a re-run finds it and never sends that period twice; a
 * `failed` one (the server refused or could not be reached) is sent again by the next run. The
 * metrics read digest sends and failures from here.
 */
export const digestSends = sqliteTable(
  'digest_sends',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    periodKey: text('period_key').notNull(),
    status: text('status', { enum: DIGEST_SEND_STATUSES }).notNull(),
    /** The Message-ID header, fixed when the row is written, so every attempt carries the same one. */
    messageId: text('message_id').notNull(),
    /** Hand-overs to the mail server begun; > 0 on a `pending` row of a dead run = outcome unknown. */
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    /** How many followed studies were new in this digest's window; `pmids` lists at most DIGEST_MAX_STUDIES of them. */
    studyCount: integer('study_count').notNull(),
    /** The studies listed (JSON array of PMIDs); the retraction warnings look back through these. */
    pmids: text('pmids', { mode: 'json' }).$type<number[]>().notNull(),
    /**
     * Warnings this digest carries, as "pmid:kind" (kind: retracted, erratum, concern): about studies
     * sent before that have since been retracted or corrected, and about listed studies already so.
     * Each warning goes to a subscriber once.
     */
    warnings: text('warnings', { mode: 'json' }).$type<string[]>().notNull(),
    /** The subscriber's watermark once this digest is sent: the newest first_seen_at it covers. */
    watermarkTo: text('watermark_to').notNull(),
    digestRunId: integer('digest_run_id').references(() => digestRuns.id, { onDelete: 'set null' }),
    createdAt: text('created_at').notNull(),
    attemptedAt: text('attempted_at'),
    sentAt: text('sent_at'),
  },
  (t) => [
    uniqueIndex('digest_sends_period_uq').on(t.subscriptionId, t.periodKey),
    index('digest_sends_status_idx').on(t.status, t.createdAt),
  ],
);

/** One `pnpm digest` run; a run left `running` by a dead process is closed as `interrupted` by the next. */
export const digestRuns = sqliteTable('digest_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  startedAt: text('started_at').notNull(),
  endedAt: text('ended_at'),
  status: text('status', { enum: ['running', 'succeeded', 'failed', 'interrupted'] }).notNull(),
  pid: integer('pid').notNull(),
  sent: integer('sent').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  error: text('error'),
});

/**
 * The failure-alert state of one scheduled job (`ingest`, `digest`): one alert when a failure
 * streak starts, none while it lasts, one "recovered" message when the job works again.
 */
export const alertState = sqliteTable('alert_state', {
  jobKey: text('job_key').primaryKey(),
  lastStatus: text('last_status', { enum: ['ok', 'failing'] }).notNull(),
  /** When the current failure streak began; null while the job works. */
  failingSince: text('failing_since'),
  /** The run whose failure was alerted in this streak; null = not alerted yet (e.g. delivery failed). */
  alertedRunId: text('alerted_run_id'),
  lastRunId: text('last_run_id'),
  lastReason: text('last_reason'),
  updatedAt: text('updated_at').notNull(),
});

export type Subscription = typeof subscriptions.$inferSelect;
export type DigestSend = typeof digestSends.$inferSelect;
export type AlertState = typeof alertState.$inferSelect;

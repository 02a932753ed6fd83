// What operations staff watch, read straight from the database: shared by /api/health and /metrics
// so both say the same thing about runs and records.
import type { OpenedDatabase } from '@evidence/schema';

type Sqlite = OpenedDatabase['sqlite'];

export interface TopicRun {
  topic: string;
  runId: number;
  kind: string;
  status: string;
  startedAt: string;
  endedAt: string | null;
}

/** Each topic's newest ingestion run (by id: the order runs started in). */
export function lastRunPerTopic(sqlite: Sqlite): TopicRun[] {
  return sqlite
    .prepare(`SELECT r.topic_id AS topic, r.id AS runId, r.kind, r.status, r.started_at AS startedAt, r.ended_at AS endedAt
      FROM ingestion_runs r
      WHERE r.id IN (SELECT max(id) FROM ingestion_runs WHERE topic_id IS NOT NULL GROUP BY topic_id)
      ORDER BY r.topic_id`)
    .all() as TopicRun[];
}

/** Each topic's newest successful run's end, for "how stale is this topic" alerts. */
export function lastSuccessPerTopic(sqlite: Sqlite): { topic: string; endedAt: string }[] {
  return sqlite
    .prepare(`SELECT topic_id AS topic, max(ended_at) AS endedAt FROM ingestion_runs
      WHERE status = 'succeeded' AND topic_id IS NOT NULL AND ended_at IS NOT NULL GROUP BY topic_id ORDER BY topic_id`)
    .all() as { topic: string; endedAt: string }[];
}

export function runCounts(sqlite: Sqlite): { kind: string; status: string; runs: number }[] {
  return sqlite.prepare('SELECT kind, status, count(*) AS runs FROM ingestion_runs GROUP BY kind, status').all() as {
    kind: string;
    status: string;
    runs: number;
  }[];
}

export const storedStudies = (sqlite: Sqlite): number =>
  sqlite.prepare('SELECT count(*) FROM studies WHERE deleted_at IS NULL').pluck().get() as number;

export const lastRunEnd = (sqlite: Sqlite): string | null =>
  (sqlite.prepare('SELECT max(ended_at) FROM ingestion_runs').pluck().get() as string | null) ?? null;

/**
 * Digest e-mails by status (pending, sent, failed), or null before migration 0013 adds the
 * digest_sends table: this code serves databases with and without it.
 */
export function digestSendCounts(sqlite: Sqlite): { status: string; sends: number }[] {
  return sqlite.prepare('SELECT status, count(*) AS sends FROM digest_sends GROUP BY status').all() as { status: string; sends: number }[];
}

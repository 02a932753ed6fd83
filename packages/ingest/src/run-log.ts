import type { OpenedDatabase } from '@evidence/schema';

export interface RunCounts {
  found: number;
  newCount: number;
  updated: number;
  unchanged: number;
  failed: number;
  deleted: number;
  requests: number;
  retries: number;
}

const emptyCounts = (): RunCounts => ({ found: 0, newCount: 0, updated: 0, unchanged: 0, failed: 0, deleted: 0, requests: 0, retries: 0 });

export interface RunStart {
  kind: 'search' | 'import' | 'retag';
  topicId: string | null;
  query: string | null;
  windowFrom: string | null;
  windowTo: string | null;
}

/** Writes ingestion_runs: a row when a run starts, counts as it goes, the outcome when it ends. */
export function createRunLog(opened: OpenedDatabase, clock: () => Date = () => new Date()) {
  const { sqlite } = opened;
  const insert = sqlite.prepare(`INSERT INTO ingestion_runs (kind, topic_id, query, window_from, window_to, started_at, status)
    VALUES (@kind, @topicId, @query, @windowFrom, @windowTo, @startedAt, 'running')`);
  const progress = sqlite.prepare(`UPDATE ingestion_runs SET found = @found, new_count = @newCount, updated = @updated,
    unchanged = @unchanged, failed = @failed, deleted = @deleted, requests = @requests, retries = @retries, notes = @notes WHERE id = @id`);
  const finish = sqlite.prepare(
    `UPDATE ingestion_runs SET status = @status, ended_at = @endedAt, duration_ms = @durationMs, error = @error WHERE id = @id`,
  );
  // Runs a killed process left 'running' are closed as interrupted when the next run starts.
  const closeOrphans =
    sqlite.prepare(`UPDATE ingestion_runs SET status = 'interrupted', ended_at = ?, error = coalesce(error, 'the ingestion process stopped before finishing')
    WHERE status = 'running'`);

  return {
    closeOrphans: () => closeOrphans.run(clock().toISOString()).changes,
    start(run: RunStart) {
      const startedAt = clock();
      const id = Number(insert.run({ ...run, startedAt: startedAt.toISOString() }).lastInsertRowid);
      const counts = emptyCounts();
      const notes: string[] = [];
      const save = () => progress.run({ ...counts, notes: JSON.stringify(notes), id });
      return {
        id,
        counts,
        notes,
        save,
        end(status: 'succeeded' | 'failed' | 'interrupted', error?: string) {
          save();
          const endedAt = clock();
          finish.run({
            status,
            endedAt: endedAt.toISOString(),
            durationMs: endedAt.getTime() - startedAt.getTime(),
            error: error ?? null,
            id,
          });
        },
      };
    },
  };
}

export type RunLog = ReturnType<typeof createRunLog>;
export type ActiveRun = ReturnType<RunLog['start']>;

import type { OpenedDatabase, RawRow, ingestionRuns } from '@evidence/schema';

type RunRaw = RawRow<typeof ingestionRuns>;

function toRun(r: RunRaw) {
  return {
    id: r.id as number,
    kind: r.kind as string,
    topic: r.topic_id as string | null,
    query: r.query as string | null,
    window: { from: r.window_from as string | null, to: r.window_to as string | null },
    startedAt: r.started_at as string,
    endedAt: r.ended_at as string | null,
    durationMs: r.duration_ms as number | null,
    status: r.status as string,
    counts: {
      found: r.found,
      new: r.new_count,
      updated: r.updated,
      unchanged: r.unchanged,
      failed: r.failed,
      deleted: r.deleted,
    } as Record<string, number>,
    requests: r.requests as number,
    retries: r.retries as number,
    error: r.error as string | null,
    notes: JSON.parse(r.notes) as string[],
  };
}

export function listRuns(database: OpenedDatabase, params: { limit: number; before?: number; topic?: string }) {
  const where: string[] = [];
  const values: (string | number)[] = [];
  if (params.before) {
    where.push('id < ?');
    values.push(params.before);
  }
  if (params.topic) {
    where.push('topic_id = ?');
    values.push(params.topic);
  }
  const rows = database.sqlite
    .prepare(`SELECT * FROM ingestion_runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY id DESC LIMIT ?`)
    .all(...values, params.limit + 1) as RunRaw[];
  const page = rows.slice(0, params.limit);
  return { items: page.map(toRun), nextBefore: rows.length > params.limit ? (page.at(-1)!.id as number) : null };
}

/** One run with what it changed: studies it added and studies whose fields it changed. */
export function getRun(database: OpenedDatabase, id: number) {
  const row = database.sqlite.prepare('SELECT * FROM ingestion_runs WHERE id = ?').get(id) as RunRaw | undefined;
  if (!row) return null;
  const added = database.sqlite.prepare(`SELECT pmid, title FROM studies WHERE first_seen_run_id = ? ORDER BY pmid LIMIT 500`).all(id) as {
    pmid: number;
    title: string;
  }[];
  const changed = database.sqlite
    .prepare(`SELECT c.pmid, s.title, c.changed_fields FROM study_changes c JOIN studies s ON s.pmid = c.pmid
    WHERE c.run_id = ? ORDER BY c.pmid LIMIT 500`)
    .all(id) as { pmid: number; title: string; changed_fields: string }[];
  return {
    ...toRun(row),
    added: added.map((a) => ({ pmid: String(a.pmid), title: a.title })),
    changed: changed.map((c) => ({ pmid: String(c.pmid), title: c.title, fields: JSON.parse(c.changed_fields) as string[] })),
  };
}

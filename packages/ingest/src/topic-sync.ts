import type { OpenedDatabase, TopicDefinition } from '@evidence/schema';

/** Mirrors data/topics.json into the topics table, keeping each topic's incremental state. */
export function syncTopics(opened: OpenedDatabase, topics: TopicDefinition[], now: string): void {
  const upsert =
    opened.sqlite.prepare(`INSERT INTO topics (id, label, description, label_nl, description_nl, query, synonyms, mesh, updated_at)
    VALUES (@id, @label, @description, @label_nl, @description_nl, @query, @synonyms, @mesh, @now)
    ON CONFLICT (id) DO UPDATE SET label = excluded.label, description = excluded.description,
      label_nl = excluded.label_nl, description_nl = excluded.description_nl, synonyms = excluded.synonyms,
      mesh = excluded.mesh, updated_at = excluded.updated_at,
      -- A changed query is a new search: its saved window no longer says what was fetched.
      last_window_end = CASE WHEN topics.query = excluded.query THEN topics.last_window_end ELSE NULL END,
      query = excluded.query`);
  opened.sqlite.transaction(() => {
    for (const topic of topics) {
      upsert.run({
        ...topic,
        label_nl: topic.label_nl ?? null,
        description_nl: topic.description_nl ?? null,
        synonyms: JSON.stringify(topic.synonyms),
        mesh: JSON.stringify(topic.mesh),
        now,
      });
    }
  })();
}

export function topicWindowEnd(opened: OpenedDatabase, topicId: string): string | null {
  return (opened.sqlite.prepare('SELECT last_window_end FROM topics WHERE id = ?').pluck().get(topicId) as string | null) ?? null;
}

export function saveTopicWindow(opened: OpenedDatabase, topicId: string, windowEnd: string, runId: number, now: string): void {
  opened.sqlite
    .prepare('UPDATE topics SET last_window_end = ?, last_run_id = ?, last_run_at = ? WHERE id = ?')
    .run(windowEnd, runId, now, topicId);
}

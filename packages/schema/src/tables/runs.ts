import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** One ingestion run of one topic (or one import, or one retag), with what it did. */
export const ingestionRuns = sqliteTable(
  'ingestion_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['search', 'import', 'retag'] })
      .notNull()
      .default('search'),
    topicId: text('topic_id'),
    query: text('query'),
    windowFrom: text('window_from'),
    windowTo: text('window_to'),
    startedAt: text('started_at').notNull(),
    endedAt: text('ended_at'),
    durationMs: integer('duration_ms'),
    status: text('status', { enum: ['running', 'succeeded', 'failed', 'interrupted'] }).notNull(),
    found: integer('found').notNull().default(0),
    newCount: integer('new_count').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    deleted: integer('deleted').notNull().default(0),
    requests: integer('requests').notNull().default(0),
    retries: integer('retries').notNull().default(0),
    error: text('error'),
    /** Free-form run notes: query slicing, PMIDs asked for but not returned, skipped records. */
    notes: text('notes', { mode: 'json' }).$type<string[]>().notNull().default([]),
  },
  (t) => [index('ingestion_runs_topic_idx').on(t.topicId, t.startedAt)],
);

export type IngestionRun = typeof ingestionRuns.$inferSelect;

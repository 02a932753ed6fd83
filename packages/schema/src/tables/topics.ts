import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { studies } from './studies.ts';

/** Saved topic queries (mirrored from data/topics.json) and each topic's incremental state. */
export const topics = sqliteTable('topics', {
  id: text('id').primaryKey(),
  label: text('label').notNull(),
  description: text('description').notNull(),
  /** Dutch label and description (topics.json `label_nl` / `description_nl`); null: the dashboard shows the English. */
  labelNl: text('label_nl'),
  descriptionNl: text('description_nl'),
  query: text('query').notNull(),
  synonyms: text('synonyms', { mode: 'json' }).$type<string[]>().notNull(),
  mesh: text('mesh', { mode: 'json' }).$type<string[]>().notNull(),
  /** End (YYYY-MM-DD) of the last window fetched completely; the next run starts from here minus the overlap. */
  lastWindowEnd: text('last_window_end'),
  lastRunId: integer('last_run_id'),
  lastRunAt: text('last_run_at'),
  updatedAt: text('updated_at').notNull(),
});

/** Which saved query (or local rule, for imports) found a study, and when. */
export const studyTopics = sqliteTable(
  'study_topics',
  {
    pmid: integer('pmid')
      .notNull()
      .references(() => studies.pmid, { onDelete: 'cascade' }),
    topicId: text('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    foundBy: text('found_by', { enum: ['query', 'rule'] }).notNull(),
    runId: integer('run_id'),
    firstFoundAt: text('first_found_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pmid, t.topicId] }), index('study_topics_topic_idx').on(t.topicId, t.pmid)],
);

export type Topic = typeof topics.$inferSelect;

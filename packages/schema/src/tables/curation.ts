import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { studies } from './studies.ts';

/** A curator's review state for a study; never touched by ingestion or re-tagging. */
export const studyCuration = sqliteTable('study_curation', {
  pmid: integer('pmid')
    .primaryKey()
    .references(() => studies.pmid, { onDelete: 'cascade' }),
  reviewed: integer('reviewed', { mode: 'boolean' }).notNull().default(false),
  inclusion: text('inclusion', { enum: ['include', 'exclude'] }),
  updatedBy: text('updated_by').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const studyNotes = sqliteTable(
  'study_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pmid: integer('pmid')
      .notNull()
      .references(() => studies.pmid, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    author: text('author').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('study_notes_pmid_idx').on(t.pmid)],
);

/** Every curation write, append-only: who (the token's name), when, what. Survives re-ingestion. */
export const curationEvents = sqliteTable(
  'curation_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pmid: integer('pmid')
      .notNull()
      .references(() => studies.pmid, { onDelete: 'cascade' }),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('curation_events_pmid_idx').on(t.pmid, t.id)],
);

import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { studies } from './studies.ts';

/**
 * A statement the practice publishes, linked to the evidence behind it: the studies matching its
 * topics × outcomes, and the studies a writer pinned. Starter claims are inserted by migration
 * 0004 and are ordinary, editable rows afterwards.
 */
export const claims = sqliteTable('claims', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  statement: text('statement').notNull(),
  /** The statement's language (BCP 47, e.g. "nl", "en"). */
  language: text('language').notNull(),
  /** The same claim in other languages: [{ language, statement }]. */
  translations: text('translations', { mode: 'json' }).$type<{ language: string; statement: string }[]>().notNull().default(sql`'[]'`),
  topics: text('topics', { mode: 'json' }).$type<string[]>().notNull(),
  outcomes: text('outcomes', { mode: 'json' }).$type<string[]>().notNull(),
  keywords: text('keywords', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  owner: text('owner').notNull(),
  status: text('status', { enum: ['draft', 'published', 'retired'] })
    .notNull()
    .default('draft'),
  /** When someone last reviewed its evidence; studies first seen after this make it "needs review". */
  lastReviewedAt: text('last_reviewed_at'),
  lastReviewedBy: text('last_reviewed_by'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by').notNull(),
});

/** A study a writer pinned to a claim; pins survive ingestion and re-tagging. */
export const claimPins = sqliteTable(
  'claim_pins',
  {
    claimId: integer('claim_id')
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    pmid: integer('pmid')
      .notNull()
      .references(() => studies.pmid, { onDelete: 'cascade' }),
    stance: text('stance', { enum: ['supporting', 'contradicting', 'background'] }).notNull(),
    note: text('note'),
    pinnedBy: text('pinned_by').notNull(),
    pinnedAt: text('pinned_at').notNull(),
    /**
     * Place in the claim's reference list (1 = cited first): a new pin goes last, a writer moves it up
     * or down. The reference list, the citation cards and the exports number the pins in this order.
     */
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.pmid] }), index('claim_pins_pmid_idx').on(t.pmid)],
);

export type Claim = typeof claims.$inferSelect;
export type ClaimPin = typeof claimPins.$inferSelect;

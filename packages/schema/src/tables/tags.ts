import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { studies } from './studies.ts';

/**
 * Every tag on a study: outcome, design, sample size or intervention detail, from the rules or
 * from a curator. Re-tagging replaces only `source = 'rule'` rows, so curator rows survive; a
 * curator row with decision 'reject' hides the rule tag of the same kind and value.
 *
 * A curator holds one decision per target (an outcome; the design; the sample size): changing
 * one's mind replaces the row. The effective design and sample size are copied onto `studies`
 * by triggers (migration 0002), so filters need no per-row lookups.
 */
export const studyTags = sqliteTable(
  'study_tags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pmid: integer('pmid')
      .notNull()
      .references(() => studies.pmid, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['outcome', 'design', 'sample_size', 'intervention'] }).notNull(),
    /** Outcome id, design id, the sample size as digits, or an intervention parameter's value. */
    value: text('value').notNull(),
    /** Intervention parameter name (e.g. frequency_hz); null for other kinds. */
    parameter: text('parameter'),
    unit: text('unit'),
    numericValue: real('numeric_value'),
    source: text('source', { enum: ['rule', 'curator'] }).notNull(),
    /** For curator rows: assert the value, or reject the rule's tag of this kind and value. */
    decision: text('decision', { enum: ['assert', 'reject'] })
      .notNull()
      .default('assert'),
    ruleId: text('rule_id'),
    rulesetVersion: text('ruleset_version'),
    evidenceField: text('evidence_field'),
    evidenceSentence: text('evidence_sentence'),
    evidenceStart: integer('evidence_start'),
    evidenceEnd: integer('evidence_end'),
    curator: text('curator'),
    note: text('note'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    index('study_tags_pmid_idx').on(t.pmid, t.kind, t.value, t.source, t.decision),
    // Covers the effective-outcome test (source, decision) so outcome filters and facets stay in the index.
    index('study_tags_kind_value_idx').on(t.kind, t.value, t.pmid, t.source, t.decision),
    uniqueIndex('study_tags_curator_outcome_uq').on(t.pmid, t.value).where(sql`source = 'curator' AND kind = 'outcome'`),
    uniqueIndex('study_tags_curator_single_uq').on(t.pmid, t.kind).where(sql`source = 'curator' AND kind IN ('design', 'sample_size')`),
  ],
);

export type StudyTag = typeof studyTags.$inferSelect;
export type NewStudyTag = typeof studyTags.$inferInsert;

import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { FINDING_COMPARISONS, FINDING_DIRECTIONS, QUALITY_ROWS } from '../vocabulary.ts';
import { studies } from './studies.ts';

/**
 * What a study found per outcome (direction, comparison, the sentence saying so), from the rules or
 * from a curator, side by side like study_tags: re-tagging replaces only `source = 'rule'` rows, so
 * a curator's correction survives. The effective finding (the curator's if there is one) is the
 * `effective_findings` view (migration 0012), restricted to outcomes in effect.
 */
export const studyFindings = sqliteTable(
  'study_findings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pmid: integer('pmid')
      .notNull()
      .references(() => studies.pmid, { onDelete: 'cascade' }),
    outcome: text('outcome').notNull(),
    source: text('source', { enum: ['rule', 'curator'] }).notNull(),
    direction: text('direction', { enum: FINDING_DIRECTIONS }).notNull(),
    comparison: text('comparison', { enum: FINDING_COMPARISONS }),
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
    uniqueIndex('study_findings_pmid_outcome_uq').on(t.pmid, t.outcome, t.source),
    // Drives the direction filter and facet from the direction without touching the rows.
    index('study_findings_direction_idx').on(t.direction, t.outcome, t.pmid, t.source),
  ],
);

/**
 * Quality signals of a study, one row per signal and source. Rule rows are written only for
 * signals the text states (blinded also when only open-label is stated, with value 0), so an
 * absent rule row means false; a curator row (value 0 or 1) wins over the rule's. `detail` holds
 * the blinding levels as JSON. The effective value is the `effective_quality` view. The rules'
 * numbers (n_randomised, included_studies) are rows too, value = the number, never curated.
 */
export const studyQuality = sqliteTable(
  'study_quality',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pmid: integer('pmid')
      .notNull()
      .references(() => studies.pmid, { onDelete: 'cascade' }),
    signal: text('signal', { enum: QUALITY_ROWS }).notNull(),
    source: text('source', { enum: ['rule', 'curator'] }).notNull(),
    /** 1 or 0 for a yes/no signal; the number for n_randomised and included_studies. */
    value: integer('value').notNull(),
    detail: text('detail'),
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
    uniqueIndex('study_quality_pmid_signal_uq').on(t.pmid, t.signal, t.source),
    index('study_quality_signal_idx').on(t.signal, t.value, t.pmid, t.source),
  ],
);

/** Trial and review registrations the rules found (abstract, title, DataBankList), with the registry page. */
export const studyRegistrations = sqliteTable(
  'study_registrations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    pmid: integer('pmid')
      .notNull()
      .references(() => studies.pmid, { onDelete: 'cascade' }),
    registry: text('registry').notNull(),
    registrationId: text('registration_id').notNull(),
    url: text('url').notNull(),
    source: text('source', { enum: ['abstract', 'databank'] }).notNull(),
    evidenceField: text('evidence_field'),
    evidenceSentence: text('evidence_sentence'),
    evidenceStart: integer('evidence_start'),
    evidenceEnd: integer('evidence_end'),
  },
  (t) => [index('study_registrations_pmid_idx').on(t.pmid)],
);

export type StudyFinding = typeof studyFindings.$inferSelect;
export type StudyQualityRow = typeof studyQuality.$inferSelect;

import type {
  OpenedDatabase,
  RawRow,
  StudyRow,
  authors,
  curationEvents,
  studyChanges,
  studyCuration,
  studyNotes,
  studyTags,
  studyTopics,
  topics,
} from '@evidence/schema';
import { findingsOf, qualityOf } from './findings.ts';
import { LIST_COLUMNS, toListItem, type ListRow } from './list-studies.ts';
import { articleLocation } from '../citations/reference-parts.ts';
import { eLocationIds, trialRegistrations } from './record-extras.ts';

// The columns each statement below selects, typed from the drizzle tables.
type AuthorRaw = Omit<RawRow<typeof authors>, 'pmid' | 'position'>;
type TagRaw = Omit<RawRow<typeof studyTags>, 'pmid' | 'numeric_value'>;
type TopicRaw = Omit<RawRow<typeof studyTopics>, 'pmid'> & Pick<RawRow<typeof topics>, 'label'>;
type ChangeRaw = Omit<RawRow<typeof studyChanges>, 'id' | 'pmid'>;
type CurationRaw = Omit<RawRow<typeof studyCuration>, 'pmid'>;
type NoteRaw = Omit<RawRow<typeof studyNotes>, 'pmid'>;
type CurationEventRaw = Omit<RawRow<typeof curationEvents>, 'pmid'>;

const parse = <T>(json: string | null): T => (json ? JSON.parse(json) : null) as T;

/** Everything stored about one study, or null when the PMID is unknown. */
export function getStudy(database: OpenedDatabase, pmid: number) {
  const { sqlite } = database;
  const row = sqlite.prepare(`SELECT ${LIST_COLUMNS}, null AS sort_value, s.* FROM studies s WHERE s.pmid = ?`).get(pmid) as
    | (ListRow & StudyRow)
    | undefined;
  if (!row) return null;
  const authors = sqlite
    .prepare(`SELECT last_name, fore_name, initials, suffix, collective_name, orcid, affiliations, investigator, valid
    FROM authors WHERE pmid = ? ORDER BY position`)
    .all(pmid) as AuthorRaw[];
  const tags = sqlite
    .prepare(`SELECT id, kind, value, parameter, unit, source, decision, rule_id, ruleset_version, evidence_field,
      evidence_sentence, evidence_start, evidence_end, curator, note, created_at
    FROM study_tags WHERE pmid = ? ORDER BY kind, source, value`)
    .all(pmid) as TagRaw[];
  const topics = sqlite
    .prepare(`SELECT st.topic_id, st.found_by, st.run_id, st.first_found_at, t.label
    FROM study_topics st JOIN topics t ON t.id = st.topic_id WHERE st.pmid = ? ORDER BY st.topic_id`)
    .all(pmid) as TopicRaw[];
  const changes = sqlite
    .prepare(`SELECT run_id, changed_fields, changed_at FROM study_changes WHERE pmid = ? ORDER BY id`)
    .all(pmid) as ChangeRaw[];
  const curation = sqlite.prepare(`SELECT reviewed, inclusion, updated_by, updated_at FROM study_curation WHERE pmid = ?`).get(pmid) as
    | CurationRaw
    | undefined;
  const notes = sqlite.prepare(`SELECT id, body, author, created_at FROM study_notes WHERE pmid = ? ORDER BY id`).all(pmid) as NoteRaw[];
  const curationHistory = sqlite
    .prepare(`SELECT id, actor, action, payload, at FROM curation_events WHERE pmid = ? ORDER BY id`)
    .all(pmid) as CurationEventRaw[];
  const rawRecord = sqlite.prepare(`SELECT raw_record FROM study_records WHERE pmid = ? AND raw_format = 'xml'`).pluck().get(pmid) as
    | string
    | undefined;
  const corrections = parse<{ refType: string; refSource: string | null; pmid: string | null }[]>(row.comments_corrections);
  const tag = (t: TagRaw) => ({
    id: t.id as number,
    kind: t.kind as string,
    value: t.value as string,
    parameter: t.parameter as string | null,
    unit: t.unit as string | null,
    source: t.source as 'rule' | 'curator',
    decision: t.decision as 'assert' | 'reject',
    ruleId: t.rule_id as string | null,
    rulesetVersion: t.ruleset_version as string | null,
    evidence:
      t.evidence_sentence === null
        ? null
        : {
            field: t.evidence_field as string,
            sentence: t.evidence_sentence as string,
            start: t.evidence_start as number,
            end: t.evidence_end as number,
          },
    curator: t.curator as string | null,
    note: t.note as string | null,
    createdAt: t.created_at as string,
  });
  return {
    ...toListItem(row),
    pmidVersion: row.pmid_version as number,
    kind: row.kind as string,
    vernacularTitle: row.vernacular_title as string | null,
    abstract: row.abstract as string | null,
    abstractMarkup: row.abstract_markup as string | null,
    abstractSections: parse<{ label: string | null; nlmCategory: string | null; text: string; markup: string }[]>(row.abstract_sections),
    otherAbstracts: parse<unknown[]>(row.other_abstracts),
    copyright: row.copyright as string | null,
    issn: row.issn as string | null,
    publicationDate: {
      year: row.pub_year,
      month: row.pub_month,
      day: row.pub_day,
      season: row.pub_season,
      medlineDate: row.pub_medline_date,
      sortable: row.pub_date_sort,
    },
    electronicDate: row.electronic_date as string | null,
    languages: parse<string[]>(row.languages),
    articleIds: parse<{ type: string; value: string }[]>(row.article_ids),
    publicationTypes: parse<{ name: string; ui: string | null }[]>(row.publication_types),
    mesh: parse<unknown[]>(row.mesh),
    keywords: parse<unknown[]>(row.keywords),
    corrections,
    authors: authors.map((a) => ({
      lastName: a.last_name,
      foreName: a.fore_name,
      initials: a.initials,
      suffix: a.suffix,
      collectiveName: a.collective_name,
      orcid: a.orcid,
      affiliations: JSON.parse(a.affiliations) as string[],
      investigator: a.investigator === 1,
      valid: a.valid === 1,
    })),
    topicMemberships: topics.map((t) => ({
      topic: t.topic_id as string,
      label: t.label as string,
      foundBy: t.found_by as string,
      runId: t.run_id as number | null,
      firstFoundAt: t.first_found_at as string,
    })),
    tags: tags.map(tag),
    findings: findingsOf(database, pmid),
    quality: qualityOf(database, pmid),
    changes: changes.map((c) => ({
      runId: c.run_id as number | null,
      fields: JSON.parse(c.changed_fields) as string[],
      changedAt: c.changed_at as string,
    })),
    curation: curation
      ? {
          reviewed: curation.reviewed === 1,
          inclusion: curation.inclusion as string | null,
          updatedBy: curation.updated_by as string,
          updatedAt: curation.updated_at as string,
        }
      : null,
    notes: notes.map((n) => ({
      id: n.id as number,
      body: n.body as string,
      author: n.author as string,
      createdAt: n.created_at as string,
    })),
    /** Every curator write, oldest first: who, when, what (the write's request body). */
    curationHistory: curationHistory.map((e) => ({
      id: e.id as number,
      actor: e.actor as string,
      action: e.action as string,
      details: JSON.parse(e.payload) as Record<string, unknown>,
      at: e.at as string,
    })),
    trialRegistrations: trialRegistrations(rawRecord),
    /** Pages, or the article number an online-only article has instead (the citations' rule). */
    location: articleLocation({ pages: row.pages, eLocationIds: eLocationIds(rawRecord) }),
    origin: row.origin as string,
    deletedAt: row.deleted_at as string | null,
    lastUpdatedAt: row.last_updated_at as string,
    rulesetVersion: row.tagged_ruleset_version as string | null,
  };
}

/**
 * A study's stored findings and quality signals as the API serves them: the effective value (a
 * curator's if there is one, else the rules') with its source, the rules' value beside a curator's,
 * and the evidence sentence. Written at tagging time (packages/ingest/src/findings-writer.ts); no
 * request runs the tagger.
 */
import type { OpenedDatabase } from '@evidence/schema';
import type { BlindingValue, FindingComparison, FindingDirection, QualitySignalId } from '@evidence/schema/vocabulary';
import { perDatabase } from './per-database.ts';

interface EvidenceRaw {
  evidence_field: string | null;
  evidence_sentence: string | null;
  evidence_start: number | null;
  evidence_end: number | null;
}
interface FindingRaw extends EvidenceRaw {
  outcome: string;
  source: 'rule' | 'curator';
  direction: FindingDirection;
  comparison: FindingComparison | null;
  curator: string | null;
  note: string | null;
  created_at: string;
}
interface QualityRaw extends EvidenceRaw {
  signal: QualitySignalId | 'n_randomised' | 'included_studies';
  source: 'rule' | 'curator';
  value: number;
  detail: string | null;
  curator: string | null;
  note: string | null;
  created_at: string;
}
interface RegistrationRaw extends EvidenceRaw {
  registry: string;
  registration_id: string;
  url: string;
  source: 'abstract' | 'databank';
}

const evidenceOf = (r: EvidenceRaw) =>
  r.evidence_sentence === null
    ? null
    : { field: r.evidence_field!, sentence: r.evidence_sentence, start: r.evidence_start!, end: r.evidence_end! };

/** The yes/no signals in the order (and under the names) the API gives them. */
const SIGNAL_NAMES = {
  randomised: 'randomised',
  blinded: 'blinded',
  sham: 'shamOrPlacebo',
  active_comparator: 'activeComparator',
  registered: 'registered',
} as const satisfies Record<QualitySignalId, string>;

const statements = perDatabase((database: OpenedDatabase) => {
  const { sqlite } = database;
  return {
    // Findings of the outcomes in effect only (a rejected outcome's finding is not shown).
    findings: sqlite.prepare(`SELECT f.outcome, f.source, f.direction, f.comparison, f.evidence_field, f.evidence_sentence,
        f.evidence_start, f.evidence_end, f.curator, f.note, f.created_at
      FROM study_findings f
      WHERE f.pmid = ? AND EXISTS (SELECT 1 FROM effective_outcomes e WHERE e.pmid = f.pmid AND e.outcome = f.outcome)
      ORDER BY f.outcome, f.source`),
    quality: sqlite.prepare(`SELECT signal, source, value, detail, evidence_field, evidence_sentence, evidence_start, evidence_end,
        curator, note, created_at FROM study_quality WHERE pmid = ? ORDER BY signal, source`),
    registrations: sqlite.prepare(`SELECT registry, registration_id, url, source, evidence_field, evidence_sentence, evidence_start,
        evidence_end FROM study_registrations WHERE pmid = ? ORDER BY id`),
  };
});

/** Per outcome in effect: the finding in effect, its source, and the rules' finding when a curator overrode it. */
export function findingsOf(database: OpenedDatabase, pmid: number) {
  const rows = statements(database).findings.all(pmid) as FindingRaw[];
  const byOutcome = new Map<string, { rule?: FindingRaw; curator?: FindingRaw }>();
  for (const row of rows) byOutcome.set(row.outcome, { ...byOutcome.get(row.outcome), [row.source]: row });
  return [...byOutcome.entries()].map(([outcome, { rule, curator }]) => {
    const effective = (curator ?? rule)!;
    return {
      outcome,
      direction: effective.direction,
      comparison: effective.comparison,
      source: effective.source,
      // The rules' sentence stays the evidence: a curator's correction says what it means, not where.
      evidence: rule ? evidenceOf(rule) : null,
      rule: curator && rule ? { direction: rule.direction, comparison: rule.comparison } : null,
      curator: curator ? { by: curator.curator, note: curator.note, at: curator.created_at } : null,
    };
  });
}

/** The quality signals in effect (absent: false), the rules' numbers and the registrations. */
export function qualityOf(database: OpenedDatabase, pmid: number) {
  const { quality, registrations } = statements(database);
  const rows = quality.all(pmid) as QualityRaw[];
  const find = (signal: QualityRaw['signal'], source: 'rule' | 'curator') => rows.find((r) => r.signal === signal && r.source === source);
  const signal = (id: QualitySignalId) => {
    const rule = find(id, 'rule');
    const curator = find(id, 'curator');
    const effective = curator ?? rule;
    return {
      value: effective?.value === 1,
      source: curator ? ('curator' as const) : ('rule' as const),
      evidence: rule ? evidenceOf(rule) : null,
      ruleValue: curator ? rule?.value === 1 : null,
      curator: curator ? { by: curator.curator, note: curator.note, at: curator.created_at } : null,
    };
  };
  const number = (id: 'n_randomised' | 'included_studies') => {
    const rule = find(id, 'rule');
    return { value: rule ? rule.value : null, evidence: rule ? evidenceOf(rule) : null };
  };
  const blindingRow = find('blinded', 'rule');
  const signals = Object.fromEntries(
    (Object.entries(SIGNAL_NAMES) as [QualitySignalId, string][]).map(([id, name]) => [name, signal(id)]),
  ) as Record<(typeof SIGNAL_NAMES)[QualitySignalId], ReturnType<typeof signal>>;
  return {
    ...signals,
    /** What the text says about blinding (levels or who, or open_label), whatever a curator decided about `blinded`. */
    blinding: blindingRow?.detail ? (JSON.parse(blindingRow.detail) as BlindingValue[]) : null,
    nRandomisedOrEnrolled: number('n_randomised'),
    includedStudies: number('included_studies'),
    registrations: (registrations.all(pmid) as RegistrationRaw[]).map((r) => ({
      registry: r.registry,
      id: r.registration_id,
      url: r.url,
      source: r.source,
      evidence: evidenceOf(r),
    })),
  };
}

/** A list item's compact findings: outcome in effect → direction in effect (as JSON, for LIST_COLUMNS). */
export const FINDINGS_SUMMARY_COLUMN = `(SELECT json_group_object(outcome, direction) FROM (SELECT f.outcome, f.direction
  FROM effective_findings f WHERE f.pmid = s.pmid ORDER BY f.outcome)) AS findings_json`;

// Synthetic studies for the digest tests (PMIDs from 90000000, "[Fixture]" titles), written straight
// into a real SQLite file with the first-seen times, design, sample size and findings a test needs.
import { insertStudy } from '@evidence/schema/testing';
import type { OpenedDatabase } from '@evidence/schema';

export const TOPIC = 'fixture_topic';

export interface FixtureStudy {
  pmid: number;
  firstSeenAt: string;
  outcome?: string;
  direction?: string;
  design?: string;
  sampleSize?: number;
  journal?: string;
  year?: number;
}

export function addStudy(opened: OpenedDatabase, study: FixtureStudy): void {
  insertStudy(opened, {
    pmid: study.pmid,
    journalTitle: study.journal ?? 'Journal of Fixtures',
    pubYear: study.year ?? 2030,
    topics: [TOPIC],
  });
  const { sqlite } = opened;
  const at = study.firstSeenAt;
  if (study.outcome) {
    sqlite
      .prepare("INSERT INTO study_tags (pmid, kind, value, source, decision, created_at) VALUES (?, 'outcome', ?, 'rule', 'assert', ?)")
      .run(study.pmid, study.outcome, at);
    if (study.direction)
      sqlite
        .prepare(
          "INSERT INTO study_findings (pmid, outcome, source, direction, comparison, created_at) VALUES (?, ?, 'rule', ?, 'vs_control', ?)",
        )
        .run(study.pmid, study.outcome, study.direction, at);
  }
  sqlite
    .prepare('UPDATE studies SET first_seen_at = ?, design = ?, sample_size = ? WHERE pmid = ?')
    .run(at, study.design ?? null, study.sampleSize ?? null, study.pmid);
}

export function addSubscription(
  opened: OpenedDatabase,
  s: { email: string; language: 'en' | 'nl'; frequency?: 'daily' | 'weekly'; filter?: string; claimId?: number; since: string },
): number {
  return Number(
    opened.sqlite
      .prepare(`INSERT INTO subscriptions (email, language, frequency, filter, claim_id, created_by, created_at, updated_at, watermark)
      VALUES (?, ?, ?, ?, ?, 'test', ?, ?, ?)`)
      .run(
        s.email,
        s.language,
        s.frequency ?? 'daily',
        s.claimId === undefined ? (s.filter ?? '') : null,
        s.claimId ?? null,
        s.since,
        s.since,
        s.since,
      ).lastInsertRowid,
  );
}

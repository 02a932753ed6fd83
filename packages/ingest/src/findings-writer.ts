import type { OpenedDatabase } from '@evidence/schema';
import type { Evidence, StudyTags } from '@evidence/tagger';
import { multiRowInsert } from './multi-row-insert.ts';

/**
 * Stores a tagging's findings, quality signals and registrations as rule rows (study_findings,
 * study_quality, study_registrations), beside the tags. Curator rows are never touched, so a
 * curator's corrections survive every re-tag and re-ingestion. Rows are rewritten only when they
 * differ from the stored ones: an unchanged re-tag costs three indexed reads per study.
 */
export function createFindingsWriter(opened: OpenedDatabase) {
  const { sqlite } = opened;
  const selectFindings = sqlite
    .prepare(`SELECT outcome, direction, comparison, evidence_field, evidence_start, evidence_end FROM study_findings
      WHERE pmid = ? AND source = 'rule' ORDER BY outcome`)
    .raw();
  const selectQuality = sqlite
    .prepare(`SELECT signal, value, detail, evidence_field, evidence_start, evidence_end FROM study_quality
      WHERE pmid = ? AND source = 'rule' ORDER BY signal`)
    .raw();
  const selectRegistrations = sqlite
    .prepare(`SELECT registry, registration_id, source, evidence_field, evidence_start, evidence_end FROM study_registrations
      WHERE pmid = ? ORDER BY id`)
    .raw();
  const deleteFindings = sqlite.prepare(`DELETE FROM study_findings WHERE pmid = ? AND source = 'rule'`);
  const deleteQuality = sqlite.prepare(`DELETE FROM study_quality WHERE pmid = ? AND source = 'rule'`);
  const deleteRegistrations = sqlite.prepare(`DELETE FROM study_registrations WHERE pmid = ?`);
  const stampFindings = sqlite.prepare(`UPDATE study_findings SET ruleset_version = ? WHERE pmid = ? AND source = 'rule'`);
  const stampQuality = sqlite.prepare(`UPDATE study_quality SET ruleset_version = ? WHERE pmid = ? AND source = 'rule'`);
  const insertFindings = multiRowInsert(
    sqlite,
    `INSERT INTO study_findings (pmid, outcome, source, direction, comparison, ruleset_version, evidence_field, evidence_sentence,
      evidence_start, evidence_end, created_at)`,
    "(?, ?, 'rule', ?, ?, ?, ?, ?, ?, ?, ?)",
    200,
  );
  const insertQuality = multiRowInsert(
    sqlite,
    `INSERT INTO study_quality (pmid, signal, source, value, detail, ruleset_version, evidence_field, evidence_sentence,
      evidence_start, evidence_end, created_at)`,
    "(?, ?, 'rule', ?, ?, ?, ?, ?, ?, ?, ?)",
    200,
  );
  const insertRegistrations = multiRowInsert(
    sqlite,
    `INSERT INTO study_registrations (pmid, registry, registration_id, url, source, evidence_field, evidence_sentence,
      evidence_start, evidence_end)`,
    '(?, ?, ?, ?, ?, ?, ?, ?, ?)',
    200,
  );

  const where = (e: Evidence | null) => [e?.field ?? null, e?.start ?? null, e?.end ?? null];
  const sentence = (e: Evidence | null) => e?.sentence ?? null;

  return {
    /**
     * Must run inside the caller's transaction. Returns the row kinds whose meaning changed
     * ('finding': an outcome's direction or comparison; 'quality': a signal's value or a
     * registration) and how many such rows were added or removed.
     */
    write(pmid: number, tagging: StudyTags, now: string, isNew: boolean): { changed: number; kinds: string[] } {
      const version = tagging.rulesetVersion;
      const findings = [...tagging.findings].sort((a, b) => (a.outcome < b.outcome ? -1 : a.outcome > b.outcome ? 1 : 0));
      const nextFindings = findings.map((f) => [f.outcome, f.direction, f.comparison, ...where(f.evidence)]);
      const quality = qualityRows(tagging);
      const nextQuality = quality.map((q) => [q.signal, q.value, q.detail, ...where(q.evidence)]);
      const registrations = tagging.quality.registrations;
      const nextRegistrations = registrations.map((r) => [r.registry, r.id, r.source, ...where(r.evidence)]);

      const storedFindings = isNew ? [] : (selectFindings.all(pmid) as unknown[][]);
      const storedQuality = isNew ? [] : (selectQuality.all(pmid) as unknown[][]);
      const storedRegistrations = isNew ? [] : (selectRegistrations.all(pmid) as unknown[][]);

      let changed = 0;
      const kinds: string[] = [];
      // Meaning: the first columns (outcome, direction, comparison; signal, value, detail; registry, id).
      const findingsChanged = difference(storedFindings, nextFindings, 3);
      const qualityChanged = difference(storedQuality, nextQuality, 3) + difference(storedRegistrations, nextRegistrations, 2);
      changed += findingsChanged + qualityChanged;
      if (findingsChanged) kinds.push('finding');
      if (qualityChanged) kinds.push('quality');

      if (sameRows(storedFindings, nextFindings)) stampFindings.run(version, pmid);
      else {
        if (storedFindings.length) deleteFindings.run(pmid);
        insertFindings(
          findings.map((f) => [
            pmid,
            f.outcome,
            f.direction,
            f.comparison,
            version,
            f.evidence?.field ?? null,
            sentence(f.evidence),
            f.evidence?.start ?? null,
            f.evidence?.end ?? null,
            now,
          ]),
        );
      }
      if (sameRows(storedQuality, nextQuality)) stampQuality.run(version, pmid);
      else {
        if (storedQuality.length) deleteQuality.run(pmid);
        insertQuality(
          quality.map((q) => [
            pmid,
            q.signal,
            q.value,
            q.detail,
            version,
            q.evidence?.field ?? null,
            sentence(q.evidence),
            q.evidence?.start ?? null,
            q.evidence?.end ?? null,
            now,
          ]),
        );
      }
      if (!sameRows(storedRegistrations, nextRegistrations)) {
        if (storedRegistrations.length) deleteRegistrations.run(pmid);
        insertRegistrations(
          registrations.map((r) => [
            pmid,
            r.registry,
            r.id,
            r.url,
            r.source,
            r.evidence?.field ?? null,
            sentence(r.evidence),
            r.evidence?.start ?? null,
            r.evidence?.end ?? null,
          ]),
        );
      }
      return { changed, kinds };
    },
  };
}

interface QualityRow {
  signal: string;
  value: number;
  detail: string | null;
  evidence: Evidence | null;
}

/**
 * The study_quality rule rows of a tagging, sorted by signal: a row for each yes/no signal the
 * rules found true (blinded also when only open-label is stated, value 0, so its wording is kept),
 * `registered` when there is a registration, and the rules' numbers when stated.
 */
function qualityRows(tagging: StudyTags): QualityRow[] {
  const q = tagging.quality;
  const rows: QualityRow[] = [];
  if (q.activeComparator.value) rows.push({ signal: 'active_comparator', value: 1, detail: null, evidence: q.activeComparator.evidence });
  if (q.blinded.value)
    rows.push({
      signal: 'blinded',
      value: q.blinded.value.some((b) => b !== 'open_label') ? 1 : 0,
      detail: JSON.stringify(q.blinded.value),
      evidence: q.blinded.evidence,
    });
  if (q.includedStudies.value !== null)
    rows.push({ signal: 'included_studies', value: q.includedStudies.value, detail: null, evidence: q.includedStudies.evidence });
  if (q.nRandomisedOrEnrolled.value !== null)
    rows.push({ signal: 'n_randomised', value: q.nRandomisedOrEnrolled.value, detail: null, evidence: q.nRandomisedOrEnrolled.evidence });
  if (q.randomised.value) rows.push({ signal: 'randomised', value: 1, detail: null, evidence: q.randomised.evidence });
  if (q.registrations.length) rows.push({ signal: 'registered', value: 1, detail: null, evidence: q.registrations[0]!.evidence });
  if (q.shamOrPlacebo.value) rows.push({ signal: 'sham', value: 1, detail: null, evidence: q.shamOrPlacebo.evidence });
  return rows;
}

/** How many rows, by their first `width` columns, are in one list and not the other. */
function difference(stored: unknown[][], next: unknown[][], width: number): number {
  const key = (r: unknown[]) => JSON.stringify(r.slice(0, width));
  const before = new Set(stored.map(key));
  const after = new Set(next.map(key));
  let n = 0;
  for (const k of after) if (!before.has(k)) n++;
  for (const k of before) if (!after.has(k)) n++;
  return n;
}

/** Same rows in the same order (both sorted the same way), column for column. */
function sameRows(stored: unknown[][], next: unknown[][]): boolean {
  if (stored.length !== next.length) return false;
  for (let i = 0; i < stored.length; i++) {
    const a = stored[i]!;
    const b = next[i]!;
    for (let j = 0; j < b.length; j++) if (a[j] !== b[j]) return false;
  }
  return true;
}

import type { OpenedDatabase } from '@evidence/schema';
import type { DesignId, FindingComparison, FindingDirection, OutcomeId, QualitySignalId } from '@evidence/schema/vocabulary';
import { InvalidParameter, NotFound } from '../domain-errors.ts';
import { perDatabase } from './per-database.ts';

type TagDecision =
  | { kind: 'outcome'; value: OutcomeId; action: 'add' | 'remove'; note?: string }
  | { kind: 'design'; value: DesignId; note?: string }
  | { kind: 'sample_size'; value: number | null; note?: string };

interface FindingCorrection {
  direction: FindingDirection;
  comparison?: FindingComparison | null;
  note?: string;
}

interface QualityCorrection {
  value: boolean;
  note?: string;
}

interface CurationUpdate {
  reviewed?: boolean;
  inclusion?: 'include' | 'exclude' | null;
}

/**
 * Curation writes. Each runs in one transaction and appends to curation_events (who, when, what).
 * They touch only curator rows, which ingestion and re-tagging never modify.
 */
function createCurator(database: OpenedDatabase) {
  const { sqlite } = database;
  const exists = sqlite.prepare('SELECT 1 FROM studies WHERE pmid = ?').pluck();
  const logEvent = sqlite.prepare('INSERT INTO curation_events (pmid, actor, action, payload, at) VALUES (?, ?, ?, ?, ?)');
  const deleteCuratorTag = sqlite.prepare(
    `DELETE FROM study_tags WHERE pmid = ? AND source = 'curator' AND kind = ? AND (kind <> 'outcome' OR value = ?)`,
  );
  const insertCuratorTag =
    sqlite.prepare(`INSERT INTO study_tags (pmid, kind, value, numeric_value, source, decision, curator, note, created_at)
    VALUES (?, ?, ?, ?, 'curator', ?, ?, ?, ?)`);
  const upsertCuration =
    sqlite.prepare(`INSERT INTO study_curation (pmid, reviewed, inclusion, updated_by, updated_at) VALUES (@pmid, @reviewed, @inclusion, @actor, @at)
    ON CONFLICT (pmid) DO UPDATE SET reviewed = @reviewed, inclusion = @inclusion, updated_by = @actor, updated_at = @at`);
  const selectCuration = sqlite.prepare('SELECT reviewed, inclusion FROM study_curation WHERE pmid = ?');
  const outcomeInEffect = sqlite.prepare('SELECT 1 FROM effective_outcomes WHERE pmid = ? AND outcome = ?').pluck();
  const deleteCuratorFinding = sqlite.prepare(`DELETE FROM study_findings WHERE pmid = ? AND outcome = ? AND source = 'curator'`);
  const ruleComparison = sqlite.prepare(`SELECT comparison FROM study_findings WHERE pmid = ? AND outcome = ? AND source = 'rule'`).pluck();
  const insertCuratorFinding =
    sqlite.prepare(`INSERT INTO study_findings (pmid, outcome, source, direction, comparison, curator, note, created_at)
    VALUES (?, ?, 'curator', ?, ?, ?, ?, ?)`);
  const deleteCuratorSignal = sqlite.prepare(`DELETE FROM study_quality WHERE pmid = ? AND signal = ? AND source = 'curator'`);
  const insertCuratorSignal = sqlite.prepare(`INSERT INTO study_quality (pmid, signal, source, value, curator, note, created_at)
    VALUES (?, ?, 'curator', ?, ?, ?, ?)`);
  const insertNote = sqlite.prepare('INSERT INTO study_notes (pmid, body, author, created_at) VALUES (?, ?, ?, ?)');
  const deleteNote = sqlite.prepare('DELETE FROM study_notes WHERE id = ? AND pmid = ?');

  const mustExist = (pmid: number) => {
    if (!exists.get(pmid)) throw new NotFound(`No study with PMID ${pmid}`);
  };

  // Immediate transactions: each write reads first (does the study exist?), and a deferred
  // transaction that read before another connection committed fails at once with SQLITE_BUSY_SNAPSHOT
  // instead of waiting for the lock (busy.integration.test.ts).
  return {
    /** A curator's decision on one tag; it replaces their earlier decision on the same target. */
    decideTag: sqlite.transaction((pmid: number, decision: TagDecision, actor: string, at: string) => {
      mustExist(pmid);
      const value = decision.value === null ? '' : String(decision.value);
      deleteCuratorTag.run(pmid, decision.kind, value);
      const verdict =
        decision.kind === 'outcome'
          ? decision.action === 'add'
            ? 'assert'
            : 'reject'
          : decision.kind === 'sample_size' && decision.value === null
            ? 'reject'
            : 'assert';
      insertCuratorTag.run(
        pmid,
        decision.kind,
        value,
        typeof decision.value === 'number' ? decision.value : null,
        verdict,
        actor,
        decision.note ?? null,
        at,
      );
      logEvent.run(pmid, actor, 'tag', JSON.stringify(decision), at);
    }).immediate,
    /** Withdraws a curator's decision so the rules' value applies again. */
    withdrawTag: sqlite.transaction(
      (pmid: number, kind: 'outcome' | 'design' | 'sample_size', value: string, actor: string, at: string) => {
        mustExist(pmid);
        const removed = deleteCuratorTag.run(pmid, kind, value).changes;
        if (removed === 0) throw new NotFound(`No curator decision on ${kind}${kind === 'outcome' ? ` ${value}` : ''} for PMID ${pmid}`);
        logEvent.run(pmid, actor, 'withdraw_tag', JSON.stringify({ kind, value }), at);
      },
    ).immediate,
    /**
     * A curator's direction (and comparison) for one outcome's finding; it replaces their earlier one.
     * Without a comparison, the rules' comparison is kept (a corrected direction rarely changes it).
     */
    correctFinding: sqlite.transaction((pmid: number, outcome: OutcomeId, correction: FindingCorrection, actor: string, at: string) => {
      mustExist(pmid);
      if (!outcomeInEffect.get(pmid, outcome))
        throw new InvalidParameter('outcome', `outcome: ${outcome} is not an outcome of PMID ${pmid}; add it as a tag first`);
      const comparison =
        correction.comparison !== undefined
          ? correction.comparison
          : ((ruleComparison.get(pmid, outcome) as string | null | undefined) ?? null);
      deleteCuratorFinding.run(pmid, outcome);
      insertCuratorFinding.run(pmid, outcome, correction.direction, comparison, actor, correction.note ?? null, at);
      logEvent.run(pmid, actor, 'finding', JSON.stringify({ outcome, ...correction, comparison }), at);
    }).immediate,
    /** Withdraws a curator's finding so the rules' finding applies again. */
    withdrawFinding: sqlite.transaction((pmid: number, outcome: OutcomeId, actor: string, at: string) => {
      mustExist(pmid);
      if (deleteCuratorFinding.run(pmid, outcome).changes === 0) throw new NotFound(`No curator finding for ${outcome} on PMID ${pmid}`);
      logEvent.run(pmid, actor, 'withdraw_finding', JSON.stringify({ outcome }), at);
    }).immediate,
    /** A curator's value for a quality signal; it replaces their earlier one. */
    correctQuality: sqlite.transaction(
      (pmid: number, signal: QualitySignalId, correction: QualityCorrection, actor: string, at: string) => {
        mustExist(pmid);
        deleteCuratorSignal.run(pmid, signal);
        insertCuratorSignal.run(pmid, signal, correction.value ? 1 : 0, actor, correction.note ?? null, at);
        logEvent.run(pmid, actor, 'quality', JSON.stringify({ signal, ...correction }), at);
      },
    ).immediate,
    /** Withdraws a curator's value so the rules' applies again. */
    withdrawQuality: sqlite.transaction((pmid: number, signal: QualitySignalId, actor: string, at: string) => {
      mustExist(pmid);
      if (deleteCuratorSignal.run(pmid, signal).changes === 0) throw new NotFound(`No curator value for ${signal} on PMID ${pmid}`);
      logEvent.run(pmid, actor, 'withdraw_quality', JSON.stringify({ signal }), at);
    }).immediate,
    setCuration: sqlite.transaction((pmid: number, update: CurationUpdate, actor: string, at: string) => {
      mustExist(pmid);
      const current = selectCuration.get(pmid) as { reviewed: number; inclusion: string | null } | undefined;
      upsertCuration.run({
        pmid,
        actor,
        at,
        reviewed: (update.reviewed ?? current?.reviewed === 1) ? 1 : 0,
        inclusion: update.inclusion !== undefined ? update.inclusion : (current?.inclusion ?? null),
      });
      logEvent.run(pmid, actor, 'curation', JSON.stringify(update), at);
    }).immediate,
    addNote: sqlite.transaction((pmid: number, body: string, actor: string, at: string) => {
      mustExist(pmid);
      const id = Number(insertNote.run(pmid, body, actor, at).lastInsertRowid);
      logEvent.run(pmid, actor, 'note', JSON.stringify({ id, body }), at);
      return id;
    }).immediate,
    deleteNote: sqlite.transaction((pmid: number, noteId: number, actor: string, at: string) => {
      mustExist(pmid);
      if (deleteNote.run(noteId, pmid).changes === 0) throw new NotFound(`No note ${noteId} on PMID ${pmid}`);
      logEvent.run(pmid, actor, 'delete_note', JSON.stringify({ id: noteId }), at);
    }).immediate,
  };
}

/** The curator of a database, its statements prepared on first use. */
export const curatorFor = perDatabase(createCurator);

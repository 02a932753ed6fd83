/**
 * Curator overrides. Decisions are stored by the DB layer; this pure helper merges them with the
 * rule tags. A decision always wins over the rules (re-tagging never undoes it), and both the
 * automatic value and the curated value stay visible.
 */
import { OUTCOME_TAG, outcomeInEffect, outcomeTagBit } from '@evidence/schema/effective-outcome';
import type { DesignId, OutcomeId } from '@evidence/schema/vocabulary';
import type { Evidence, StudyTags } from './types.ts';

export type CuratorDecision =
  | { kind: 'outcome'; action: 'add' | 'remove'; outcome: OutcomeId; curator: string; decidedAt?: string; note?: string }
  | { kind: 'design'; action: 'set'; value: DesignId; curator: string; decidedAt?: string; note?: string }
  | { kind: 'sample_size'; action: 'set'; value: number | null; curator: string; decidedAt?: string; note?: string };

export interface DecidedBy { source: 'rule' | 'curator'; ruleId: string | null; curator: string | null; decidedAt: string | null; note: string | null }

export interface EffectiveOutcome {
  outcome: OutcomeId;
  /** true when the outcome is part of the effective tag set. */
  present: boolean;
  /** What the rules say (null: the rules did not tag it). */
  ruleValue: { present: boolean; evidence: Evidence | null };
  decidedBy: DecidedBy;
}

export interface EffectiveValue<T> { value: T; ruleValue: T; ruleEvidence: Evidence | null; decidedBy: DecidedBy }

export interface EffectiveTags {
  /** All outcomes that the rules or a curator mentioned; filter on `present` for the effective set. */
  outcomes: EffectiveOutcome[];
  design: EffectiveValue<DesignId>;
  sampleSize: EffectiveValue<number | null>;
  rulesetVersion: string;
}

const ruleBy = (ruleId: string | null): DecidedBy => ({ source: 'rule', ruleId, curator: null, decidedAt: null, note: null });
const curatorBy = (d: CuratorDecision): DecidedBy => ({ source: 'curator', ruleId: null, curator: d.curator, decidedAt: d.decidedAt ?? null, note: d.note ?? null });

/** Later decisions (array order) win over earlier ones for the same target. */
export function applyCuratorDecisions(ruleTags: Pick<StudyTags, 'outcomes' | 'design' | 'sampleSize' | 'rulesetVersion'>, decisions: readonly CuratorDecision[]): EffectiveTags {
  const outcomes = new Map<OutcomeId, EffectiveOutcome>();
  for (const t of ruleTags.outcomes) {
    outcomes.set(t.outcome, { outcome: t.outcome, present: outcomeInEffect(OUTCOME_TAG.RULE), ruleValue: { present: true, evidence: t.evidence }, decidedBy: ruleBy(t.evidence.ruleId) });
  }
  const design: EffectiveValue<DesignId> = {
    value: ruleTags.design.design, ruleValue: ruleTags.design.design, ruleEvidence: ruleTags.design.evidence,
    decidedBy: ruleBy(ruleTags.design.evidence?.ruleId ?? 'design.fallback'),
  };
  const ss = ruleTags.sampleSize;
  const sampleSize: EffectiveValue<number | null> = {
    value: ss ? ss.value : null, ruleValue: ss ? ss.value : null, ruleEvidence: ss ? ss.evidence : null,
    decidedBy: ruleBy(ss ? ss.evidence.ruleId : null),
  };
  for (const d of decisions) {
    if (d.kind === 'outcome') {
      const cur = outcomes.get(d.outcome) ?? { outcome: d.outcome, present: false, ruleValue: { present: false, evidence: null }, decidedBy: ruleBy(null) };
      // Only the latest decision counts: the rule's bit plus this decision's, never an earlier one's.
      const bits = (cur.ruleValue.present ? OUTCOME_TAG.RULE : 0) | outcomeTagBit('curator', d.action === 'add' ? 'assert' : 'reject');
      outcomes.set(d.outcome, { ...cur, present: outcomeInEffect(bits), decidedBy: curatorBy(d) });
    } else if (d.kind === 'design') {
      design.value = d.value;
      design.decidedBy = curatorBy(d);
    } else {
      sampleSize.value = d.value;
      sampleSize.decidedBy = curatorBy(d);
    }
  }
  return { outcomes: [...outcomes.values()], design, sampleSize, rulesetVersion: ruleTags.rulesetVersion };
}

/**
 * Whether an outcome is in effect for a study, from its outcome tags: a curator's decision (assert
 * or reject) wins; without one, a rule tag puts the outcome in effect. This is the one TypeScript
 * form of the rule. Its one SQL form is the `effective_outcomes` view (migration 0002), which every
 * query reads; effective-outcome.test.ts holds the two to each other. No imports: the tagger and
 * the API's study index both use it.
 */

/** What one `study_tags` row says about an outcome; OR the bits of all a study's rows for that outcome. */
export const OUTCOME_TAG = { RULE: 1, CURATOR_ASSERT: 2, CURATOR_REJECT: 4 } as const;

/** The bit of one outcome tag row (source, decision); a rule row counts whatever its decision. */
export function outcomeTagBit(source: 'rule' | 'curator', decision: 'assert' | 'reject'): number {
  if (source === 'rule') return OUTCOME_TAG.RULE;
  return decision === 'assert' ? OUTCOME_TAG.CURATOR_ASSERT : OUTCOME_TAG.CURATOR_REJECT;
}

/** The rule itself, over the OR of a study's tag bits for one outcome. */
export function outcomeInEffect(bits: number): boolean {
  if (bits & (OUTCOME_TAG.CURATOR_ASSERT | OUTCOME_TAG.CURATOR_REJECT)) return (bits & OUTCOME_TAG.CURATOR_ASSERT) !== 0;
  return (bits & OUTCOME_TAG.RULE) !== 0;
}

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateReal, evaluateTyped, SAMPLES } from './real.ts';
import { evaluate, loadSet, report } from './run.ts';

/**
 * The targets as a regression floor, on both held-out sets: `heldout` (the even half of
 * the set the rule author wrote) and `blind` (written and labelled by someone who never saw the
 * rules; the honest figure). Neither is used for tuning.
 */
describe.each(['heldout', 'blind'] as const)('%s evaluation (regression floor)', (name) => {
  const res = evaluate(name, loadSet(name));
  console.log(report(res, 0));
  it('outcome micro-F1 >= 0.85 and every outcome >= 0.70', () => {
    expect(res.microF1).toBeGreaterThanOrEqual(0.85);
    for (const [o, c] of Object.entries(res.perOutcome)) expect(c.f1, o).toBeGreaterThanOrEqual(0.7);
  });
  it('design accuracy >= 0.90', () => expect(res.designAcc).toBeGreaterThanOrEqual(0.9));
  it('sample size exact >= 0.80', () => expect(res.sampleExact).toBeGreaterThanOrEqual(0.8));
});

/**
 * Floors on real PubMed text (eval/real.ts), at or below what was measured when publication types
 * came first (ADR 0011). Skipped when ../shared/pubmed-samples is absent.
 */
describe.skipIf(!existsSync(SAMPLES))('real PubMed records (regression floor)', () => {
  it('hand-labelled set: design with types >= 0.62, from text alone >= 0.52, RCT recall >= 0.95', { timeout: 120_000 }, () => {
    const res = evaluateReal()!;
    expect(res.designWithTypes.accuracy).toBeGreaterThanOrEqual(0.62);
    expect(res.designTextOnly.accuracy).toBeGreaterThanOrEqual(0.52);
    expect(res.designWithTypes.perClass.rct!.r).toBeGreaterThanOrEqual(0.95);
    expect(res.designWithTypes.perClass.non_research!.r).toBeGreaterThanOrEqual(0.99);
  });
  it('every record with an informative PubMed type: design with types >= 0.94, text alone >= 0.45; fallback <= 0.38 of the corpus', {
    timeout: 120_000,
  }, () => {
    const res = evaluateTyped()!;
    expect(res.withTypes.accuracy).toBeGreaterThanOrEqual(0.94);
    expect(res.textOnly.accuracy).toBeGreaterThanOrEqual(0.45);
    expect(res.withTypes.perClass.rct!.r).toBeGreaterThanOrEqual(0.95);
    expect(res.withTypes.perClass.non_research!.r).toBeGreaterThanOrEqual(0.99);
    expect(res.fallbackDesign).toBe('unclassified');
    expect(res.fallbackShare).toBeLessThanOrEqual(0.38);
  });
});

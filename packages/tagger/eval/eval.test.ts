import { describe, expect, it } from 'vitest';
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

import { afterAll, describe, expect, it } from 'vitest';
import { OUTCOME_TAG, outcomeInEffect, outcomeTagBit } from './effective-outcome.ts';
import { createTestDatabase, insertStudy } from './testing.ts';

const db = createTestDatabase();
afterAll(() => db.remove());

describe('the effective-outcome rule', () => {
  it('reads as the issue states it: the rules’ tag unless a curator rejected it; a curator’s assert adds it', () => {
    const { RULE, CURATOR_ASSERT, CURATOR_REJECT } = OUTCOME_TAG;
    expect(outcomeInEffect(0)).toBe(false);
    expect(outcomeInEffect(RULE)).toBe(true);
    expect(outcomeInEffect(RULE | CURATOR_REJECT)).toBe(false);
    expect(outcomeInEffect(CURATOR_ASSERT)).toBe(true);
    expect(outcomeInEffect(RULE | CURATOR_ASSERT)).toBe(true);
    expect(outcomeInEffect(CURATOR_REJECT)).toBe(false);
  });

  it('agrees with the effective_outcomes view for every mix of rule and curator rows', () => {
    // Per study: rule rows for 'hrv' (0, 1 or 2 of them, any decision) × the curator's row (none, assert, reject).
    const ruleRows: ('assert' | 'reject')[][] = [[], ['assert'], ['assert', 'assert'], ['reject']];
    const curatorRows = [null, 'assert', 'reject'] as const;
    const insertTag = db.sqlite.prepare(`INSERT INTO study_tags (pmid, kind, value, source, decision, rule_id, created_at)
      VALUES (?, 'outcome', 'hrv', ?, ?, ?, '2026-01-01T00:00:00.000Z')`);
    const expected = new Map<number, boolean>();
    let pmid = 90_000_000;
    for (const rules of ruleRows) {
      for (const curator of curatorRows) {
        pmid++;
        insertStudy(db, { pmid });
        let bits = 0;
        rules.forEach((decision, i) => {
          insertTag.run(pmid, 'rule', decision, `rule.${i}`);
          bits |= outcomeTagBit('rule', decision);
        });
        if (curator) {
          insertTag.run(pmid, 'curator', curator, null);
          bits |= outcomeTagBit('curator', curator);
        }
        expected.set(pmid, outcomeInEffect(bits));
      }
    }
    const inView = new Set(
      db.sqlite.prepare(`SELECT DISTINCT pmid FROM effective_outcomes WHERE outcome = 'hrv'`).pluck().all() as number[],
    );
    expect(new Map([...expected.keys()].map((p) => [p, inView.has(p)]))).toEqual(expected);
    expect([...expected.values()].filter(Boolean).length).toBeGreaterThan(0);
  });
});

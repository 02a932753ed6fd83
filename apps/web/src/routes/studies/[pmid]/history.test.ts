import { describe, expect, it } from 'vitest';
import { changeHistory } from './history.ts';

const labels = {
  outcome: { sleep: 'Sleep' },
  design: { rct: 'Randomised controlled trial' },
  direction: { improved: 'Improved' },
  signal: { sham: 'Sham- or placebo-controlled' },
};

describe('changeHistory', () => {
  it('merges record changes and curator writes in time order, saying who and what', () => {
    const entries = changeHistory(
      [{ runId: 7, fields: ['title'], changedAt: '2026-03-02T10:00:00.000Z' }],
      [
        {
          id: 1,
          actor: 'anna',
          action: 'tag',
          details: { kind: 'outcome', value: 'sleep', action: 'add', note: 'diary' },
          at: '2026-03-01T09:00:00.000Z',
        },
        { id: 2, actor: 'ben', action: 'curation', details: { reviewed: true, inclusion: 'exclude' }, at: '2026-03-03T09:00:00.000Z' },
        { id: 3, actor: 'ben', action: 'tag', details: { kind: 'design', value: 'rct' }, at: '2026-03-03T09:00:01.000Z' },
      ],
      labels,
    );
    expect(entries).toEqual([
      { kind: 'curator', at: '2026-03-01T09:00:00.000Z', actor: 'anna', what: 'added outcome Sleep (diary)' },
      { kind: 'record', at: '2026-03-02T10:00:00.000Z', runId: 7, what: 'title' },
      { kind: 'curator', at: '2026-03-03T09:00:00.000Z', actor: 'ben', what: 'Reviewed · Excluded' },
      { kind: 'curator', at: '2026-03-03T09:00:01.000Z', actor: 'ben', what: 'set the design to Randomised controlled trial' },
    ]);
  });

  it('says what a finding or quality correction set, with the note, and what a withdrawal went back to', () => {
    const at = '2026-03-01T09:00:00.000Z';
    const entries = changeHistory(
      [],
      [
        { id: 1, actor: 'anna', action: 'finding', details: { outcome: 'sleep', direction: 'improved', note: 'see table 2' }, at },
        { id: 2, actor: 'anna', action: 'quality', details: { signal: 'sham', value: false, note: 'waiting list' }, at },
        { id: 3, actor: 'anna', action: 'withdraw_finding', details: { outcome: 'sleep' }, at },
        { id: 4, actor: 'anna', action: 'withdraw_quality', details: { signal: 'sham' }, at },
      ],
      labels,
    );
    expect(entries.map((e) => (e.kind === 'curator' ? e.what : null))).toEqual([
      'set the finding on Sleep to Improved (see table 2)',
      'set Sham- or placebo-controlled to no (waiting list)',
      'went back to the rules’ finding on Sleep',
      'went back to the rules’ value for Sham- or placebo-controlled',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { changeHistory } from './history.ts';

const labels = { outcome: { sleep: 'Sleep' }, design: { rct: 'Randomised controlled trial' } };

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
});

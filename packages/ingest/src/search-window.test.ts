import { describe, expect, it } from 'vitest';
import { searchWindow } from './search-window.ts';

const today = new Date('2026-11-24T10:00:00Z');

describe('searchWindow', () => {
  it("fetches everything ever created on a topic's first run", () => {
    expect(searchWindow({ kind: 'incremental' }, null, today, 3)).toEqual({ datetype: 'crdt', from: '1800-01-01', to: '2026-11-24' });
  });
  it('overlaps the previous window by the configured days and searches modifications', () => {
    expect(searchWindow({ kind: 'incremental' }, '2026-11-20', today, 3)).toEqual({
      datetype: 'mdat',
      from: '2026-11-17',
      to: '2026-11-24',
    });
    expect(searchWindow({ kind: 'incremental' }, '2026-03-01', today, 3).from).toBe('2026-02-26');
  });
  it('ignores the saved window with --full and starts at --since', () => {
    expect(searchWindow({ kind: 'full' }, '2026-11-20', today, 3).from).toBe('1800-01-01');
    expect(searchWindow({ kind: 'since', date: '2025-01-01' }, '2026-11-20', today, 3)).toEqual({
      datetype: 'mdat',
      from: '2025-01-01',
      to: '2026-11-24',
    });
  });
});

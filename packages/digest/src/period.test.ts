import { describe, expect, it } from 'vitest';
import { periodKey } from './period.ts';

describe('periodKey', () => {
  it('names the UTC day for daily digests, whatever the local time zone', () => {
    expect(periodKey('daily', new Date('2031-02-28T23:59:59.999Z'))).toBe('daily:2031-02-28');
    expect(periodKey('daily', new Date('2028-02-29T00:00:00.000Z'))).toBe('daily:2028-02-29');
  });

  it('names the ISO week for weekly digests, across year ends', () => {
    expect(periodKey('weekly', new Date('2031-05-05T08:00:00Z'))).toBe('weekly:2031-W19'); // a Monday
    expect(periodKey('weekly', new Date('2031-05-11T23:59:59Z'))).toBe('weekly:2031-W19'); // its Sunday
    expect(periodKey('weekly', new Date('2031-05-12T00:00:00Z'))).toBe('weekly:2031-W20');
    // 1 January 2027 is a Friday: it belongs to the last week of 2026.
    expect(periodKey('weekly', new Date('2027-01-01T12:00:00Z'))).toBe('weekly:2026-W53');
    // 31 December 2029 is a Monday: week 1 of 2030.
    expect(periodKey('weekly', new Date('2029-12-31T12:00:00Z'))).toBe('weekly:2030-W01');
  });
});

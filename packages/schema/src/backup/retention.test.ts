import { describe, expect, it } from 'vitest';
import { applyRetention, backupFileName, parseBackupFileName } from './retention.ts';

/** A backup every 6 hours from `from` for `days` days, named as the backup command names them. */
function every6Hours(from: string, days: number) {
  const start = Date.parse(from);
  return Array.from({ length: days * 4 }, (_, i) => {
    const takenAt = new Date(start + i * 6 * 3_600_000);
    return { name: backupFileName('evidence', takenAt), takenAt };
  });
}

describe('backup names', () => {
  it('carry the UTC time, and read back to it', () => {
    const takenAt = new Date('2026-03-01T03:15:09.456Z');
    expect(backupFileName('evidence', takenAt)).toBe('evidence-20260301T031509Z.db');
    expect(parseBackupFileName('evidence', 'evidence-20260301T031509Z.db')?.toISOString()).toBe('2026-03-01T03:15:09.000Z');
  });

  it('ignore files the command did not name, and other databases’ backups', () => {
    expect(parseBackupFileName('evidence', 'evidence-20260301T031509Z.db.partial')).toBeNull();
    expect(parseBackupFileName('evidence', 'demo-20260301T031509Z.db')).toBeNull();
    expect(parseBackupFileName('evidence', 'evidence-latest.db')).toBeNull();
    expect(parseBackupFileName('evidence', 'evidence-20261341T031509Z.db')).toBeNull();
  });
});

describe('retention', () => {
  it('keeps the newest copy of each of the last N days and of each of the last M weeks', () => {
    // Thursday 2026-01-01 00:00 to Saturday 2026-01-31 18:00: five ISO weeks (the first from Monday 2025-12-29).
    const backups = every6Hours('2026-01-01T00:00:00Z', 31);
    const { keep, remove } = applyRetention(backups, { daily: 3, weekly: 3 });
    expect(keep).toEqual([
      'evidence-20260131T180000Z.db', // Jan 31 (Saturday) — newest day, and newest of week from Jan 26
      'evidence-20260130T180000Z.db',
      'evidence-20260129T180000Z.db',
      'evidence-20260125T180000Z.db', // Sunday: newest of week from Jan 19
      'evidence-20260118T180000Z.db', // Sunday: newest of week from Jan 12
    ]);
    expect(keep.length + remove.length).toBe(backups.length);
    expect(remove).not.toContain('evidence-20260131T180000Z.db');
  });

  it('counts days that have a backup, so a missed night does not cost a copy', () => {
    const backups = [
      { name: 'a', takenAt: new Date('2026-05-10T03:00:00Z') },
      { name: 'b', takenAt: new Date('2026-05-07T03:00:00Z') },
      { name: 'c', takenAt: new Date('2026-05-06T03:00:00Z') },
      { name: 'd', takenAt: new Date('2026-05-06T01:00:00Z') },
    ];
    expect(applyRetention(backups, { daily: 3, weekly: 0 })).toEqual({ keep: ['a', 'b', 'c'], remove: ['d'] });
  });

  it('weeks start on Monday in UTC, also across a year end', () => {
    const backups = [
      { name: 'sun', takenAt: new Date('2027-01-03T23:00:00Z') }, // Sunday: week of Monday 2026-12-28
      { name: 'mon', takenAt: new Date('2026-12-28T00:30:00Z') },
      { name: 'prev-sun', takenAt: new Date('2026-12-27T23:59:59Z') },
    ];
    expect(applyRetention(backups, { daily: 0, weekly: 2 })).toEqual({ keep: ['sun', 'prev-sun'], remove: ['mon'] });
  });

  it('keeps nothing when both counts are 0', () => {
    expect(applyRetention(every6Hours('2026-01-01T00:00:00Z', 2), { daily: 0, weekly: 0 }).keep).toEqual([]);
  });
});

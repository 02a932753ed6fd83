// Which dated backups to keep: the newest copy of each of the last N days that have one, and the
// newest copy of each of the last M (ISO, Monday-first) weeks that have one, all in UTC.

export interface DatedBackup {
  name: string;
  takenAt: Date;
}

export interface Retention {
  /** Days (with at least one backup) whose newest copy is kept. */
  daily: number;
  /** Weeks (with at least one backup) whose newest copy is kept. */
  weekly: number;
}

export const DEFAULT_RETENTION: Retention = { daily: 7, weekly: 4 };

const DAY_MS = 86_400_000;

const dayKey = (d: Date) => d.toISOString().slice(0, 10);

/** The UTC date of the Monday that starts the date's week: weeks never split across a year's end. */
function weekKey(d: Date): string {
  const daysSinceMonday = (d.getUTCDay() + 6) % 7;
  return dayKey(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - daysSinceMonday * DAY_MS));
}

function newestPerPeriod(backups: readonly DatedBackup[], period: (d: Date) => string, count: number): string[] {
  const kept = new Map<string, string>();
  for (const backup of [...backups].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime())) {
    const key = period(backup.takenAt);
    if (!kept.has(key)) {
      if (kept.size === count) break;
      kept.set(key, backup.name);
    }
  }
  return [...kept.values()];
}

/** Splits backups into those the policy keeps and those it removes (each list newest first). */
export function applyRetention(backups: readonly DatedBackup[], retention: Retention): { keep: string[]; remove: string[] } {
  const keep = new Set([...newestPerPeriod(backups, dayKey, retention.daily), ...newestPerPeriod(backups, weekKey, retention.weekly)]);
  const newestFirst = [...backups].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime()).map((b) => b.name);
  return { keep: newestFirst.filter((n) => keep.has(n)), remove: newestFirst.filter((n) => !keep.has(n)) };
}

/** `evidence-20261205T031500Z.db`: the database's own name, then the UTC time it was taken. */
export function backupFileName(databaseStem: string, takenAt: Date): string {
  return `${databaseStem}-${takenAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')}.db`;
}

/** The time in a backup's name, or null for a file this tool did not name (never touched by retention). */
export function parseBackupFileName(databaseStem: string, name: string): Date | null {
  if (!name.startsWith(`${databaseStem}-`)) return null;
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.db$/.exec(name.slice(databaseStem.length + 1));
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

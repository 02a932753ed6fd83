// /api/health: can the database be read, how fresh is each topic, how much room is left on its volume.
import { hasDemoData, type OpenedDatabase } from '@evidence/schema';
import { existsSync, statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StudyIndex } from '../study-index/index.ts';
import { lastRunEnd, lastRunPerTopic, storedStudies } from './operations.ts';

type StudyIndexState = 'ready' | 'stale' | 'building' | 'off';

interface Disk {
  path: string;
  freeBytes: number;
  totalBytes: number;
}

interface HealthFields {
  studyIndex: StudyIndexState;
  disk: Disk | null;
}

export type Health =
  | (HealthFields & {
      status: 'ok';
      database: 'ok';
      studies: number;
      lastRunAt: string | null;
      demoData: boolean;
      lastRuns: { topic: string; status: string; endedAt: string | null }[];
    })
  | (HealthFields & {
      status: 'error';
      database: 'error';
      reason: string;
      studies: null;
      lastRunAt: null;
      demoData: false;
      lastRuns: [];
    });

/** Free space where SQLite writes the database and its WAL; null for an in-memory database or where the OS cannot tell. */
function diskOf(databasePath: string): Disk | null {
  if (databasePath === ':memory:') return null;
  try {
    const stats = statfsSync(dirname(databasePath));
    return { path: dirname(databasePath), freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  } catch {
    return null;
  }
}

/** How long health waits for a lock: a health check that hangs for the write busy timeout (10 s) says nothing. */
const HEALTH_BUSY_TIMEOUT_MS = 500;

export function readHealth(database: OpenedDatabase, studyIndex: StudyIndex | null): Health {
  const common = { studyIndex: studyIndex?.state() ?? 'off', disk: diskOf(database.path) } satisfies HealthFields;
  const { sqlite, path } = database;
  // An open connection goes on reading a file that was deleted or replaced under it: only the path says so.
  if (path !== ':memory:' && !existsSync(path)) return failed(common, `database file ${path} is missing`);
  const busyTimeout = sqlite.pragma('busy_timeout', { simple: true }) as number;
  sqlite.pragma(`busy_timeout = ${HEALTH_BUSY_TIMEOUT_MS}`);
  try {
    // One read transaction, so the figures agree with each other.
    return sqlite.transaction(() => ({
      status: 'ok' as const,
      database: 'ok' as const,
      studies: storedStudies(sqlite),
      lastRunAt: lastRunEnd(sqlite),
      demoData: hasDemoData(sqlite),
      lastRuns: lastRunPerTopic(sqlite).map(({ topic, status, endedAt }) => ({ topic, status, endedAt })),
      ...common,
    }))();
  } catch (error) {
    const code = (error as { code?: string }).code;
    return failed(common, `database cannot be read: ${code ? `${code}: ` : ''}${(error as Error).message.split('\n')[0]}`);
  } finally {
    sqlite.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

function failed(common: HealthFields, reason: string): Health {
  return { status: 'error', database: 'error', reason, studies: null, lastRunAt: null, demoData: false, lastRuns: [], ...common };
}

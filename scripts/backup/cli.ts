// `pnpm db:backup [DIR]`: a checked copy of the live database, named by its UTC time; keeps the
// newest copy of each of the last N days and M weeks (flags, else BACKUP_KEEP_DAILY/WEEKLY, else 7/4).
// Safe while the API serves and an ingestion writes (docs/adr/0020-online-backups.md).
import { resolveDatabasePath } from '@evidence/schema';
import { backupDatabase, BackupError, DEFAULT_RETENTION } from '@evidence/schema/backup';
import { mkdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InvalidBackupEnv, readBackupEnv } from '../env.ts';

const USAGE = 'usage: pnpm db:backup [DIR] [--keep-daily N] [--keep-weekly N] [--json]';

function count(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new BackupError(`${flag}: expected a whole number of copies (0 or more), got '${value}'`);
  return Number(value);
}

// A backup is background work: at the lowest CPU priority the API's reader threads keep the cores
// whenever they need them (measured with `pnpm bench:backup`). Lowering one's own priority needs no rights.
setPriority(19);

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'keep-daily': { type: 'string' }, 'keep-weekly': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length > 1) throw new BackupError(`expected at most one folder, got ${positionals.length}; ${USAGE}`);
  const env = readBackupEnv();
  const databasePath = resolveDatabasePath(env.DATABASE_URL);
  const given = positionals[0] ?? env.BACKUP_DIR;
  // The default folder beside the database is ours to create; a folder the user names must exist (a typo stays a typo).
  const dir = given ? resolve(given) : join(dirname(databasePath), 'backups');
  if (!given) mkdirSync(dir, { recursive: true });
  const result = backupDatabase({
    databasePath,
    dir,
    retention: {
      daily: count(values['keep-daily'], '--keep-daily') ?? env.BACKUP_KEEP_DAILY ?? DEFAULT_RETENTION.daily,
      weekly: count(values['keep-weekly'], '--keep-weekly') ?? env.BACKUP_KEEP_WEEKLY ?? DEFAULT_RETENTION.weekly,
    },
  });
  if (values.json) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(
      `backup ${result.file}: ${(result.bytes / 1e6).toFixed(1)} MB, schema version ${result.schemaVersion}, checked in ${(result.ms / 1000).toFixed(1)} s`,
    );
    if (result.removed.length) console.log(`removed ${result.removed.length} older backup(s) the retention policy no longer keeps`);
  }
} catch (error) {
  if (
    !(error instanceof BackupError || error instanceof InvalidBackupEnv || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
  )
    throw error;
  // node:util's parseArgs explains over three lines; the first says what is wrong.
  console.error(`db:backup: ${(error as Error).message.split('\n')[0]}`);
  process.exitCode = 1;
}

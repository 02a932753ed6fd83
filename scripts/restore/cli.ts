// `pnpm db:restore FILE [--force]`: puts a backup in place of DATABASE_URL (default data/evidence.db),
// migrated to this tracker's schema. Refuses while the API or an ingestion has the database open.
import { resolveDatabasePath } from '@evidence/schema';
import { BackupError, restoreDatabase } from '@evidence/schema/backup';
import { DatabaseRefused } from '@evidence/schema';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InvalidBackupEnv, readBackupEnv } from '../env.ts';

const USAGE = 'usage: pnpm db:restore FILE [--force]';

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { force: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length !== 1) throw new BackupError(`expected one backup file; ${USAGE}`);
  const databasePath = resolveDatabasePath(readBackupEnv().DATABASE_URL);
  const result = restoreDatabase({ file: resolve(positionals[0]!), databasePath, force: values.force ?? false });
  console.log(
    `restored ${databasePath} from ${positionals[0]} (schema version ${result.fromVersion}${result.toVersion !== result.fromVersion ? ` migrated to ${result.toVersion}` : ''})`,
  );
  if (result.forcedOver) console.log(`--force: ${result.forcedOver}; restart those processes so they serve the restored database`);
} catch (error) {
  if (
    !(
      error instanceof BackupError ||
      error instanceof InvalidBackupEnv ||
      error instanceof DatabaseRefused ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    )
  )
    throw error;
  // node:util's parseArgs explains over three lines; the first says what is wrong.
  console.error(`db:restore: ${(error as Error).message.split('\n')[0]}`);
  process.exitCode = 1;
}

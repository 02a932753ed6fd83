// `pnpm db:migrate`: applies pending migrations to DATABASE_URL (default data/evidence.db).
import { DatabaseRefused, openDatabase, SCHEMA_VERSION } from './database.ts';
import { databaseUrl } from './env.ts';

try {
  // A read-only file is fine when there is nothing to migrate; openDatabase refuses it otherwise.
  const opened = openDatabase(databaseUrl(), { allowReadOnly: true });
  console.log(
    opened.readonly
      ? `database ${opened.path} is read-only and already at schema version ${SCHEMA_VERSION}; nothing to migrate`
      : `database migrated: ${opened.path}`,
  );
  opened.close();
} catch (error) {
  if (!(error instanceof DatabaseRefused)) throw error;
  console.error(`migrate: ${error.message}`);
  process.exitCode = 1;
}

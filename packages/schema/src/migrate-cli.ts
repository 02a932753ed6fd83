// `pnpm db:migrate`: applies pending migrations to DATABASE_URL (default data/evidence.db).
import { openDatabase } from './database.ts';
import { databaseUrl } from './env.ts';

const opened = openDatabase(databaseUrl());
console.log(`database migrated: ${opened.path}`);
opened.close();

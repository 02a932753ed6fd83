// `pnpm db:migrate`: applies pending migrations to DATABASE_URL (default data/evidence.db).
import { openDatabase } from './database.ts';

const opened = openDatabase(process.env.DATABASE_URL);
console.log(`database migrated: ${opened.path}`);
opened.close();

// The only module of @evidence/schema that reads process.env: the migrate command's database.
// Everything else takes the database path as a parameter.

/** DATABASE_URL, or undefined for openDatabase's default (data/evidence.db). */
export const databaseUrl = (source: NodeJS.ProcessEnv = process.env): string | undefined => source.DATABASE_URL;

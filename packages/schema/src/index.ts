export * from './tables/index.ts';
export * from './vocabulary.ts';
export * from './effective-outcome.ts';
export * from './database.ts';
export * from './topics-file.ts';
export * from './author-text.ts';
export * from './demo-data.ts';
// One copy of drizzle-orm for the whole workspace: other packages import its helpers from here.
export { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, not, or, sql, count } from 'drizzle-orm';

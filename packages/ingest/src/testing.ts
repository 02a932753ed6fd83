/**
 * What other packages' tests use to write studies the way ingestion does (seeding a test
 * database without a server), and to read back what an ingestion stored.
 */
export { createStudyStore, type StudyStore, type StoreContext, type BatchOutcome } from './study-store.ts';
export { createTagWriter } from './tag-writer.ts';
export { syncTopics } from './topic-sync.ts';
export { runRows, stored, type RunRow } from './stored.ts';

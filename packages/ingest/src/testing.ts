// What other packages' tests may use to write studies the way ingestion does.
export { createStudyStore, type StudyStore, type StoreContext } from './study-store.ts';
export { createTagWriter, toTaggable } from './tag-writer.ts';
export { syncTopics } from './topic-sync.ts';

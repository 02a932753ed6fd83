export * from './raw-row.ts';
export * from './studies.ts';
export * from './topics.ts';
export * from './tags.ts';
export * from './runs.ts';
export * from './curation.ts';
export * from './claims.ts';
export * from './findings.ts';

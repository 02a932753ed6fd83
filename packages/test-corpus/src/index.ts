/**
 * @evidence/test-corpus: the fixture corpus in test databases, shared by the API's and the
 * dashboard's tests so both fill and update their databases the same way.
 */
export { seedFixtureCorpus, SEEDED_AT } from './seed.ts';
export { FIXTURE_REQUESTS_PER_SECOND, ingestFromFixtures, type IngestSummary } from './ingest.ts';
export { ingestCommandPath, retagCommandPath } from './commands.ts';
export { derivedStudy, HRV_TRIAL_PMID, newerHrvMetaAnalysis, newHrvTrials, withHrvTrialRetracted } from './claim-updates.ts';

/**
 * @evidence/eutils-fixtures: a fixture NCBI E-utilities server and its synthetic PubMed records.
 * Fixture data is never real: PMIDs ≥ 90000000, titles start "[Fixture]", journals are "Fixture Journal of …".
 */
export type { AbstractSection, AuthorSpec, CommentCorrectionSpec, MeshSpec, StudySpec } from './types.ts';
export { buildArticleSetXml, buildPubmedArticleXml, escapeXml } from './xml.ts';
export { FIXTURE_STUDIES } from './studies.ts';
export type { GeneratedSpec } from './corpus.ts';
export type { Endpoint, FailureKind, FailureRule } from './failures.ts';
export { PUBMED_ID_CAP } from './esearch.ts';
export { readTopicQueries, DEFAULT_TOPICS_FILE } from './topics.ts';
export { startFixtureServer, type FixtureServer, type FixtureServerOptions, type LoggedRequest } from './server.ts';
export { maxRequestsInAnyWindow } from './rate-check.ts';

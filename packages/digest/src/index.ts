export { DigestBusy, runDigest, type DigestOptions, type DigestSummary } from './run-digest.ts';
export { periodKey } from './period.ts';

// How the overview reads the run log (ADR 0016). `pnpm ingest` writes one search run per topic,
// one after the other, and stores no id for the invocation: the runs of one invocation are the
// search runs that follow each other without a pause, each topic at most once.

/** The fields of an API run these rules read. */
export interface RunLike {
  id: number;
  kind: string;
  topic: string | null;
  startedAt: string;
  endedAt: string | null;
  status: string;
}

/**
 * The longest pause between one topic's run ending and the next one starting that still counts as
 * the same invocation. Within one invocation the next topic starts within milliseconds; a scheduled
 * ingestion runs hours apart. The slack covers a slow checkpoint or a clock step between topics.
 */
const SAME_INGESTION_GAP_MS = 5 * 60 * 1000;

/**
 * The search runs of the last ingestion, oldest first: the newest search run and the search runs
 * before it that chain to it (each ended at most SAME_INGESTION_GAP_MS before the next started,
 * no topic twice). Imports and retags are not ingestions of topics and never join the chain.
 * `runs` may come in any order.
 */
export function lastIngestion<R extends RunLike>(runs: readonly R[]): R[] {
  const searches = runs.filter((r) => r.kind === 'search').sort((a, b) => b.id - a.id);
  const newest = searches[0];
  if (!newest) return [];
  const chain = [newest];
  const topics = new Set([newest.topic]);
  for (const run of searches.slice(1)) {
    const next = chain.at(-1)!;
    const ended = Date.parse(run.endedAt ?? run.startedAt);
    const gap = Date.parse(next.startedAt) - ended;
    if (Number.isNaN(gap) || gap < -1000 || gap > SAME_INGESTION_GAP_MS || topics.has(run.topic)) break;
    chain.push(run);
    topics.add(run.topic);
  }
  return chain.reverse();
}

/** Each topic's newest search run, in the order of `topicIds` (topics never run are left out). */
export function latestRunPerTopic<R extends RunLike>(runs: readonly R[], topicIds: readonly string[]): { topic: string; run: R }[] {
  const newest = new Map<string, R>();
  for (const run of runs) {
    if (run.kind !== 'search' || !run.topic) continue;
    const seen = newest.get(run.topic);
    if (!seen || run.id > seen.id) newest.set(run.topic, run);
  }
  return topicIds.flatMap((topic) => {
    const run = newest.get(topic);
    return run ? [{ topic, run }] : [];
  });
}

/** The newest file import, shown apart from the scheduled runs: a bad file says nothing about PubMed. */
export function latestImport<R extends RunLike>(runs: readonly R[]): R | null {
  return runs.filter((r) => r.kind === 'import').sort((a, b) => b.id - a.id)[0] ?? null;
}

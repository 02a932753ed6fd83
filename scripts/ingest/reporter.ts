import cliProgress from 'cli-progress';
import type { IngestProgress, TopicSummary } from '@evidence/ingest';

/**
 * What ingestion tells the person (or cron log) watching it: the engine's progress events, rendered.
 * A retry is shown live on a terminal; in logs the run summary counts them.
 */
export interface Reporter extends IngestProgress {
  stop(): void;
}

export function describeSummary(s: TopicSummary): string {
  if (s.status === 'dry_run') return `${s.topic}: would fetch ${s.found} records (${s.window.datetype} ${s.window.from} → ${s.window.to})`;
  if (s.status === 'failed') return `${s.topic}: FAILED — ${s.error} (stored before the failure: ${s.new} new, ${s.updated} updated)`;
  const changes = s.new + s.updated + s.deleted === 0 ? 'no changes' : `${s.new} new, ${s.updated} updated, ${s.deleted} deleted`;
  const interrupted = s.status === 'interrupted' ? ' — interrupted, the next run resumes' : '';
  return `${s.topic}: ${changes}; ${s.unchanged} unchanged, ${s.failed} failed of ${s.found} found; ${s.requests} requests, ${s.retries} retries${interrupted}`;
}

/** Live bars per topic on a terminal (cli-progress), plain log lines otherwise (cron, CI). */
export function createReporter(options: { tty: boolean; quiet: boolean; out?: NodeJS.WritableStream }): Reporter {
  const out = options.out ?? process.stderr;
  if (options.quiet) return { topicStarted() {}, found() {}, stored() {}, topicFinished() {}, line() {}, retry() {}, stop() {} };
  if (!options.tty) {
    return {
      topicStarted: (topic, w) => out.write(`ingest ${topic}: searching ${w.datetype} ${w.from} → ${w.to}\n`),
      found: (topic, found) => out.write(`ingest ${topic}: ${found} records found\n`),
      stored: (topic, p) => out.write(`ingest ${topic}: ${p.fetched}/${p.found} fetched and stored\n`),
      topicFinished: (s) => out.write(`ingest ${describeSummary(s)}\n`),
      line: (message) => out.write(`${message}\n`),
      retry() {},
      stop() {},
    };
  }
  const multibar = new cliProgress.MultiBar(
    {
      stream: out as NodeJS.WriteStream,
      format: ' {topic} |{bar}| {value}/{total} fetched · {rate} rec/s · {status}',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, { bar: cliProgress.SingleBar; started: number }>();
  const payload = (topic: string, status: string, started: number, value: number) => ({
    topic: topic.padEnd(12),
    status,
    rate: Math.round(value / Math.max(0.001, (Date.now() - started) / 1000)),
  });
  return {
    topicStarted(topic) {
      bars.set(topic, { bar: multibar.create(1, 0, payload(topic, 'searching', Date.now(), 0)), started: Date.now() });
    },
    found(topic, found) {
      const entry = bars.get(topic);
      entry?.bar.setTotal(Math.max(found, 1));
      entry?.bar.update(0, payload(topic, `${found} found`, entry.started, 0));
    },
    stored(topic, p) {
      const entry = bars.get(topic);
      entry?.bar.update(p.fetched, payload(topic, 'storing', entry.started, p.fetched));
    },
    topicFinished(s) {
      const entry = bars.get(s.topic);
      entry?.bar.update(
        entry.bar.getTotal(),
        payload(
          s.topic,
          s.status === 'failed' ? 'FAILED' : s.new + s.updated ? `${s.new} new, ${s.updated} updated` : 'no changes',
          entry.started,
          s.found,
        ),
      );
    },
    line: (message) => multibar.log(`${message}\n`),
    retry: (message) => multibar.log(`  ${message}\n`),
    stop: () => multibar.stop(),
  };
}

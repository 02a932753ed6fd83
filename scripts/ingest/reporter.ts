import cliProgress from 'cli-progress';
import type { IngestProgress, TopicSummary } from '@evidence/ingest';

/**
 * What ingestion tells the person (or cron log) watching it: the engine's progress events, rendered.
 * When PubMed cannot be reached at all, the command's one closing line says so and nothing else
 * does: no line per topic, no retry lines left behind (issue #15).
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

const silent: Reporter = {
  topicStarted() {},
  fileStarted() {},
  found() {},
  stored() {},
  topicFinished() {},
  line() {},
  retry() {},
  stop() {},
};

/** Live bars per topic or file on a terminal (cli-progress), plain log lines otherwise (cron, CI). */
export function createReporter(options: { tty: boolean; quiet: boolean; out?: NodeJS.WritableStream }): Reporter {
  const out = options.out ?? process.stderr;
  if (options.quiet) return silent;
  return options.tty ? terminalReporter(out as NodeJS.WriteStream) : logReporter(out);
}

/** Plain lines for logs. A topic's first line waits for E-utilities' first answer, so an unreachable PubMed adds no line per topic. */
function logReporter(out: NodeJS.WritableStream): Reporter {
  const searching = new Map<string, string>();
  const files = new Set<string>();
  const write = (line: string) => out.write(`${line}\n`);
  /** The topic's "searching …" line, written once, when there is something to say after it. */
  const flush = (topic: string) => {
    const line = searching.get(topic);
    if (line) write(line);
    searching.delete(topic);
  };
  return {
    topicStarted: (topic, w) => searching.set(topic, `ingest ${topic}: searching ${w.datetype} ${w.from} → ${w.to}`),
    fileStarted: (file) => {
      files.add(file);
      write(`ingest import ${file}: reading`);
    },
    found: (topic, found) => {
      flush(topic);
      write(`ingest ${topic}: ${found} records found`);
    },
    stored: (name, p) =>
      write(
        files.has(name)
          ? `ingest import ${name}: ${p.fetched} records stored`
          : `ingest ${name}: ${p.fetched}/${p.found} fetched and stored`,
      ),
    topicFinished: (s) => {
      if (s.pubmedUnreachable) {
        searching.delete(s.topic);
        return;
      }
      flush(s.topic);
      write(`ingest ${describeSummary(s)}`);
    },
    line: write,
    retry() {},
    stop() {},
  };
}

/** Bars that show the live state (a retry too, in the bar rather than as a line) and clear when done; the command prints the summaries. */
function terminalReporter(stream: NodeJS.WriteStream): Reporter {
  const multibar = new cliProgress.MultiBar(
    {
      stream,
      format: ' {topic} |{bar}| {value}/{total} {unit} · {rate} rec/s · {status}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, { bar: cliProgress.SingleBar; started: number; unit: string }>();
  let current: string | null = null;
  const payload = (name: string, status: string, value: number) => {
    const entry = bars.get(name);
    return {
      topic: name.padEnd(12),
      status,
      unit: entry?.unit ?? 'fetched',
      rate: entry ? Math.round(value / Math.max(0.001, (Date.now() - entry.started) / 1000)) : 0,
    };
  };
  const start = (name: string, unit: string, status: string) => {
    current = name;
    bars.set(name, { bar: multibar.create(1, 0), started: Date.now(), unit });
    bars.get(name)!.bar.update(0, payload(name, status, 0));
  };
  return {
    topicStarted: (topic) => start(topic, 'fetched', 'searching'),
    fileStarted: (file) => start(file, 'stored', 'reading'),
    found(topic, found) {
      const entry = bars.get(topic);
      entry?.bar.setTotal(Math.max(found, 1));
      entry?.bar.update(0, payload(topic, `${found} found`, 0));
    },
    stored(name, p) {
      const entry = bars.get(name);
      if (entry && entry.unit === 'stored') entry.bar.setTotal(Math.max(p.found, 1));
      entry?.bar.update(p.fetched, payload(name, 'storing', p.fetched));
    },
    topicFinished(s) {
      const entry = bars.get(s.topic);
      if (!entry) return;
      if (s.pubmedUnreachable) {
        multibar.remove(entry.bar);
        return;
      }
      const status = s.status === 'failed' ? 'FAILED' : s.new + s.updated ? `${s.new} new, ${s.updated} updated` : 'no changes';
      entry.bar.update(entry.bar.getTotal(), payload(s.topic, status, s.found));
    },
    line: (message) => multibar.log(`${message}\n`),
    retry(message) {
      const entry = current ? bars.get(current) : undefined;
      entry?.bar.update(payload(current!, message, entry.bar.getProgress() * entry.bar.getTotal()));
    },
    stop: () => multibar.stop(),
  };
}

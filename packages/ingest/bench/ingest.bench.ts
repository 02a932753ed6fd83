/**
 * `pnpm bench:ingest`: throughput and memory of `pnpm ingest import` on generated PubMed XML.
 *
 * 1. Throughput: a file of >= 50,000 generated records is imported by the real command (a child
 *    process running --command, the `pnpm ingest` entry point the root package.json passes, into a
 *    fresh database): parse + tag + store records/s
 *    and MB/s, wall clock, start-up included.
 * 2. Biopython: `Entrez.read` (parse only) on the same file, when a python3 with Biopython exists
 *    (in documents of 5,000 records: one Entrez.read of 632 MB would need well over 7 GB).
 * 3. Memory: a >= 150 MB file imported the same way; peak RSS of the import process (all its
 *    threads) from process.resourceUsage().maxRSS at exit.
 * 4. Per-stage breakdown: ms/record of each stage, one thread, on the first --stage-records records
 *    of the throughput file (ingest-stages.ts), and the throughput those costs allow.
 * Files go to a temporary folder, removed at the end. Options: --command FILE (required), --records N, --memory-mb N,
 * --stage-records N, --keep.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writePubmedFile } from './pubmed-generator.ts';
import { envWithDatabase } from './env.ts';
import { measureStages } from './ingest-stages.ts';

const { values } = parseArgs({
  options: {
    command: { type: 'string' },
    records: { type: 'string', default: '50000' },
    'memory-mb': { type: 'string', default: '150' },
    'stage-records': { type: 'string', default: '10000' },
    keep: { type: 'boolean', default: false },
  },
});
if (!values.command) {
  console.error(
    'usage: node packages/ingest/bench/ingest.bench.ts --command scripts/ingest/cli.ts [--records N] [--memory-mb N] [--stage-records N] [--keep]  (or: pnpm bench:ingest)',
  );
  process.exit(2);
}
// The command under test, run as staff run it; the bench lives beside the engine, the command in scripts/.
const COMMAND = resolve(values.command);
const RECORDS = Number(values.records);
const MEMORY_MB = Number(values['memory-mb']);
const STAGE_RECORDS = Number(values['stage-records']);
const TARGET_RATE = 5000;
const TARGET_RSS_MB = 300;
const here = import.meta.dirname;
const dir = mkdtempSync(join(tmpdir(), 'evidence-bench-'));
const MB = 1024 * 1024;

interface ImportRun {
  records: number;
  seconds: number;
  maxRssMb: number;
  cpuSeconds: number;
  summary: string;
}

/** Runs `pnpm ingest import FILE --json` as its own process (what staff run) and measures it. */
function importInChild(file: string, dbName: string, extra: string[] = []): ImportRun {
  const started = performance.now();
  const usageFile = join(dir, 'usage.json');
  const child = spawnSync(process.execPath, [join(here, 'measure-child.ts'), usageFile, COMMAND, 'import', file, '--json', ...extra], {
    env: envWithDatabase(join(dir, dbName)),
    encoding: 'utf8',
    maxBuffer: 64 * MB,
  });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`import failed (exit ${child.status}): ${child.stderr.slice(-2000)}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRssKb: number; cpuUs: number };
  const summary = JSON.parse(child.stdout.slice(0, child.stdout.lastIndexOf('}') + 1)) as {
    files: { records: number; new: number; failed: number; status: string }[];
  };
  const f = summary.files[0]!;
  return {
    records: f.records,
    seconds,
    maxRssMb: usage.maxRssKb / 1024,
    cpuSeconds: usage.cpuUs / 1e6,
    summary: `${f.status}, ${f.records} records, ${f.new} new, ${f.failed} skipped`,
  };
}

/** A python3 that can `import Bio`: the one on PATH first, then Debian's (python3-biopython). */
function biopythonInterpreter(): string | null {
  for (const python of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', 'import Bio'], { encoding: 'utf8' });
    if (probe.status === 0) return python;
  }
  return null;
}

// Entrez.read builds every record of a document in memory (~10× its size: 7 GB and growing on
// the 632 MB file), and Entrez.parse refuses a PubmedArticleSet. So the file is handed to
// Entrez.read in documents of PIECE records each; only the Entrez.read calls are timed.
const BIOPYTHON = `
import json, re, resource, sys, time
from io import BytesIO
from Bio import Entrez
PIECE = 5000
data = open(sys.argv[1], 'rb').read()
body = data.index(b'<PubmedArticleSet>') + len(b'<PubmedArticleSet>')
head, end = data[:body], data.rindex(b'</PubmedArticleSet>')
starts = [m.start() for m in re.finditer(rb'<PubmedArticle>', data)] + [end]
records, seconds = 0, 0.0
for k in range(0, len(starts) - 1, PIECE):
    piece = head + data[starts[k]:starts[min(k + PIECE, len(starts) - 1)]] + b'</PubmedArticleSet>'
    t = time.perf_counter()
    result = Entrez.read(BytesIO(piece), validate=False)
    seconds += time.perf_counter() - t
    records += len(result['PubmedArticle'])
    del result
print(json.dumps({'records': records, 'seconds': seconds, 'maxRssMb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

try {
  console.log(`machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}; files in ${dir}`);
  const throughputFile = join(dir, `bench-${RECORDS}.xml`);
  let t = performance.now();
  const generated = await writePubmedFile(throughputFile, { records: RECORDS });
  console.log(
    `generated ${fmt(generated.records)} records, ${fmt(generated.bytes / MB, 1)} MB (${fmt(generated.bytes / generated.records)} bytes/record) in ${fmt((performance.now() - t) / 1000, 1)} s`,
  );

  const parseOnly = importInChild(throughputFile, 'dry.db', ['--dry-run']);
  console.log(`dry run (parse + tag, no writes): ${parseOnly.summary} in ${fmt(parseOnly.seconds, 1)} s`);
  const full = importInChild(throughputFile, 'throughput.db');
  console.log(`import (parse + tag + store): ${full.summary} in ${fmt(full.seconds, 1)} s, ${fmt(full.cpuSeconds, 1)} CPU s`);

  const python = biopythonInterpreter();
  let bio: { records: number; seconds: number; maxRssMb: number } | null = null;
  let bioNote = 'not measured: no python3 can `import Bio`';
  if (python) {
    const run = spawnSync(python, ['-c', BIOPYTHON, throughputFile], { encoding: 'utf8', maxBuffer: 16 * MB });
    if (run.status === 0) bio = JSON.parse(run.stdout);
    else {
      bioNote = `failed (exit ${run.status ?? run.signal})`;
      console.log(`Biopython run failed: ${run.stderr.trim().split('\n').pop() ?? ''}`);
    }
  } else {
    console.log('Biopython comparison skipped: no python3 can `import Bio` (apt-get install -y python3-biopython)');
  }

  const memoryFile = join(dir, `bench-${MEMORY_MB}mb.xml`);
  t = performance.now();
  const memGen = await writePubmedFile(memoryFile, { records: 0, minBytes: MEMORY_MB * MB, seed: 2 });
  console.log(
    `generated ${fmt(memGen.records)} records, ${fmt(statSync(memoryFile).size / MB, 1)} MB for the memory run in ${fmt((performance.now() - t) / 1000, 1)} s`,
  );
  const memory = importInChild(memoryFile, 'memory.db');
  console.log(`import: ${memory.summary} in ${fmt(memory.seconds, 1)} s`);

  const breakdown = await measureStages(throughputFile, STAGE_RECORDS, dir);

  const rate = full.records / full.seconds;
  const rows: [string, string, string, string][] = [
    ['figure', 'measured', 'target', 'met'],
    [
      `import, parse + tag + store (${fmt(full.records)} records)`,
      `${fmt(rate)} records/s`,
      `>= ${fmt(TARGET_RATE)} records/s`,
      rate >= TARGET_RATE ? 'yes' : 'NO',
    ],
    ['import, bytes', `${fmt(generated.bytes / MB / full.seconds, 1)} MB/s`, '', ''],
    ['dry run, parse + tag only', `${fmt(parseOnly.records / parseOnly.seconds)} records/s`, '', ''],
    ...(bio
      ? [
          [
            `Biopython Entrez.read, parse only (${python}, 5,000-record documents)`,
            `${fmt(bio.records / bio.seconds)} records/s`,
            '',
            '',
          ] as [string, string, string, string],
          ['ratio import / Biopython parse', `${fmt(rate / (bio.records / bio.seconds), 2)}×`, '', ''] as [string, string, string, string],
        ]
      : [['Biopython Entrez.read', bioNote, '', ''] as [string, string, string, string]]),
    [
      `peak RSS, import of ${fmt(statSync(memoryFile).size / MB)} MB file`,
      `${fmt(memory.maxRssMb)} MB`,
      `< ${TARGET_RSS_MB} MB`,
      memory.maxRssMb < TARGET_RSS_MB ? 'yes' : 'NO',
    ],
    [`peak RSS, import of ${fmt(generated.bytes / MB)} MB throughput file`, `${fmt(full.maxRssMb)} MB`, '', ''],
  ];
  console.log('');
  printTable(rows);

  // Where the time goes: the import thread splits and stores; parse workers do the rest (the clone,
  // serialised in one and deserialised in the other, is split between them). On two cores the
  // slower side bounds the rate, and both sides together bound it by the CPU available.
  const ms = (where: string) =>
    breakdown.stages.reduce((sum, s) => sum + (s.where === where ? s.msPerRecord : s.where === 'both' ? s.msPerRecord / 2 : 0), 0);
  const importMs = ms('import thread');
  const parseMs = ms('parse worker');
  const cores = availableParallelism();
  const ceiling = Math.min(1000 / importMs, (1000 * cores) / (importMs + parseMs));
  console.log(`\nper-stage cost, one thread, first ${fmt(breakdown.records)} records of the throughput file:`);
  const stageRows = [
    ['stage', 'ms/record', 'thread'],
    ...breakdown.stages.map((s) => [s.stage, fmt(s.msPerRecord, 3), s.where]),
    [
      'total',
      fmt(
        breakdown.stages.reduce((sum, s) => sum + s.msPerRecord, 0),
        3,
      ),
      '',
    ],
  ];
  printTable(stageRows);
  console.log(
    `import thread ${fmt(importMs, 3)} ms/record, parse side ${fmt(parseMs, 3)} ms/record: at most ${fmt(ceiling)} records/s on ${cores} cores ` +
      `(${fmt(TARGET_RATE)} records/s needs <= ${fmt((1000 * cores) / TARGET_RATE, 2)} ms of CPU per record in all and <= ${fmt(1000 / TARGET_RATE, 2)} ms on the import thread)`,
  );
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}

/** A Markdown table, columns padded to their widest cell; the first row is the header. */
function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  rows.forEach((row, i) => {
    console.log(`| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`);
    if (i === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  });
}

// `pnpm retag [--all]`: re-runs the current tagging rules over stored studies and reports what changed.
import { retagStudies } from '@evidence/ingest';
import { DatabaseRefused, openDatabase, type OpenedDatabase } from '@evidence/schema';
import { parseArgs } from 'node:util';
import { readIngestEnv } from '../env.ts';

const USAGE = `usage: pnpm retag [--all] [--json]
  re-runs the current tagging rules over studies tagged by another rule-set version (--all: every study)`;

function parseRetagArgs(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        all: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    // A mistyped option: one line and the usage, exit 2 (as `pnpm ingest` does), not a stack trace.
    console.error(`retag: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const values = parseRetagArgs(process.argv.slice(2));
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
let opened: OpenedDatabase;
try {
  opened = openDatabase(readIngestEnv().DATABASE_URL);
} catch (error) {
  // A newer tracker's database, or a read-only one: one line, not a stack trace.
  if (!(error instanceof DatabaseRefused)) throw error;
  console.error(`retag: ${error.message}`);
  process.exit(1);
}
try {
  const result = retagStudies({ opened, all: values.all });
  if (values.json) console.log(JSON.stringify(result));
  else
    console.log(
      `retag: ${result.studies} studies re-tagged with rules ${result.rulesetVersion} in ${(result.durationMs / 1000).toFixed(1)} s; ${result.tagsChanged} tags changed on ${result.studiesChanged} studies`,
    );
} finally {
  opened.close();
}

// `pnpm retag [--all]`: re-runs the current tagging rules over stored studies and reports what changed.
import { retagStudies } from '@evidence/ingest';
import { openDatabase } from '@evidence/schema';
import { parseArgs } from 'node:util';
import { readIngestEnv } from '../env.ts';

const { values } = parseArgs({ options: { all: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
const opened = openDatabase(readIngestEnv().DATABASE_URL);
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

// Times the query functions directly (no HTTP) on a benchmark database, answered by SQLite and by
// the in-memory study index side by side: `node bench/time-queries.ts DB`.
import { openDatabase } from '@evidence/schema';
import { createDataGeneration } from '../src/data-generation.ts';
import { evidenceMatrix, facets, timeline } from '../src/queries/aggregates.ts';
import { listStudies } from '../src/queries/list-studies.ts';
import { createStudyIndex, type StudyIndex } from '../src/study-index/index.ts';

const db = openDatabase(process.argv[2]!, { migrate: false });
const started = performance.now();
const index = createStudyIndex(db, createDataGeneration(db), { build: 'inline', minStudies: 0 });
index.warm();
console.log(`study index built inline in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const base = { match: 'any', retracted: 'include' } as const;
const cases: [string, (index: StudyIndex | null) => unknown][] = [
  ['list topic+outcome', (i) => listStudies(db, { ...base, topic: ['tvns'], outcome: ['hrv'], limit: 25 }, i)],
  ['list unfiltered', (i) => listStudies(db, { ...base, limit: 25 }, i)],
  [
    'list page 2 (cursor)',
    (i) => {
      const p = listStudies(db, { ...base, topic: ['tvns'], limit: 25 }, i);
      return listStudies(db, { ...base, topic: ['tvns'], limit: 25, cursor: p.nextCursor! }, i);
    },
  ],
  ['search q=vagus heart', (i) => listStudies(db, { ...base, q: 'vagus heart', limit: 25 }, i)],
  ['search rare term', (i) => listStudies(db, { ...base, q: 'cymba', limit: 25 }, i)],
  ['facets unfiltered', (i) => facets(db, { ...base }, i)],
  ['facets topic+outcome', (i) => facets(db, { ...base, topic: ['tvns'], outcome: ['hrv'] }, i)],
  ['matrix unfiltered', (i) => evidenceMatrix(db, { ...base }, i)],
  ['timeline by year', (i) => timeline(db, { ...base }, 'year', i)],
];

/** Median and minimum of 5 runs after one warm-up, in ms. */
function time(run: () => unknown): [number, number] {
  run();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return [times[2]!, times[0]!];
}

console.log(`${'query'.padEnd(24)} ${'SQLite median'.padStart(14)} ${'index median'.padStart(13)}`);
for (const [name, run] of cases) {
  const [sql] = time(() => run(null));
  const [fromIndex] = time(() => run(index));
  console.log(`${name.padEnd(24)} ${`${sql.toFixed(1)} ms`.padStart(14)} ${`${fromIndex.toFixed(1)} ms`.padStart(13)}`);
}

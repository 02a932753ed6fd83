// Times the query functions directly (no HTTP) on a benchmark database: `node bench/time-queries.ts DB`.
import { openDatabase } from '@evidence/schema';
import { evidenceMatrix, facets } from '../src/queries/aggregates.ts';
import { listStudies } from '../src/queries/list-studies.ts';

const db = openDatabase(process.argv[2]!);
const base = { match: 'any', retracted: 'include' } as const;
const cases: [string, () => unknown][] = [
  ['list topic+outcome', () => listStudies(db, { ...base, topic: ['tvns'], outcome: ['hrv'], limit: 25 })],
  ['list unfiltered', () => listStudies(db, { ...base, limit: 25 })],
  ['list page 2 (cursor)', () => { const p = listStudies(db, { ...base, topic: ['tvns'], limit: 25 }); return listStudies(db, { ...base, topic: ['tvns'], limit: 25, cursor: p.nextCursor! }); }],
  ['search q=vagus heart', () => listStudies(db, { ...base, q: 'vagus heart', limit: 25 })],
  ['search rare term', () => listStudies(db, { ...base, q: 'cymba', limit: 25 })],
  ['facets unfiltered', () => facets(db, { ...base })],
  ['facets topic', () => facets(db, { ...base, topic: ['tvns'] })],
  ['matrix unfiltered', () => evidenceMatrix(db, { ...base })],
];
for (const [name, run] of cases) {
  run();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) { const t = performance.now(); run(); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(24)} median ${times[2]!.toFixed(1).padStart(7)} ms   min ${times[0]!.toFixed(1)} ms`);
}

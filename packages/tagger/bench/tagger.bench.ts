/** Throughput benchmark: `node bench/tagger.bench.ts` prints abstracts/s (single thread). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tagStudy, matchTopics, type TaggableStudy } from '../src/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const seed = [...JSON.parse(readFileSync(join(here, '../eval/dev.json'), 'utf8')), ...JSON.parse(readFileSync(join(here, '../eval/heldout.json'), 'utf8'))] as TaggableStudy[];
const topics = JSON.parse(readFileSync(join(here, '../../../data/topics.json'), 'utf8')).topics;

// Generate realistic variants: shuffle sections between records and vary numbers so caches cannot help.
let x = 42;
const rnd = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const N = 20000;
const studies: TaggableStudy[] = [];
for (let i = 0; i < N; i++) {
  const a = seed[Math.floor(rnd() * seed.length)]!;
  const b = seed[Math.floor(rnd() * seed.length)]!;
  const sections = [...a.abstractSections, ...(rnd() < 0.3 ? b.abstractSections.slice(-1) : [])].map((s) => ({ ...s, text: s.text.replace(/\d+/, String(10 + Math.floor(rnd() * 500))) }));
  const abstract = sections.map((s) => (s.label ? `${s.label}: ${s.text}` : s.text)).join('\n\n');
  studies.push({ ...a, pmid: `bench-${i}`, abstract, abstractSections: sections });
}
const avgLen = studies.reduce((s, r) => s + r.abstract.length, 0) / N;
for (let i = 0; i < 2000; i++) tagStudy(studies[i]!); // warm-up
for (const withTopics of [false, true]) {
  const t0 = performance.now();
  let k = 0;
  for (const s of studies) { k += tagStudy(s).outcomes.length; if (withTopics) k += matchTopics(s, topics).length; }
  const ms = performance.now() - t0;
  console.log(`${withTopics ? 'tagStudy+matchTopics' : 'tagStudy'}: ${N} abstracts (avg ${avgLen.toFixed(0)} chars) in ${ms.toFixed(0)} ms → ${Math.round(N / (ms / 1000))} abstracts/s (checksum ${k})`);
}

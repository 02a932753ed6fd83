/**
 * Throughput benchmark: `node bench/tagger.bench.ts [rounds]` prints abstracts/s (single thread)
 * for short (~570 characters, the eval records) and PubMed-length (1,500–2,000 characters,
 * structured and unstructured) abstracts. See bench/corpus.ts for how the corpora are built.
 * The reported rate is the median of `rounds` timed passes (default 5) after a warm-up pass.
 */
import { tagStudy, matchTopics, type TaggableStudy } from '../src/index.ts';
import { longCorpus, shortCorpus, topics } from './corpus.ts';

const N = 20000;
const rounds = Number(process.argv[2] ?? 5);
const corpora: [string, TaggableStudy[]][] = [['short', shortCorpus(N)], ['long', longCorpus(N)]];

function pass(studies: TaggableStudy[], withTopics: boolean): { ms: number; k: number } {
  const t0 = performance.now();
  let k = 0;
  for (const s of studies) { k += tagStudy(s).outcomes.length; if (withTopics) k += matchTopics(s, topics).length; }
  return { ms: performance.now() - t0, k };
}

for (const [name, studies] of corpora) {
  const avgLen = studies.reduce((s, r) => s + r.abstract.length, 0) / studies.length;
  const structured = studies.filter((r) => r.abstractSections.some((s) => s.label)).length / studies.length;
  pass(studies, true); // warm-up
  for (const withTopics of [false, true]) {
    const runs: { ms: number; k: number }[] = [];
    for (let r = 0; r < rounds; r++) runs.push(pass(studies, withTopics));
    runs.sort((a, b) => a.ms - b.ms);
    const med = runs[Math.floor(runs.length / 2)]!;
    console.log(`${name.padEnd(5)} ${(withTopics ? 'tagStudy+matchTopics' : 'tagStudy').padEnd(20)} ${N} abstracts (avg ${avgLen.toFixed(0)} chars, ${(structured * 100).toFixed(0)}% structured): median ${med.ms.toFixed(0)} ms → ${Math.round(N / (med.ms / 1000))} abstracts/s (best ${Math.round(N / (runs[0]!.ms / 1000))}; checksum ${med.k})`);
  }
}

/**
 * Throughput benchmark: `pnpm bench:tagger` (`node bench/tagger.bench.ts [rounds] [--plain]`) prints
 * abstracts/s (single thread) for short (~570 characters, the eval records) and PubMed-length
 * (1,500–2,000 characters, structured and unstructured) abstracts. See bench/corpus.ts for how the
 * corpora are built. The reported rate is the median of `rounds` timed passes (default 5) after a
 * warm-up pass. `--plain` tags without the regex prefilter (plain RegExp matching, same output):
 * the comparison in docs/adr/0007-tagger-prefilter.md.
 */
import { parseArgs } from 'node:util';
import { matchTopics, type StudyTags, type TaggableStudy } from '../src/index.ts';
import { Scanner } from '../src/scan.ts';
import { RULE_FAMILIES, RULE_SCANNER, tagStudyWith } from '../src/tag.ts';
import { longCorpus, shortCorpus, topics } from './corpus.ts';

const { values, positionals } = parseArgs({ options: { plain: { type: 'boolean', default: false } }, allowPositionals: true });
const scanner = values.plain ? new Scanner(RULE_FAMILIES, { prefilter: false }) : RULE_SCANNER;
const tagStudy = (s: TaggableStudy): StudyTags => tagStudyWith(scanner, s);
const N = 20000;
const rounds = Number(positionals[0] ?? 5);
const corpora: [string, TaggableStudy[]][] = [
  ['short', shortCorpus(N)],
  ['long', longCorpus(N)],
];

function pass(studies: TaggableStudy[], withTopics: boolean): { ms: number; k: number } {
  const t0 = performance.now();
  let k = 0;
  for (const s of studies) {
    k += tagStudy(s).outcomes.length;
    if (withTopics) k += matchTopics(s, topics).length;
  }
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
    console.log(
      `${values.plain ? 'plain ' : ''}${name.padEnd(5)} ${(withTopics ? 'tagStudy+matchTopics' : 'tagStudy').padEnd(20)} ${N} abstracts (avg ${avgLen.toFixed(0)} chars, ${(structured * 100).toFixed(0)}% structured): median ${med.ms.toFixed(0)} ms → ${Math.round(N / (med.ms / 1000))} abstracts/s (best ${Math.round(N / (runs[0]!.ms / 1000))}; checksum ${med.k})`,
    );
  }
}

// `pnpm bench:retag`: re-tags 100,000 stored studies from their stored fields (no refetch) and
// prints the time beside the target (under 60 s).
import { buildArticleSetXml, FIXTURE_STUDIES } from '@evidence/eutils-fixtures';
import { parsePubmedXml, type PubmedRecord } from '@evidence/pubmed';
import { createTestDatabase } from '@evidence/schema/testing';
import { createStudyStore } from '../src/study-store.ts';
import { retagStudies } from '../src/retag-studies.ts';
import { retagBenchStudies } from './env.ts';

const COUNT = retagBenchStudies();
const db = createTestDatabase();
try {
  // Synthetic studies: the fixture corpus's realistic abstracts under new PMIDs (from 90000000).
  const templates = parsePubmedXml(buildArticleSetXml(FIXTURE_STUDIES)).records;
  const store = createStudyStore(db);
  const started = Date.now();
  for (let offset = 0; offset < COUNT; offset += 5000) {
    const batch: PubmedRecord[] = [];
    for (let i = offset; i < Math.min(COUNT, offset + 5000); i++) {
      const t = templates[i % templates.length]!;
      batch.push({ ...t, pmid: String(90_000_000 + i), title: { ...t.title, text: `${t.title.text} (${i})` } });
    }
    store.writeBatch(batch, [], { runId: null, topicId: null, origin: 'import', now: '2026-11-24T00:00:00.000Z' });
  }
  console.log(`stored ${COUNT.toLocaleString('en')} studies in ${((Date.now() - started) / 1000).toFixed(1)} s (untagged)`);

  const result = retagStudies({ opened: db, all: true });
  const seconds = result.durationMs / 1000;
  const rate = Math.round(result.studies / seconds);
  const again = retagStudies({ opened: db, all: false });
  // The usual upgrade: a new rule-set version whose output is mostly the same (rows compared, kept).
  const unchanged = retagStudies({ opened: db, all: true });
  const stored = db.sqlite
    .prepare(`SELECT (SELECT count(*) FROM study_findings) AS findings, (SELECT count(*) FROM study_quality) AS quality`)
    .get() as { findings: number; quality: number };
  console.log('| measure | value | target |');
  console.log('|---|---|---|');
  console.log(
    `| pnpm retag --all over ${result.studies.toLocaleString('en')} studies | ${seconds.toFixed(1)} s (${rate.toLocaleString('en')} studies/s; ${result.tagsChanged.toLocaleString('en')} tags written) | < 60 s for 100,000 |`,
  );
  console.log(
    `| pnpm retag --all again, nothing changed | ${(unchanged.durationMs / 1000).toFixed(1)} s (${unchanged.tagsChanged} rows changed; ${stored.findings.toLocaleString('en')} findings and ${stored.quality.toLocaleString('en')} quality rows kept) | < 60 s for 100,000 |`,
  );
  console.log(
    `| pnpm retag (only stale rule versions) right after | ${(again.durationMs / 1000).toFixed(2)} s, ${again.studies} studies | re-tags only what changed |`,
  );
} finally {
  db.remove();
}

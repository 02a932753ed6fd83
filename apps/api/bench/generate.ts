// Writes N realistic synthetic studies straight into a migrated SQLite file with prepared statements
// in large transactions: 5 topics, 14 outcomes, 10 designs, years 1990–2026, ~200 journals, and
// titles/abstracts drawn from a topic-specific vocabulary so full-text search has something to find.
import { CORE_TOPIC_IDS, DESIGN_IDS, OUTCOME_IDS, openDatabase } from '@evidence/schema';

/** Deterministic PRNG (mulberry32): the same N always gives the same database. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(items: readonly T[], weights: readonly number[]) {
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative = weights.map(
    (
      (sum) => (w: number) =>
        (sum += w / total)
    )(0),
  );
  return (r: number) => items[cumulative.findIndex((c) => r <= c)] ?? items.at(-1)!;
}

const TOPIC_WORDS: Record<string, string[]> = {
  tvns: [
    'transcutaneous auricular vagus nerve stimulation',
    'taVNS',
    'vagus nerve stimulation',
    'auricular stimulation',
    'vagal afferents',
    'non-invasive VNS',
  ],
  breathwork: [
    'slow-paced breathing',
    'resonance frequency breathing',
    'pranayama',
    'diaphragmatic breathing',
    'breathwork',
    'HRV biofeedback',
  ],
  emdr: ['eye movement desensitization and reprocessing', 'EMDR therapy', 'bilateral stimulation', 'trauma-focused therapy'],
  eft: ['emotional freedom techniques', 'EFT tapping', 'acupoint tapping', 'clinical EFT'],
  long_covid: ['long COVID', 'post-COVID-19 condition', 'post-acute sequelae of SARS-CoV-2', 'post-viral fatigue'],
};
const OUTCOME_WORDS: Record<string, string[]> = {
  hrv: ['heart rate variability', 'RMSSD', 'vagal tone'],
  inflammation: ['C-reactive protein', 'interleukin-6', 'inflammatory markers'],
  gut: ['irritable bowel syndrome', 'gastric motility'],
  anxiety: ['anxiety symptoms', 'GAD-7'],
  depression: ['depressive symptoms', 'PHQ-9'],
  stress: ['perceived stress', 'cortisol'],
  ptsd: ['post-traumatic stress', 'PCL-5'],
  sleep: ['sleep quality', 'insomnia'],
  pain: ['chronic pain', 'pain intensity'],
  fatigue: ['fatigue', 'post-exertional malaise'],
  cognition: ['cognitive function', 'brain fog'],
  quality_of_life: ['quality of life', 'SF-36'],
  cardiovascular: ['blood pressure', 'heart rate'],
  respiratory: ['dyspnoea', 'lung function'],
};
const DESIGN_PHRASES: Record<string, string> = {
  meta_analysis: 'a systematic review and meta-analysis',
  systematic_review: 'a systematic review',
  rct: 'a randomized controlled trial',
  controlled_trial: 'a non-randomized controlled trial',
  observational: 'a prospective cohort study',
  case_report: 'a case report',
  review: 'a narrative review',
  protocol: 'a study protocol',
  preclinical: 'an experimental study in rats',
  other: 'a pilot study',
};
const FILLER = (
  'patients participants adults healthy older women men clinical outcomes significant improvement compared baseline follow-up weeks ' +
  'intervention control sham group reduced increased associated measured primary secondary endpoint results suggest effect size moderate ' +
  'evidence trial data analysis sample randomized blinded placebo session daily protocol feasibility safety adverse events well tolerated'
).split(' ');
const JOURNAL_STEMS = [
  'Frontiers in',
  'Journal of',
  'International Journal of',
  'Annals of',
  'Clinical',
  'BMC',
  'European Journal of',
  'Archives of',
];
const JOURNAL_FIELDS = [
  'Neuroscience',
  'Psychiatry',
  'Psychology',
  'Autonomic Research',
  'Physiology',
  'Integrative Medicine',
  'Pain',
  'Sleep Research',
  'Traumatic Stress',
  'Rehabilitation',
  'Cardiology',
  'Gastroenterology',
  'Infectious Diseases',
  'Complementary Therapies',
  'Brain Stimulation',
  'Respiratory Medicine',
  'Anxiety Disorders',
  'Behavioral Medicine',
  'Psychosomatic Research',
  'Internal Medicine',
  'Medicine',
  'Neurology',
  'Immunology',
  'Fatigue',
];
export const JOURNALS = Array.from(
  { length: 200 },
  (_, i) =>
    `${JOURNAL_STEMS[i % JOURNAL_STEMS.length]} ${JOURNAL_FIELDS[Math.floor(i / JOURNAL_STEMS.length) % JOURNAL_FIELDS.length]}${i >= 192 ? ` ${i}` : ''}`,
);

export interface GenerateResult {
  studies: number;
  topicRows: number;
  tagRows: number;
  ms: number;
}

export function generateDatabase(path: string, n: number, seed = 42): GenerateResult {
  const started = performance.now();
  const opened = openDatabase(path);
  const { sqlite } = opened;
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const topicOf = weighted(CORE_TOPIC_IDS, [25, 22, 15, 6, 32]);
  const designOf = weighted(DESIGN_IDS, [4, 6, 22, 10, 24, 8, 12, 4, 7, 3]);
  const outcomeOf = weighted(OUTCOME_IDS, [14, 9, 4, 12, 10, 9, 7, 6, 6, 8, 5, 5, 7, 4]);
  // Journals follow a Zipf-like law; publication years grow roughly exponentially towards 2026.
  const journalOf = weighted(
    JOURNALS,
    JOURNALS.map((_, i) => 1 / (i + 1)),
  );
  const yearOf = weighted(
    Array.from({ length: 37 }, (_, i) => 1990 + i),
    Array.from({ length: 37 }, (_, i) => Math.exp(i / 8)),
  );

  const now = '2026-11-24T00:00:00.000Z';
  sqlite.transaction(() => {
    const topic = sqlite.prepare(
      `INSERT INTO topics (id, label, description, query, synonyms, mesh, updated_at) VALUES (?, ?, 'bench', ?, '[]', '[]', ?) ON CONFLICT DO NOTHING`,
    );
    for (const id of CORE_TOPIC_IDS) topic.run(id, id, id, now);
  })();
  // Bulk load: drop the secondary indexes and triggers (FTS sync among them), load, then rebuild them all.
  const derived = sqlite
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND sql IS NOT NULL
    AND tbl_name IN ('studies', 'study_topics', 'study_tags')`)
    .all() as { type: string; name: string; sql: string }[];
  for (const d of derived) sqlite.exec(`DROP ${d.type.toUpperCase()} "${d.name}"`);
  // The raw record lives in studies.raw_record or, after migration 0006, in study_records.
  const rawInStudies =
    (sqlite.prepare(`SELECT count(*) FROM pragma_table_info('studies') WHERE name = 'raw_record'`).pluck().get() as number) > 0;
  const insertStudy =
    sqlite.prepare(`INSERT INTO studies (pmid, title, title_markup, abstract, journal_title, journal_iso, volume, issue, pages,
      pub_year, pub_month, pub_date_sort, languages, doi, is_retracted, authors_short, design, sample_size, ${rawInStudies ? 'raw_record, ' : ''}content_hash,
      first_seen_at, last_updated_at, tagged_ruleset_version)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '["eng"]', ?, ?, ?, ?, ?, ${rawInStudies ? "'<PubmedArticle/>', " : ''}'bench', ?, ?, 'bench')`);
  const insertRecord = rawInStudies ? null : sqlite.prepare(`INSERT INTO study_records (pmid, raw_record) VALUES (?, '<PubmedArticle/>')`);
  const insertTopic = sqlite.prepare(`INSERT INTO study_topics (pmid, topic_id, found_by, first_found_at) VALUES (?, ?, 'query', ?)`);
  const insertTag = sqlite.prepare(`INSERT INTO study_tags (pmid, kind, value, source, decision, rule_id, ruleset_version, evidence_field,
      evidence_sentence, evidence_start, evidence_end, created_at) VALUES (?, 'outcome', ?, 'rule', 'assert', ?, 'bench', 'abstract', ?, 0, 10, ?)`);

  let topicRows = 0;
  let tagRows = 0;
  const firstSeenStart = Date.parse('2024-01-01T00:00:00Z');
  const firstSeenSpan = Date.parse(now) - firstSeenStart;
  const BATCH = 50_000;
  for (let from = 0; from < n; from += BATCH) {
    sqlite.transaction(() => {
      for (let i = from; i < Math.min(n, from + BATCH); i++) {
        const pmid = 10_000_000 + i;
        const topics = new Set([topicOf(random())]);
        if (random() < 0.15) topics.add(topicOf(random()));
        const outcomes = new Set([outcomeOf(random())]);
        for (let k = random(); k < 0.6; k += 0.3) outcomes.add(outcomeOf(random()));
        const design = designOf(random());
        const year = yearOf(random());
        const month = 1 + Math.floor(random() * 12);
        const [mainTopic] = topics;
        const topicPhrase = pick(TOPIC_WORDS[mainTopic!]!);
        const outcomeList = [...outcomes];
        const outcomePhrase = outcomeList.map((o) => pick(OUTCOME_WORDS[o]!)).join(' and ');
        const title = `Effects of ${topicPhrase} on ${outcomePhrase}: ${DESIGN_PHRASES[design]}`;
        const words: string[] = [topicPhrase, 'improved', outcomePhrase];
        for (let w = 0; w < 40; w++) words.push(pick(FILLER));
        if (topics.size > 1) words.push(pick(TOPIC_WORDS[[...topics][1]!]!));
        const journal = journalOf(random());
        const firstSeen = new Date(firstSeenStart + Math.floor(random() * firstSeenSpan)).toISOString();
        insertStudy.run(
          pmid,
          title,
          title,
          words.join(' '),
          journal,
          journal.replace(/Journal of /, 'J ').slice(0, 40),
          String(1 + (year - 1990)),
          String(1 + Math.floor(random() * 12)),
          `${100 + (i % 800)}-${110 + (i % 800)}`,
          year,
          String(month),
          `${year}-${String(month).padStart(2, '0')}`,
          `10.5555/bench.${pmid}`,
          random() < 0.004 ? 1 : 0,
          'Bench A, Example B',
          design,
          10 + Math.floor(random() * 300),
          firstSeen,
          firstSeen,
        );
        insertRecord?.run(pmid);
        for (const t of topics) {
          insertTopic.run(pmid, t, firstSeen);
          topicRows++;
        }
        for (const o of outcomeList) {
          insertTag.run(pmid, o, `outcome.${o}`, outcomePhrase, firstSeen);
          tagRows++;
        }
      }
    })();
  }
  for (const d of derived.filter((x) => x.type === 'index')) sqlite.exec(d.sql);
  sqlite.exec(`INSERT INTO studies_fts(studies_fts) VALUES ('rebuild')`);
  for (const d of derived.filter((x) => x.type === 'trigger')) sqlite.exec(d.sql);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  opened.close();
  return { studies: n, topicRows, tagRows, ms: performance.now() - started };
}

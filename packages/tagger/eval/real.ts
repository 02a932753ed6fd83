/**
 * Scores the tagger on real PubMed text: the 208 hand-labelled records of real/labels.json, and a
 * design check over every record of the shared corpus whose PubMed publication types name a design.
 * The texts are read from ../shared/pubmed-samples (repository root) at run time, never copied here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parsePubmedXml, type PubmedRecord } from '@evidence/pubmed';
import { OUTCOME_IDS } from '@evidence/schema/vocabulary';
import { matchTopics, RULESET_VERSION, tagStudy, type TaggableStudy, toTaggable } from '../src/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const SAMPLES = resolve(here, '../../../../shared/pubmed-samples');
const topicsDef = JSON.parse(readFileSync(join(here, '../../../data/topics.json'), 'utf8')).topics;

interface RealLabel {
  file: string;
  pmid: string;
  outcomes: string[];
  sampleSize: number | null;
  sampleSizeStated: boolean;
  design: string;
  designFromText: boolean;
  topics: string[];
}

const parsed = new Map<string, PubmedRecord[]>();
function recordsOf(file: string): PubmedRecord[] {
  let records = parsed.get(file);
  if (!records) {
    const bytes = readFileSync(join(SAMPLES, file));
    const xml = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    try {
      records = parsePubmedXml(xml).records;
    } catch {
      records = []; // esearch / epost / error bodies
    }
    parsed.set(file, records);
  }
  return records;
}

/** Every distinct PubMed record of the shared corpus (first file wins), or null when it is absent. */
function loadCorpus(): TaggableStudy[] | null {
  if (!existsSync(SAMPLES)) return null;
  const seen = new Set<string>();
  const out: TaggableStudy[] = [];
  const files = (readdirSync(SAMPLES, { recursive: true }) as string[]).filter((f) => /\.xml(\.gz)?$/.test(f)).sort();
  for (const f of files)
    for (const r of recordsOf(f))
      if (!seen.has(r.pmid)) {
        seen.add(r.pmid);
        out.push(toTaggable(r));
      }
  return out;
}

type Counts = Record<string, { tp: number; fp: number; fn: number }>;
const prf = (c: { tp: number; fp: number; fn: number }) => {
  const p = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const r = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  return { ...c, p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
};
const bump = (c: Counts, k: string, f: 'tp' | 'fp' | 'fn') => {
  (c[k] ??= { tp: 0, fp: 0, fn: 0 })[f]++;
};

interface DesignScore {
  n: number;
  accuracy: number;
  perClass: Record<string, { tp: number; fp: number; fn: number; p: number; r: number; f1: number }>;
  misses: string[];
}

function scoreDesign(items: { id: string; gold: string; study: TaggableStudy }[], hideTypes: boolean): DesignScore {
  const c: Counts = {};
  let ok = 0;
  const misses: string[] = [];
  for (const { id, gold, study } of items) {
    const t = tagStudy(hideTypes ? { ...study, publicationTypes: [] } : study).design;
    if (t.design === gold) {
      ok++;
      bump(c, gold, 'tp');
    } else {
      bump(c, gold, 'fn');
      bump(c, t.design, 'fp');
      misses.push(`${id} gold=${gold} got=${t.design} [${t.evidence?.ruleId ?? 'fallback'}] ${t.evidence?.sentence.slice(0, 160) ?? ''}`);
    }
  }
  const perClass = Object.fromEntries(
    Object.keys(c)
      .sort()
      .map((k) => [k, prf(c[k]!)]),
  );
  return { n: items.length, accuracy: items.length ? ok / items.length : 0, perClass, misses };
}

export interface RealResult {
  n: number;
  designWithTypes: DesignScore;
  /** Publication types hidden; only records whose design the labeller took from the text. */
  designTextOnly: DesignScore;
  microF1: number;
  perOutcome: Record<string, { tp: number; fp: number; fn: number; p: number; r: number; f1: number }>;
  sampleStated: number;
  sampleAnswered: number;
  sampleExact: number;
  sampleUnstatedAnswered: number;
  topic: { p: number; r: number; f1: number; tp: number; fp: number; fn: number };
  /** Outcome, sample-size and topic disagreements with the labels, one line each (design misses are in the design scores). */
  misses: string[];
}

/** The hand-labelled set, or null when ../shared/pubmed-samples is absent. */
export function evaluateReal(): RealResult | null {
  if (!existsSync(SAMPLES)) return null;
  const labels = JSON.parse(readFileSync(join(here, 'real/labels.json'), 'utf8')).records as RealLabel[];
  const items = labels.map((l) => {
    const rec = recordsOf(l.file).find((r) => r.pmid === l.pmid);
    if (!rec) throw new Error(`real/labels.json: PMID ${l.pmid} not found in ${l.file}`);
    return { id: l.pmid, label: l, gold: l.design, study: toTaggable(rec) };
  });
  const out: Counts = Object.fromEntries(OUTCOME_IDS.map((o) => [o, { tp: 0, fp: 0, fn: 0 }]));
  const topic = { tp: 0, fp: 0, fn: 0 };
  let stated = 0,
    answered = 0,
    exact = 0,
    unstatedAnswered = 0;
  const misses: string[] = [];
  for (const { id, label, study } of items) {
    const tags = tagStudy(study);
    const got = new Map(tags.outcomes.map((o) => [o.outcome as string, o.evidence]));
    const gold = new Set(label.outcomes);
    for (const o of OUTCOME_IDS) {
      const e = got.get(o);
      if (e && gold.has(o)) out[o]!.tp++;
      else if (e) {
        out[o]!.fp++;
        const span = e.field === 'title' || e.field === 'abstract' ? study[e.field].slice(e.start, e.end) : e.sentence;
        misses.push(`${id} FP ${o} [${e.ruleId}] «${span}» in: ${e.sentence.slice(0, 200)}`);
      } else if (gold.has(o)) {
        out[o]!.fn++;
        misses.push(`${id} FN ${o}`);
      }
    }
    const ss = tags.sampleSize?.value ?? null;
    if (label.sampleSizeStated) {
      stated++;
      if (ss !== null) {
        answered++;
        if (ss === label.sampleSize) exact++;
      }
    } else if (ss !== null) unstatedAnswered++;
    if (ss !== label.sampleSize)
      misses.push(
        `${id} N gold=${label.sampleSize}${label.sampleSizeStated ? '' : ' (unstated)'} got=${ss} [${tags.sampleSize?.evidence.ruleId ?? ''}] ${tags.sampleSize?.evidence.sentence.slice(0, 200) ?? ''}`,
      );
    const pt = new Set(matchTopics(study, topicsDef).map((t) => t.topic));
    for (const t of pt)
      if (label.topics.includes(t)) topic.tp++;
      else {
        topic.fp++;
        misses.push(`${id} TOPIC FP ${t}`);
      }
    for (const t of label.topics)
      if (!pt.has(t)) {
        topic.fn++;
        misses.push(`${id} TOPIC FN ${t}`);
      }
  }
  const perOutcome = Object.fromEntries(OUTCOME_IDS.map((o) => [o, prf(out[o]!)]));
  const sum = (f: 'tp' | 'fp' | 'fn') => OUTCOME_IDS.reduce((a, o) => a + out[o]![f], 0);
  return {
    n: items.length,
    designWithTypes: scoreDesign(items, false),
    designTextOnly: scoreDesign(
      items.filter((i) => i.label.designFromText),
      true,
    ),
    microF1: prf({ tp: sum('tp'), fp: sum('fp'), fn: sum('fn') }).f1,
    perOutcome,
    sampleStated: stated,
    sampleAnswered: stated ? answered / stated : 0,
    sampleExact: answered ? exact / answered : 0,
    sampleUnstatedAnswered: unstatedAnswered,
    topic: prf(topic),
    misses,
  };
}

/**
 * The gold design PubMed's indexers gave, written here independently of the rule files: the first
 * informative publication type in this order. Records with none of them are not scored.
 */
const TYPE_GOLD: [string, string][] = [
  ['Published Erratum', 'non_research'],
  ['Retraction of Publication', 'non_research'],
  ['Expression of Concern', 'non_research'],
  ['Clinical Trial Protocol', 'protocol'],
  ['Meta-Analysis', 'meta_analysis'],
  ['Network Meta-Analysis', 'meta_analysis'],
  ['Systematic Review', 'systematic_review'],
  ['Randomized Controlled Trial', 'rct'],
  ['Controlled Clinical Trial', 'controlled_trial'],
  ['Non-Randomized Controlled Trial', 'controlled_trial'],
  ['Clinical Trial, Phase I', 'controlled_trial'],
  ['Clinical Trial, Phase II', 'controlled_trial'],
  ['Case Reports', 'case_report'],
  ['Observational Study', 'observational'],
  ['Letter', 'non_research'],
  ['Comment', 'non_research'],
  ['Editorial', 'non_research'],
  ['News', 'non_research'],
  ['Newspaper Article', 'non_research'],
  ['Biography', 'non_research'],
  ['Portrait', 'non_research'],
  ['Interview', 'non_research'],
  ['Review', 'review'],
  ['Practice Guideline', 'review'],
  ['Guideline', 'review'],
];

function goldFromTypes(types: string[]): string | null {
  for (const [t, d] of TYPE_GOLD) if (types.includes(t)) return d;
  return null;
}

export interface TypedResult {
  corpus: number;
  withTypes: DesignScore;
  textOnly: DesignScore;
  /** Of the whole corpus: records tagged with the fallback design and no evidence. */
  fallbackShare: number;
  fallbackDesign: string;
}

/** Every corpus record with an informative publication type, scored against it; null without ../shared. */
export function evaluateTyped(): TypedResult | null {
  const corpus = loadCorpus();
  if (!corpus) return null;
  const items = corpus.flatMap((s) => {
    const gold = goldFromTypes(s.publicationTypes);
    return gold ? [{ id: s.pmid, gold, study: s }] : [];
  });
  let fallback = 0;
  let fallbackDesign = '';
  for (const s of corpus) {
    const d = tagStudy(s).design;
    if (!d.evidence) {
      fallback++;
      fallbackDesign = d.design;
    }
  }
  return {
    corpus: corpus.length,
    withTypes: scoreDesign(items, false),
    textOnly: scoreDesign(items, true),
    fallbackShare: fallback / corpus.length,
    fallbackDesign,
  };
}

const f3 = (x: number) => x.toFixed(3);
function designLines(title: string, s: DesignScore, maxMisses: number): string[] {
  const L = [`${title}: accuracy ${f3(s.accuracy)} (n ${s.n})`, '  design              P      R      F1    tp  fp  fn'];
  for (const [d, c] of Object.entries(s.perClass))
    L.push(
      `  ${d.padEnd(18)} ${f3(c.p)}  ${f3(c.r)}  ${f3(c.f1)}  ${String(c.tp).padStart(3)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)}`,
    );
  for (const m of s.misses.slice(0, maxMisses)) L.push(`  miss ${m}`);
  return L;
}

export function reportReal(maxMisses: number): string {
  const res = evaluateReal();
  const typed = evaluateTyped();
  if (!res || !typed) return `=== real: skipped, ${SAMPLES} not found (the shared PubMed samples are not in this checkout)`;
  const L = [`=== real (${res.n} hand-labelled PubMed records) — ruleset ${RULESET_VERSION}`];
  L.push(...designLines('design with publication types', res.designWithTypes, maxMisses));
  L.push(...designLines('design from text alone (types hidden; labels taken from the text)', res.designTextOnly, maxMisses));
  L.push('outcome           P      R      F1    tp  fp  fn');
  for (const [o, c] of Object.entries(res.perOutcome))
    L.push(
      `${o.padEnd(16)} ${f3(c.p)}  ${f3(c.r)}  ${f3(c.f1)}  ${String(c.tp).padStart(3)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)}`,
    );
  L.push(`outcome micro-F1 ${f3(res.microF1)}`);
  L.push(
    `sample size: coverage ${f3(res.sampleAnswered)} (answered among ${res.sampleStated} stated), exact ${f3(res.sampleExact)} (among answered), ${res.sampleUnstatedAnswered} answered where none is stated`,
  );
  L.push(`topics: P ${f3(res.topic.p)} R ${f3(res.topic.r)} (tp ${res.topic.tp} fp ${res.topic.fp} fn ${res.topic.fn})`);
  L.push(`outcome, sample-size and topic misses (${res.misses.length} total, first ${Math.min(maxMisses, res.misses.length)}):`);
  for (const m of res.misses.slice(0, maxMisses)) L.push(`  miss ${m}`);
  L.push('');
  L.push(`=== real-typed (corpus of ${typed.corpus} records; gold = PubMed's informative publication type)`);
  L.push(`fallback '${typed.fallbackDesign || '-'}' with no evidence: ${f3(typed.fallbackShare)} of the corpus`);
  L.push(...designLines('design with publication types', typed.withTypes, maxMisses));
  L.push(...designLines('design from text alone (types hidden)', typed.textOnly, maxMisses));
  return L.join('\n');
}

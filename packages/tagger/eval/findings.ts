/**
 * Scores finding direction, comparison and quality signals (issue #14) on a findings set
 * (eval/findings/*.json, shape in eval/findings/README.md).
 *
 * Direction and comparison are scored two ways: given the gold outcome (`findingFor`, so a
 * direction is judged even where the outcome tagger missed the outcome) and end to end (the
 * finding `tagStudy` gives for the outcome when it tagged it; an untagged gold outcome counts as
 * wrong). A blinding label is right when the lists are equal as sets (open-label counts as none).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FINDING_DIRECTIONS, type OutcomeId } from '@evidence/schema/vocabulary';
import { findingFor, tagStudy, type TaggableStudy } from '../src/index.ts';

const here = dirname(fileURLToPath(import.meta.url));

export interface FindingsRecord {
  id: string;
  title: string;
  abstract: string;
  abstractSections: TaggableStudy['abstractSections'];
  publicationTypes: string[];
  design: string;
  outcomes: { outcome: OutcomeId; direction: string; comparison: string | null; sentence: string | null }[];
  quality: {
    randomised: boolean;
    blinded: string[] | null;
    shamOrPlacebo: boolean;
    activeComparator: boolean;
    registrations: string[];
    nRandomisedOrEnrolled: number | null;
    includedStudies: number | null;
  };
}

export function loadFindingsSet(name: 'blind' | 'dev'): FindingsRecord[] {
  return JSON.parse(readFileSync(join(here, `findings/${name}-findings.json`), 'utf8')).records;
}

const taggable = (r: FindingsRecord): TaggableStudy => ({
  pmid: r.id,
  title: r.title,
  abstract: r.abstract,
  abstractSections: r.abstractSections,
  publicationTypes: r.publicationTypes,
  mesh: [],
  keywords: [],
});

export interface FindingsResult {
  name: string;
  records: number;
  findings: number;
  directionAcc: number;
  perDirection: Record<string, { p: number; r: number; f1: number; n: number }>;
  macroF1: number;
  comparisonAcc: number;
  sentenceAcc: number;
  endToEndDirectionAcc: number;
  endToEndComparisonAcc: number;
  quality: { randomised: number; blinded: number; shamOrPlacebo: number; activeComparator: number };
  registrationRecall: number;
  registrationPrecision: number;
  enrolledAcc: number;
  includedStudiesAcc: number;
  confusion: Record<string, Record<string, number>>;
  misses: string[];
}

const sameSet = (a: readonly string[] | null, b: readonly string[] | null) =>
  (a?.length ?? 0) === (b?.length ?? 0) && (a ?? []).every((x) => (b ?? []).includes(x));

export function evaluateFindings(name: string, records: FindingsRecord[]): FindingsResult {
  const confusion: Record<string, Record<string, number>> = {};
  const misses: string[] = [];
  let n = 0,
    dirOk = 0,
    compOk = 0,
    sentOk = 0,
    e2eDir = 0,
    e2eComp = 0;
  const q = { randomised: 0, blinded: 0, shamOrPlacebo: 0, activeComparator: 0 };
  let regTp = 0,
    regFp = 0,
    regFn = 0,
    enrolledOk = 0,
    includedOk = 0;
  for (const r of records) {
    const study = taggable(r);
    const tags = tagStudy(study);
    for (const g of r.outcomes) {
      n++;
      const f = findingFor(g.outcome, study);
      const row = (confusion[g.direction] ??= {});
      row[f.direction] = (row[f.direction] ?? 0) + 1;
      if (f.direction === g.direction) dirOk++;
      if (f.comparison === g.comparison) compOk++;
      if ((f.evidence?.sentence ?? null) === g.sentence || (g.sentence && f.evidence?.sentence.endsWith(g.sentence))) sentOk++;
      if (f.direction !== g.direction || f.comparison !== g.comparison)
        misses.push(
          `${r.id} ${g.outcome}: gold ${g.direction}/${g.comparison} got ${f.direction}/${f.comparison} «${f.evidence?.sentence ?? ''}» gold «${g.sentence ?? ''}»`,
        );
      const e = tags.findings.find((x) => x.outcome === g.outcome);
      if (e?.direction === g.direction) e2eDir++;
      if (e && e.comparison === g.comparison) e2eComp++;
    }
    const gq = r.quality;
    const pq = tags.quality;
    const checks: [keyof typeof q, boolean, string][] = [
      ['randomised', pq.randomised.value === gq.randomised, `${pq.randomised.value}`],
      ['blinded', sameSet(pq.blinded.value?.filter((v) => v !== 'open_label') ?? null, gq.blinded), JSON.stringify(pq.blinded.value)],
      ['shamOrPlacebo', pq.shamOrPlacebo.value === gq.shamOrPlacebo, `${pq.shamOrPlacebo.value}`],
      ['activeComparator', pq.activeComparator.value === gq.activeComparator, `${pq.activeComparator.value}`],
    ];
    for (const [k, ok, got] of checks)
      if (ok) q[k]++;
      else misses.push(`${r.id} QUALITY ${k}: gold ${JSON.stringify(gq[k])} got ${got}`);
    const got = new Set(pq.registrations.map((x) => x.id));
    for (const id of gq.registrations)
      if (got.has(id)) regTp++;
      else {
        regFn++;
        misses.push(`${r.id} REGISTRATION missed ${id}`);
      }
    for (const id of got)
      if (!gq.registrations.includes(id)) {
        regFp++;
        misses.push(`${r.id} REGISTRATION spurious ${id}`);
      }
    if (pq.nRandomisedOrEnrolled.value === gq.nRandomisedOrEnrolled) enrolledOk++;
    else misses.push(`${r.id} ENROLLED gold ${gq.nRandomisedOrEnrolled} got ${pq.nRandomisedOrEnrolled.value}`);
    if (pq.includedStudies.value === gq.includedStudies) includedOk++;
    else misses.push(`${r.id} INCLUDED gold ${gq.includedStudies} got ${pq.includedStudies.value}`);
  }
  const perDirection: FindingsResult['perDirection'] = {};
  for (const d of FINDING_DIRECTIONS) {
    const tp = confusion[d]?.[d] ?? 0;
    const gold = Object.values(confusion[d] ?? {}).reduce((a, b) => a + b, 0);
    const pred = Object.values(confusion).reduce((a, row) => a + (row[d] ?? 0), 0);
    const p = pred ? tp / pred : 0,
      rec = gold ? tp / gold : 0;
    perDirection[d] = { p, r: rec, f1: p + rec ? (2 * p * rec) / (p + rec) : 0, n: gold };
  }
  const R = records.length;
  return {
    name,
    records: R,
    findings: n,
    directionAcc: dirOk / n,
    perDirection,
    macroF1: FINDING_DIRECTIONS.reduce((a, d) => a + perDirection[d]!.f1, 0) / FINDING_DIRECTIONS.length,
    comparisonAcc: compOk / n,
    sentenceAcc: sentOk / n,
    endToEndDirectionAcc: e2eDir / n,
    endToEndComparisonAcc: e2eComp / n,
    quality: {
      randomised: q.randomised / R,
      blinded: q.blinded / R,
      shamOrPlacebo: q.shamOrPlacebo / R,
      activeComparator: q.activeComparator / R,
    },
    registrationRecall: regTp + regFn ? regTp / (regTp + regFn) : 1,
    registrationPrecision: regTp + regFp ? regTp / (regTp + regFp) : 1,
    enrolledAcc: enrolledOk / R,
    includedStudiesAcc: includedOk / R,
    confusion,
    misses,
  };
}

export function reportFindings(res: FindingsResult, maxMisses = 40): string {
  const f = (x: number) => x.toFixed(3);
  const L: string[] = [];
  L.push(`=== findings: ${res.name} (${res.records} records, ${res.findings} study × outcome findings)`);
  L.push(
    `direction accuracy ${f(res.directionAcc)}   macro-F1 ${f(res.macroF1)}   comparison accuracy ${f(res.comparisonAcc)}   sentence ${f(res.sentenceAcc)}`,
  );
  L.push(`end to end (outcome must be tagged): direction ${f(res.endToEndDirectionAcc)}   comparison ${f(res.endToEndComparisonAcc)}`);
  L.push('direction        P      R      F1     n');
  for (const [d, c] of Object.entries(res.perDirection))
    L.push(`${d.padEnd(14)} ${f(c.p)}  ${f(c.r)}  ${f(c.f1)}  ${String(c.n).padStart(3)}`);
  L.push('direction confusion (rows gold, cols predicted):');
  L.push(''.padEnd(15) + FINDING_DIRECTIONS.map((d) => d.slice(0, 8).padStart(9)).join(''));
  for (const g of FINDING_DIRECTIONS)
    if (res.confusion[g]) L.push(g.padEnd(15) + FINDING_DIRECTIONS.map((d) => String(res.confusion[g]![d] ?? '.').padStart(9)).join(''));
  const q = res.quality;
  L.push(
    `quality accuracy: randomised ${f(q.randomised)}  blinded ${f(q.blinded)}  sham/placebo ${f(q.shamOrPlacebo)}  active comparator ${f(q.activeComparator)}`,
  );
  L.push(`registration ids: recall ${f(res.registrationRecall)}  precision ${f(res.registrationPrecision)}`);
  L.push(`enrolled/randomised exact ${f(res.enrolledAcc)}   included studies exact ${f(res.includedStudiesAcc)}`);
  L.push(`misses (${res.misses.length} total, first ${Math.min(maxMisses, res.misses.length)}):`);
  for (const m of res.misses.slice(0, maxMisses)) L.push(`  ${m}`);
  return L.join('\n');
}

/**
 * Sample size: participants enrolled/randomised; analysed only when no enrolled total is given.
 * Group sizes are summed only when the text gives no total ("(n = 26) ... (n = 24)", "N patients and
 * M controls", "n = 45 per group" × 2). Numbers of studies are never participants; meta-analyses
 * get pooled participants when stated. Preclinical studies and narrative reviews: null.
 */
import type { DesignId } from '@evidence/schema/vocabulary';
import { RULES } from './rules.ts';
import { type Sentence, sentenceAt } from './text.ts';
import { execFrom, family, type Family, type Hits } from './scan.ts';
import type { Evidence, SampleSizeTag, TaggableStudy } from './types.ts';

const S = RULES.sampleSize;
/** Number words up to nineteen, and the tens (quality.ts reads the included-studies count with them too). */
export const UNITS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
export const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const W_UNIT = Object.keys(UNITS).join('|');
const W_TENS = Object.keys(TENS).join('|');
const WORDNUM = `(?:(?:${W_UNIT}) hundred(?: and)?[ -])?(?:(?:${W_TENS})(?:-(?:${W_UNIT.replace(/\|?(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)/g, '')}))?|${W_UNIT})|(?:${W_UNIT}) hundred`;
const NUM = `(?:\\d{1,3}(?:,\\d{3})+|\\d+|${WORDNUM})`;
const personAlt = [...S.persons]
  .sort((a, b) => b.length - a.length)
  .map((p) => p.replace(/[-]/g, '\\-'))
  .join('|');
/** number, up to 5 adjective-like words, person noun */
const PERSON_RE = family(
  new RegExp(
    `(?<![\\w.,-])(?<num>${NUM})(?<mid>(?: (?!and\\b|or\\b|of\\b|with\\b|were\\b|to\\b|in\\b|per\\b|from\\b)[A-Za-z'-]+){0,5}?) (?<noun>${personAlt})\\b`,
    'gi',
  ),
);
// The text after the number is looked at, not consumed: "(IFX: n = 30, ADA: n = 41)" holds two group sizes.
const NEQ_RE = family(/\b[nN]\s?=\s?(?<num>\d{1,3}(?:,\d{3})+|\d+)(?=(?<after>[^;)]{0,25}))/g);
/** A bare count that the verb marks as participants: "20 (11 men; mean age 55) were recruited", "96 were randomised". */
const ENROLLED_RE = family(
  new RegExp(
    `(?<![\\w.,-])(?<num>${NUM})(?: \\([^)]{0,160}\\))? (?:were|was) (?:randomly )?(?:recruited|enrolled|randomi[sz]ed|included|allocated)\\b`,
    'gi',
  ),
);
/** The regexes this module runs through the prefilter. */
export const SAMPLE_SIZE_FAMILIES: readonly Family[] = [PERSON_RE, NEQ_RE, ENROLLED_RE];
/**
 * A second arm counted in parallel with a participant count in the same sentence: "32 patients were
 * allocated to X and 30 to Y", "47 participants ... and the waitlist arm 39 participants", "96 adults
 * were compared with 96 age- and sex-matched controls". The gap holds no other number; the follower is a
 * person noun or an allocation word, never "were analysed" (completers are not a second arm).
 */
const PARALLEL_AFTER = new RegExp(
  `^(?<gap>[^.;\\d]{0,100}?)\\b(?:and|(?:compared )?with|versus|vs\\.?)(?: (?!were\\b)[A-Za-z'-]+){0,3}? (?<num>${NUM})(?=(?: [A-Za-z'-]+){0,4}? (?:${personAlt})\\b| (?:to|into|in the|received|as controls|on the|with|were (?:randomly )?(?:allocated|assigned|randomi[sz]ed) to)\\b)`,
  'i',
);
/** A first arm just before a participant count: "1,876 test-positive and 1,912 test-negative young people". */
const PARALLEL_BEFORE = new RegExp(`(?<![\\w.,-])(?<num>${NUM})(?: [A-Za-z'-]+){0,3}? and $`, 'i');
const YEAR = /^(?:19|20)\d\d$/;
/**
 * Case reports: "a 35-year old woman", "a 9-day-old girl", "we discuss a term neonate" are one patient;
 * "we report two siblings" / "three cases" are that many.
 */
const CASE_COUNT =
  /\b(?:(?:a|an) (?:\d+|[a-z]+(?:-[a-z]+)?)[- ](?:year|month|week|day)s?[- ]old (?:man|woman|boy|girl|male|female|patient|infant|neonate|child|gentleman|lady)|we (?:report|describe|present|discuss) (?:a|an|one) (?:(?:term|preterm|young|elderly|pediatric|paediatric|pregnant) )?(?:man|woman|boy|girl|male|female|patient|infant|neonate|newborn|child|case)|we (?:report|describe|present|discuss|highlight) (?<num>two|three|four|five|six|seven|eight|nine|ten|\d+) (?:[a-z-]+ )?(?:cases|patients|sibs|siblings|brothers|sisters|children|infants|women|men))\b/i;
const PER_GROUP_AFTER = /^ (?:[A-Za-z'-]+ ){0,2}?(?:per (?:group|arm)|in each (?:group|arm))/i;
const NON_PERSON = new RegExp(`^\\s*(?:${S.nonPersons.join('|')})\\b`, 'i');
/** "48 hospitals and 2,000 patients": a first count of places or things is not an arm. */
const NON_PERSON_WORD = new RegExp(`\\b(?:${S.nonPersons.join('|')})\\b`, 'i');
const ENROL = new RegExp(S.enrolCues, 'i');
const SCREEN = new RegExp(S.screenCues, 'i');
const ANALYSED = new RegExp(S.analysedCues, 'i');
const PER_GROUP = new RegExp(S.perGroup, 'i');
/** "Of 29 invited athletes": a screening word among the words between the number and the noun. */
const SCREEN_MID = /\b(?:invited|eligible|screened|approached|assessed|contacted)\b/i;

function parseNumber(raw: string): number | null {
  const t = raw.toLowerCase().replace(/,/g, '').trim();
  if (/^\d+$/.test(t)) return Number(t);
  let total = 0;
  let rest = t;
  const h = /^(\w+) hundred(?: and)?[ -]?/.exec(rest);
  if (h) {
    total += (UNITS[h[1]!] ?? 0) * 100;
    rest = rest.slice(h[0].length);
  }
  if (rest) {
    const [a, b] = rest.split('-');
    if (TENS[a!] !== undefined) total += TENS[a!]! + (b ? (UNITS[b] ?? 0) : 0);
    else if (UNITS[a!] !== undefined) total += UNITS[a!]!;
    else return null;
  }
  return total || null;
}

interface Cand {
  value: number;
  start: number;
  end: number;
  score: number;
  sent: Sentence;
  group: boolean;
  control: boolean;
  /** Set when the candidate already combines arms (per group × 2, parallel arms). */
  ruleId?: string | null;
}

const YEAR_OLD = /^-year-old/;

export function tagSampleSize(
  study: TaggableStudy,
  design: DesignId,
  absS: Sentence[],
  isBg: (s: Sentence) => boolean,
  hits: Hits,
): SampleSizeTag | null {
  if (design === 'preclinical' || design === 'review' || design === 'non_research') return null;
  const text = study.abstract;
  const cands: Cand[] = [];
  const score = (s: Sentence, _start: number, end: number) => {
    const sent = text.slice(s.start, s.end);
    let sc = 0;
    if (ENROL.test(sent)) sc += 3;
    const after = text.slice(end, s.end);
    if (SCREEN.test(after)) sc -= 5;
    if (ANALYSED.test(after)) sc -= 2;
    if (/^\s*(?:were|was)? ?(?:included|randomi[sz]ed|enrolled)/i.test(after)) sc += 1;
    if (isBg(s)) sc -= 6;
    return sc;
  };
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = execFrom(PERSON_RE, text, hits, from))) {
    from = m.index + m[0].length;
    const g = m.groups!;
    const v = parseNumber(g.num!);
    const s = sentenceAt(absS, m.index);
    if (v === null || !s || v < 1) continue;
    if (YEAR_OLD.test(text.slice(m.index + g.num!.length))) continue;
    if (/\d\s*$/.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
    if (/%|per cent/.test(g.mid ?? '')) continue;
    const control = /controls|non-practitioners/i.test(g.noun!);
    const end = m.index + m[0].length;
    let value = v;
    let sc = score(s, m.index, end) - (SCREEN_MID.test(g.mid ?? '') ? 5 : 0);
    let ruleId: string | null = null;
    if (PER_GROUP_AFTER.test(text.slice(end, s.end))) {
      value *= 2;
      ruleId = 'sample_size.per_group';
    } else {
      const after = PARALLEL_AFTER.exec(text.slice(end, s.end));
      const b = PARALLEL_BEFORE.exec(text.slice(s.start, m.index));
      const before = b && !NON_PERSON_WORD.test(b[0]) ? b : null;
      const other = after ? parseNumber(after.groups!.num!) : before ? parseNumber(before.groups!.num!) : null;
      if (other !== null && !control) {
        value += other;
        ruleId = 'sample_size.parallel_arms';
        sc += 1;
      }
    }
    cands.push({
      value,
      start: m.index,
      end: m.index + g.num!.length,
      score: sc,
      sent: s,
      group: false,
      control: control && !ruleId,
      ruleId,
    });
  }
  if (design !== 'meta_analysis' && design !== 'systematic_review') {
    from = 0;
    while ((m = execFrom(ENROLLED_RE, text, hits, from))) {
      from = m.index + m[0].length;
      const v = parseNumber(m.groups!.num!);
      const s = sentenceAt(absS, m.index);
      if (v === null || !s || v < 1) continue;
      if (/\d\s*$/.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
      if (YEAR.test(m.groups!.num!)) continue;
      const end = m.index + m.groups!.num!.length;
      const arm = PARALLEL_AFTER.exec(text.slice(m.index + m[0].length, s.end));
      const other = arm ? parseNumber(arm.groups!.num!) : null;
      cands.push({
        value: v + (other ?? 0),
        start: m.index,
        end,
        score: score(s, m.index, end),
        sent: s,
        group: false,
        control: false,
        ruleId: other === null ? 'sample_size.enrolled' : 'sample_size.parallel_arms',
      });
    }
  }
  from = 0;
  while ((m = execFrom(NEQ_RE, text, hits, from))) {
    from = m.index + m[0].length;
    const g = m.groups!;
    if (NON_PERSON.test(g.after!)) continue;
    const s = sentenceAt(absS, m.index);
    if (!s) continue;
    let v = Number(g.num!.replace(/,/g, ''));
    const start = m.index + m[0].indexOf(g.num!);
    if (PER_GROUP.test(g.after!)) v *= 2;
    cands.push({
      value: v,
      start,
      end: start + g.num!.length,
      score: score(s, m.index, start + g.num!.length),
      sent: s,
      group: true,
      control: false,
    });
  }
  if (cands.length === 0) {
    if (design === 'case_report') {
      const c = CASE_COUNT.exec(text);
      if (c) {
        const s = sentenceAt(absS, c.index)!;
        const value = c.groups!.num ? parseNumber(c.groups!.num) : 1;
        if (value) return { value, evidence: ev(text, s, c.index, c.index + c[0].length, 'sample_size.case_report') };
      }
    }
    return null;
  }
  // sum groups that share a sentence when that sentence states no total
  const bySent = new Map<Sentence, Cand[]>();
  for (const c of cands) {
    const l = bySent.get(c.sent) ?? [];
    l.push(c);
    bySent.set(c.sent, l);
  }
  const merged: (Cand & { ruleId: string })[] = [];
  for (const [s, list] of bySent) {
    list.sort((a, b) => a.start - b.start);
    const groups = list.filter((c) => c.group);
    const controls = list.filter((c) => c.control);
    const persons = list.filter((c) => !c.group && !c.control);
    const total = persons[0];
    if (groups.length >= 2 && total && total.start < groups[0]!.start && total.value >= Math.max(...groups.map((c) => c.value))) {
      merged.push({ ...total, ruleId: total.ruleId ?? 'sample_size.count_noun' });
      continue;
    }
    if (groups.length >= 2) {
      merged.push({
        ...groups[0]!,
        value: groups.reduce((a, c) => a + c.value, 0),
        end: groups.at(-1)!.end,
        score: Math.max(...groups.map((c) => c.score)),
        ruleId: 'sample_size.group_sum',
      });
      continue;
    }
    if (controls.length >= 1 && persons.length >= 1 && persons[0]!.start < controls[0]!.start && !persons[0]!.ruleId) {
      merged.push({
        ...persons[0]!,
        value: persons[0]!.value + controls[0]!.value,
        end: controls[0]!.end,
        ruleId: 'sample_size.cases_plus_controls',
      });
      continue;
    }
    for (const c of list) merged.push({ ...c, ruleId: c.ruleId ?? (c.group ? 'sample_size.n_equals' : 'sample_size.count_noun') });
    void s;
  }
  merged.sort((a, b) => b.score - a.score || a.start - b.start);
  const best = merged[0]!;
  return { value: best.value, evidence: ev(text, best.sent, best.start, best.end, best.ruleId) };
}

function ev(text: string, s: Sentence, start: number, end: number, ruleId: string): Evidence {
  return { field: 'abstract', sentence: text.slice(s.start, s.end), start, end, ruleId };
}

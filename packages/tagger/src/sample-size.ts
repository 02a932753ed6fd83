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
const UNITS: Record<string, number> = {
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
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
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
const NEQ_RE = family(/\b[nN]\s?=\s?(?<num>\d{1,3}(?:,\d{3})+|\d+)(?<after>[^;)]{0,25})/g);
/** The regexes this module runs through the prefilter. */
export const SAMPLE_SIZE_FAMILIES: readonly Family[] = [PERSON_RE, NEQ_RE];
const NON_PERSON = new RegExp(`^\\s*(?:${S.nonPersons.join('|')})\\b`, 'i');
const ENROL = new RegExp(S.enrolCues, 'i');
const SCREEN = new RegExp(S.screenCues, 'i');
const ANALYSED = new RegExp(S.analysedCues, 'i');
const PER_GROUP = new RegExp(S.perGroup, 'i');

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
    cands.push({
      value: v,
      start: m.index,
      end: m.index + g.num!.length,
      score: score(s, m.index, m.index + m[0].length),
      sent: s,
      group: false,
      control,
    });
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
      const c = /\b(?:A|An|a|an) \d+-year-old (?:man|woman|boy|girl|male|female|patient)/.exec(text);
      if (c) {
        const s = sentenceAt(absS, c.index)!;
        return { value: 1, evidence: ev(text, s, c.index, c.index + c[0].length, 'sample_size.case_report') };
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
    if (controls.length >= 1 && persons.length >= 1 && persons[0]!.start < controls[0]!.start) {
      merged.push({
        ...persons[0]!,
        value: persons[0]!.value + controls[0]!.value,
        end: controls[0]!.end,
        ruleId: 'sample_size.cases_plus_controls',
      });
      continue;
    }
    for (const c of list) merged.push({ ...c, ruleId: c.group ? 'sample_size.n_equals' : 'sample_size.count_noun' });
    void s;
  }
  merged.sort((a, b) => b.score - a.score || a.start - b.start);
  const best = merged[0]!;
  return { value: best.value, evidence: ev(text, best.sent, best.start, best.end, best.ruleId) };
}

function ev(text: string, s: Sentence, start: number, end: number, ruleId: string): Evidence {
  return { field: 'abstract', sentence: text.slice(s.start, s.end), start, end, ruleId };
}

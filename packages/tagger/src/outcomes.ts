import { OUTCOME_IDS, type OutcomeId } from '@evidence/schema/vocabulary';
import { RULES } from './rules.ts';
import { compile, sentenceAt, type Sentence } from './text.ts';
import type { Evidence, OutcomeTag, TaggableStudy } from './types.ts';

interface OutcomeRule { id: OutcomeId; re: RegExp; exclude: RegExp | null }
const defs = RULES.outcomes.outcomes as Record<string, { terms: string[]; exclude: string[] }>;
const OUTCOME_RULES: OutcomeRule[] = OUTCOME_IDS.map((id) => ({
  id,
  re: compile(defs[id]!.terms)!,
  exclude: compile(defs[id]!.exclude),
}));
const NOT_MEASURED = compile(RULES.outcomes.notMeasured, 'i')!;
const BG_CUES = compile(RULES.outcomes.backgroundCues, 'i')!;
const STUDY_CUES = compile(RULES.outcomes.studyCues, 'i')!;
const BG_CATS = new Set(RULES.outcomes.backgroundSectionCategories);

/** A sentence that states background rather than what this study measured. */
export function isBackground(text: string, s: Sentence): boolean {
  if (s.category && BG_CATS.has(s.category)) return true;
  if (s.category === 'TITLE') return false;
  const sent = text.slice(s.start, s.end);
  if (STUDY_CUES.test(sent)) return false;
  if (s.category === null && s.sectionIndex === 0 && s.indexInSection === 0) return true;
  return BG_CUES.test(sent);
}

function excluded(ex: RegExp | null, text: string, s: Sentence, mStart: number, mEnd: number): boolean {
  if (!ex) return false;
  ex.lastIndex = s.start;
  let m: RegExpExecArray | null;
  while ((m = ex.exec(text)) && m.index < s.end) {
    if (m.index <= mStart && m.index + m[0].length >= mEnd) return true;
    if (m[0].length === 0) ex.lastIndex++;
  }
  return false;
}

function findInText(rule: OutcomeRule, text: string, sents: Sentence[], field: 'title' | 'abstract'): Evidence | null {
  const re = rule.re;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const s = sentenceAt(sents, m.index);
    if (!s) continue;
    const end = m.index + m[0].length;
    if (excluded(rule.exclude, text, s, m.index, end)) continue;
    if (isBackground(text, s)) { re.lastIndex = s.end; continue; }
    const sentence = text.slice(s.start, s.end);
    if (NOT_MEASURED.test(sentence)) { re.lastIndex = s.end; continue; }
    return { field, sentence, start: m.index, end, ruleId: `outcome.${rule.id}.terms` };
  }
  return null;
}

function findInList(rule: OutcomeRule, list: string[], field: 'mesh' | 'keyword'): Evidence | null {
  for (let i = 0; i < list.length; i++) {
    const t = list[i]!;
    rule.re.lastIndex = 0;
    const m = rule.re.exec(t);
    if (!m) continue;
    if (rule.exclude) { rule.exclude.lastIndex = 0; if (rule.exclude.test(t)) continue; }
    return { field, sentence: t, start: m.index, end: m.index + m[0].length, ruleId: `outcome.${rule.id}.${field}`, index: i };
  }
  return null;
}

export function tagOutcomes(study: TaggableStudy, titleS: Sentence[], absS: Sentence[], meshTerms: string[]): OutcomeTag[] {
  const out: OutcomeTag[] = [];
  for (const rule of OUTCOME_RULES) {
    const ev = findInText(rule, study.abstract, absS, 'abstract')
      ?? findInText(rule, study.title, titleS, 'title')
      ?? findInList(rule, study.keywords, 'keyword')
      ?? findInList(rule, meshTerms, 'mesh');
    if (ev) out.push({ outcome: rule.id, evidence: ev });
  }
  return out;
}

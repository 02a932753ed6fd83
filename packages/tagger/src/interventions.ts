import { RULES } from './rules.ts';
import { execFrom, family, type Family, type Hits } from './scan.ts';
import { sentenceAt, type Sentence } from './text.ts';
import type { InterventionTag, TaggableStudy } from './types.ts';

interface Ex {
  id: string;
  parameter: string;
  re: Family;
  unit: string | null;
  context: RegExp | null;
  value?: string;
}
// biome-ignore lint/suspicious/noExplicitAny: the rule files are JSON read at start; their shape is checked by the tagger's tests
const EXTRACTORS: Ex[] = RULES.interventions.extractors.map((e: any) => ({
  id: e.id,
  parameter: e.parameter,
  re: family(new RegExp(e.pattern, 'gi')),
  unit: e.unit ?? null,
  context: e.context ? new RegExp(e.context, 'i') : null,
  value: e.value,
}));
/** The regexes this module runs through the prefilter. */
export const INTERVENTION_FAMILIES: readonly Family[] = EXTRACTORS.map((e) => e.re);
const WS = /\s+/g;

export function tagInterventions(study: TaggableStudy, absS: Sentence[], hits: Hits): InterventionTag[] {
  const text = study.abstract;
  const out: InterventionTag[] = [];
  let seen: Set<string> | null = null;
  for (const ex of EXTRACTORS) {
    let from = 0;
    let m: RegExpExecArray | null;
    while ((m = execFrom(ex.re, text, hits, from))) {
      from = m.index + m[0].length;
      const g = m.groups ?? {};
      const raw = g.v ?? g.v2 ?? m[0];
      const s = sentenceAt(absS, m.index);
      if (!s) continue;
      const sentence = text.slice(s.start, s.end);
      if (ex.context && !ex.context.test(sentence)) continue;
      const value = ex.value ?? raw.replace(WS, ' ');
      const key = `${ex.parameter}|${value.toLowerCase()}|${ex.unit}`;
      if (seen === null) seen = new Set<string>();
      if (seen.has(key)) continue;
      seen.add(key);
      const vStart = m.index + m[0].indexOf(raw);
      out.push({
        parameter: ex.parameter,
        value,
        unit: ex.unit,
        evidence: { field: 'abstract', sentence, start: vStart, end: vStart + raw.length, ruleId: ex.id },
      });
    }
  }
  return out;
}

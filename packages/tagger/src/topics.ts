import type { TopicDefinition } from '@evidence/schema/vocabulary';
import { RULES } from './rules.ts';
import type { Evidence, TaggableStudy } from './types.ts';

interface CompiledTopic {
  id: string;
  re: RegExp | null;
  acronyms: { re: RegExp; longForms: RegExp | null }[];
  mesh: Set<string>;
  veto: RegExp | null;
}
const cache = new WeakMap<TopicDefinition[], CompiledTopic[]>();
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Synonym → regex source: hyphen/space variants, optional plural s. */
const variant = (s: string) => esc(s).replace(/(?:\\-|\s)+/g, '[\\s-]?') + 's?';
const isAcronym = (s: string) => /^[a-z]{0,2}[A-Z]{2,}[A-Za-z-]*$/.test(s) && !/\s/.test(s);
const vetoes = RULES.topics.mesh_only_veto as Record<string, string[]>;

function compileTopics(topics: TopicDefinition[]): CompiledTopic[] {
  let c = cache.get(topics);
  if (c) return c;
  c = topics.map((t) => {
    const phrases = t.synonyms.filter((s) => !isAcronym(s));
    const acr = t.synonyms.filter(isAcronym);
    const longForms = phrases.length ? new RegExp(phrases.map(variant).join('|'), 'i') : null;
    return {
      id: t.id,
      re: phrases.length ? new RegExp(`(?<![\\w])(?:${phrases.map(variant).join('|')})(?![\\w])`, 'gi') : null,
      acronyms: acr.map((a) => ({ re: new RegExp(`(?<![\\w-])${variant(a)}(?![\\w])`, 'gi'), longForms })),
      mesh: new Set(t.mesh.map((m) => m.toLowerCase())),
      veto: vetoes[t.id] ? new RegExp(vetoes[t.id]!.join('|'), 'i') : null,
    };
  });
  cache.set(topics, c);
  return c;
}

/** An acronym defined in the text as something that is not one of the topic's long forms. */
function definedOtherwise(text: string, acronym: string, longForms: RegExp | null): boolean {
  const needle = `(${acronym.toLowerCase()})`;
  const lower = text.toLowerCase();
  let definedAsOther = false;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
    let from = at;
    while (from > 0 && at - from < 80 && !'().;'.includes(text[from - 1]!)) from--;
    if (longForms?.test(text.slice(from, at))) return false;
    definedAsOther = true;
  }
  return definedAsOther;
}

export function matchTopics(study: TaggableStudy, topics: TopicDefinition[]): { topic: string; evidence: Evidence }[] {
  const out: { topic: string; evidence: Evidence }[] = [];
  for (const t of compileTopics(topics)) {
    let ev: Evidence | null = null;
    const fields = [
      ['title', study.title],
      ['abstract', study.abstract],
    ] as const;
    for (const [field, text] of fields) {
      if (ev) break;
      if (t.re) {
        t.re.lastIndex = 0;
        const m = t.re.exec(text);
        if (m) {
          ev = { field, sentence: sentenceOf(text, m.index), start: m.index, end: m.index + m[0].length, ruleId: `topic.${t.id}.synonym` };
          break;
        }
      }
      for (const a of t.acronyms) {
        a.re.lastIndex = 0;
        const m = a.re.exec(text);
        if (m && !definedOtherwise(study.title + ' ' + study.abstract, m[0], a.longForms)) {
          ev = { field, sentence: sentenceOf(text, m.index), start: m.index, end: m.index + m[0].length, ruleId: `topic.${t.id}.acronym` };
          break;
        }
      }
    }
    if (!ev) {
      study.keywords.forEach((k, i) => {
        if (ev || !t.re) return;
        t.re.lastIndex = 0;
        const m = t.re.exec(k);
        if (m)
          ev = { field: 'keyword', sentence: k, start: m.index, end: m.index + m[0].length, ruleId: `topic.${t.id}.keyword`, index: i };
      });
    }
    if (!ev) {
      const i = study.mesh.findIndex((m) => t.mesh.has(m.descriptor.toLowerCase()));
      if (i >= 0 && !(t.veto && (t.veto.test(study.title) || t.veto.test(study.abstract)))) {
        const d = study.mesh[i]!.descriptor;
        ev = { field: 'mesh', sentence: d, start: 0, end: d.length, ruleId: `topic.${t.id}.mesh`, index: i };
      }
    }
    if (ev) out.push({ topic: t.id, evidence: ev });
  }
  return out;
}

function sentenceOf(text: string, at: number): string {
  let s = at;
  while (s > 0 && !/[.!?]\s$/.test(text.slice(Math.max(0, s - 2), s)) && text[s - 1] !== '\n') s--;
  let e = at;
  while (e < text.length && !(/[.!?]/.test(text[e]!) && (e + 1 >= text.length || /\s/.test(text[e + 1]!)))) e++;
  return text.slice(s, Math.min(text.length, e + 1));
}

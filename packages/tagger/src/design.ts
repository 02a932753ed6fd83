import type { DesignId } from '@evidence/schema/vocabulary';
import { RULES } from './rules.ts';
import { compile, type Sentence } from './text.ts';
import type { DesignTag, Evidence, TaggableStudy } from './types.ts';

const D = RULES.designs;
const PRECEDENCE = D.precedence as DesignId[];
const PT = new Map<string, DesignId>();
for (const [design, types] of Object.entries(D.publicationTypes)) for (const t of types) PT.set(t.toLowerCase(), design as DesignId);
const CUES = PRECEDENCE.map((d) => ({ design: d, re: compile((D.textCues as Record<string, string[]>)[d] ?? [], 'gim') }));
const NEGATED = compile(D.negatedCues, 'i')!;
const PRECLIN_MESH = new Set(D.preclinicalMesh);
const HUMAN_MESH = new Set(D.humanMesh);
const rank = (d: DesignId) => PRECEDENCE.indexOf(d);

function textCue(design: DesignId, re: RegExp, study: TaggableStudy, absS: Sentence[]): Evidence | null {
  for (const [field, text] of [['title', study.title], ['abstract', study.abstract]] as const) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      let s = { start: 0, end: text.length };
      if (field === 'abstract') {
        const found = absS.find((x) => m!.index >= x.start && m!.index < x.end);
        if (found) s = found;
      }
      const sentence = text.slice(s.start, s.end);
      if (NEGATED.test(sentence)) { re.lastIndex = Math.max(re.lastIndex, s.end); continue; }
      return { field, sentence, start: m.index, end: m.index + m[0].length, ruleId: `design.${design}.text` };
    }
  }
  return null;
}

export function tagDesign(study: TaggableStudy, absS: Sentence[]): DesignTag {
  // 1. publication types (best precedence wins)
  let best: { design: DesignId; ev: Evidence } | null = null;
  study.publicationTypes.forEach((t, i) => {
    const d = PT.get(t.toLowerCase());
    if (d && (!best || rank(d) < rank(best.design))) {
      best = { design: d, ev: { field: 'publication_type', sentence: t, start: 0, end: t.length, ruleId: `design.${d}.publication_type`, index: i } };
    }
  });
  // animal research overrides trial/observational publication types
  const animal = study.mesh.findIndex((m) => PRECLIN_MESH.has(m.descriptor));
  const human = study.mesh.some((m) => HUMAN_MESH.has(m.descriptor));
  if (animal >= 0 && !human && (!best || rank('preclinical') < rank((best as { design: DesignId }).design))) {
    const t = study.mesh[animal]!.descriptor;
    return { design: 'preclinical', evidence: { field: 'mesh', sentence: t, start: 0, end: t.length, ruleId: 'design.preclinical.mesh', index: animal } };
  }
  const b = best as { design: DesignId; ev: Evidence } | null;
  // 2. text cues that may refine a weaker publication type
  for (const c of CUES) {
    if (!c.re) continue;
    if (b && rank(c.design) >= rank(b.design)) break;
    if (b && (b.design === 'rct' || b.design === 'review' || b.design === 'other') && c.design !== 'protocol' && c.design !== 'preclinical') continue;
    if (c.design === 'preclinical' && human) continue;
    const ev = textCue(c.design, c.re, study, absS);
    if (ev) return { design: c.design, evidence: ev };
  }
  if (b) return { design: b.design, evidence: b.ev };
  return { design: D.fallback as DesignId, evidence: null };
}

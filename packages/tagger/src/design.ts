import type { DesignId } from '@evidence/schema/vocabulary';
import { RULES } from './rules.ts';
import { compile, type Sentence } from './text.ts';
import { execFrom, family, type Family, type Hits } from './scan.ts';
import type { DesignTag, Evidence, TaggableStudy } from './types.ts';

const D = RULES.designs;
const PRECEDENCE = D.precedence as DesignId[];
const PT = new Map<string, DesignId>();
for (const [design, types] of Object.entries(D.publicationTypes)) for (const t of types) PT.set(t.toLowerCase(), design as DesignId);
const CUES = PRECEDENCE.map((d) => {
  const re = compile((D.textCues as Record<string, string[]>)[d] ?? [], 'gim');
  return { design: d, re: re ? family(re) : null, ruleId: `design.${d}.text` };
});
/** The regexes this module runs through the prefilter. */
export const DESIGN_FAMILIES: readonly Family[] = CUES.flatMap((c) => (c.re ? [c.re] : []));
const NEGATED = compile(D.negatedCues, 'i')!;
const PRECLIN_MESH = new Set(D.preclinicalMesh);
const HUMAN_MESH = new Set(D.humanMesh);
const rank = (d: DesignId) => PRECEDENCE.indexOf(d);

function textCue(ruleId: string, re: Family, study: TaggableStudy, absS: Sentence[], titleHits: Hits, absHits: Hits): Evidence | null {
  for (let f = 0; f < 2; f++) {
    const field = f === 0 ? 'title' : 'abstract';
    const text = f === 0 ? study.title : study.abstract;
    const hits = f === 0 ? titleHits : absHits;
    let from = 0;
    let m: RegExpExecArray | null;
    while ((m = execFrom(re, text, hits, from))) {
      from = m.index + m[0].length;
      let sStart = 0,
        sEnd = text.length;
      if (field === 'abstract') {
        const idx = m.index;
        const found = absS.find((x) => idx >= x.start && idx < x.end);
        if (found) {
          sStart = found.start;
          sEnd = found.end;
        }
      }
      const sentence = text.slice(sStart, sEnd);
      if (NEGATED.test(sentence)) {
        from = Math.max(from, sEnd);
        continue;
      }
      return { field, sentence, start: m.index, end: m.index + m[0].length, ruleId };
    }
  }
  return null;
}

export function tagDesign(study: TaggableStudy, absS: Sentence[], titleHits: Hits, absHits: Hits): DesignTag {
  // 1. publication types (best precedence wins)
  let best: { design: DesignId; ev: Evidence } | null = null;
  study.publicationTypes.forEach((t, i) => {
    const d = PT.get(t.toLowerCase());
    if (d && (!best || rank(d) < rank(best.design))) {
      best = {
        design: d,
        ev: { field: 'publication_type', sentence: t, start: 0, end: t.length, ruleId: `design.${d}.publication_type`, index: i },
      };
    }
  });
  // animal research overrides trial/observational publication types
  const animal = study.mesh.findIndex((m) => PRECLIN_MESH.has(m.descriptor));
  const human = study.mesh.some((m) => HUMAN_MESH.has(m.descriptor));
  if (animal >= 0 && !human && (!best || rank('preclinical') < rank((best as { design: DesignId }).design))) {
    const t = study.mesh[animal]!.descriptor;
    return {
      design: 'preclinical',
      evidence: { field: 'mesh', sentence: t, start: 0, end: t.length, ruleId: 'design.preclinical.mesh', index: animal },
    };
  }
  const b = best as { design: DesignId; ev: Evidence } | null;
  // 2. text cues that may refine a weaker publication type
  for (const c of CUES) {
    if (!c.re) continue;
    if (b && rank(c.design) >= rank(b.design)) break;
    if (b && (b.design === 'rct' || b.design === 'review' || b.design === 'other') && c.design !== 'protocol' && c.design !== 'preclinical')
      continue;
    if (c.design === 'preclinical' && human) continue;
    const ev = textCue(c.ruleId, c.re, study, absS, titleHits, absHits);
    if (ev) return { design: c.design, evidence: ev };
  }
  if (b) return { design: b.design, evidence: b.ev };
  return { design: D.fallback as DesignId, evidence: null };
}

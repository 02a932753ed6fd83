import type { DesignId } from '@evidence/schema/vocabulary';
import { RULES } from './rules.ts';
import { compile, type Sentence } from './text.ts';
import { execFrom, family, type Family, type Hits } from './scan.ts';
import type { DesignTag, Evidence, TaggableStudy } from './types.ts';

const D = RULES.designs;
const PRECEDENCE = D.precedence as DesignId[];
/** Publication type (lower case) → its design and the rank of its group (lower wins). */
const PT = new Map<string, { design: DesignId; rank: number }>();
D.publicationTypes.forEach((g, rank) => {
  for (const t of g.types) PT.set(t.toLowerCase(), { design: g.design as DesignId, rank });
});
const REFINES = new Map<string, Set<string>>(
  Object.entries(D.textRefines).flatMap(([d, to]) => (Array.isArray(to) ? [[d, new Set(to as string[])]] : [])),
);
const CUES = PRECEDENCE.map((d) => {
  const re = compile((D.textCues as Record<string, string[]>)[d] ?? [], 'gim');
  return { design: d, re: re ? family(re) : null, ruleId: `design.${d}.text` };
});
/** The regexes this module runs through the prefilter. */
export const DESIGN_FAMILIES: readonly Family[] = CUES.flatMap((c) => (c.re ? [c.re] : []));
const NEGATED = compile(D.negatedCues, 'i')!;
const PRECLIN_MESH = new Set(D.preclinicalMesh);
const PRECLIN_OVERRIDES = new Set<string>(D.preclinicalMeshOverrides.designs);
const HUMAN_MESH = new Set(D.humanMesh);

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

/**
 * Publication types first: the indexer's type decides; the text decides only what the types leave
 * open (no informative type, or a type `textRefines` lets a cue refine). Nothing found: the fallback
 * ('unclassified'), with no evidence — never a guess.
 */
export function tagDesign(study: TaggableStudy, absS: Sentence[], titleHits: Hits, absHits: Hits): DesignTag {
  let best: { design: DesignId; rank: number; ev: Evidence } | null = null;
  study.publicationTypes.forEach((t, i) => {
    const g = PT.get(t.toLowerCase());
    if (g && (!best || g.rank < best.rank)) {
      best = {
        ...g,
        ev: { field: 'publication_type', sentence: t, start: 0, end: t.length, ruleId: `design.${g.design}.publication_type`, index: i },
      };
    }
  });
  const b = best as { design: DesignId; rank: number; ev: Evidence } | null;
  // Animal research overrides trial/observational publication types (and the text).
  const animal = study.mesh.findIndex((m) => PRECLIN_MESH.has(m.descriptor));
  const human = study.mesh.some((m) => HUMAN_MESH.has(m.descriptor));
  if (animal >= 0 && !human && (!b || PRECLIN_OVERRIDES.has(b.design))) {
    const t = study.mesh[animal]!.descriptor;
    return {
      design: 'preclinical',
      evidence: { field: 'mesh', sentence: t, start: 0, end: t.length, ruleId: 'design.preclinical.mesh', index: animal },
    };
  }
  const refinable = b ? REFINES.get(b.design) : undefined;
  if (!b || refinable) {
    for (const c of CUES) {
      if (!c.re || (refinable && !refinable.has(c.design))) continue;
      if (c.design === 'preclinical' && human) continue;
      const ev = textCue(c.ruleId, c.re, study, absS, titleHits, absHits);
      if (ev) return { design: c.design, evidence: ev };
    }
  }
  if (b) return { design: b.design, evidence: b.ev };
  return { design: D.fallback as DesignId, evidence: null };
}

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
interface Cue {
  design: DesignId;
  re: Family | null;
  ruleId: string;
  /** A design this text names explicitly may be stated in a sentence that also mentions future research. */
  negatable: boolean;
  /** Anywhere in title or abstract, one of these rules the cue out (e.g. "no meta-analysis was possible"). */
  veto: RegExp | null;
  /** Somewhere in title or abstract one of these must appear for the cue to hold (a meta-analysis names studies or trials). */
  requires: RegExp | null;
  /** Animal words in a study MeSH-indexed as human are background ("shown in rats"), not the study. */
  humanBlocks: boolean;
}
const NEGATION_EXEMPT = new Set<string>(D.negationExempt);
const VETOES: Record<string, string[]> = Object.fromEntries(
  Object.entries(D.vetoes).flatMap(([d, v]) => (Array.isArray(v) ? [[d, v as string[]]] : [])),
);
const REQUIRES: Record<string, string[]> = Object.fromEntries(
  Object.entries(D.requires).flatMap(([d, v]) => (Array.isArray(v) ? [[d, v as string[]]] : [])),
);
const cuesOf = (order: DesignId[], lists: Record<string, string[]>, tier: string): Cue[] =>
  order.map((d) => {
    const re = compile(lists[d] ?? [], 'gim');
    return {
      design: d,
      re: re ? family(re) : null,
      ruleId: `design.${d}.${tier}`,
      negatable: !NEGATION_EXEMPT.has(d),
      veto: compile(VETOES[d] ?? [], 'i'),
      requires: compile(REQUIRES[d] ?? [], 'i'),
      humanBlocks: d === 'preclinical' && tier === 'text',
    };
  });
/** Explicit design statements ("we conducted a randomised trial"), in precedence order; cell and molecular-tool cues right after the animal ones. */
const CUES = cuesOf(PRECEDENCE, D.textCues, 'text').flatMap((c) =>
  c.design === 'preclinical' ? [c, ...cuesOf(['preclinical'], { preclinical: D.inVitroCues.cues }, 'in_vitro')] : [c],
);
/**
 * Subject-matter cues (cell lines, materials chemistry, "recent advances"), tried only when neither the
 * types nor an explicit statement name the design: they say what kind of work it is, not how it was designed.
 */
const DOMAIN_CUES = cuesOf(D.domainCues.precedence as DesignId[], D.domainCues.cues, 'domain');
/** MeSH descriptors that mark the kind of work (cell lines, cultured cells), tried right after their design's domain cues. */
const DOMAIN_MESH = new Map<string, DesignId>(
  Object.entries(D.domainCues.mesh as Record<string, string[]>).flatMap(([d, l]) => l.map((m) => [m, d as DesignId] as const)),
);
/** The regexes this module runs through the prefilter. */
export const DESIGN_FAMILIES: readonly Family[] = [...CUES, ...DOMAIN_CUES].flatMap((c) => (c.re ? [c.re] : []));
const NEGATED = compile(D.negatedCues, 'i')!;
const PRECLIN_MESH = new Set(D.preclinicalMesh);
const PRECLIN_OVERRIDES = new Set<string>(D.preclinicalMeshOverrides.designs);
const HUMAN_MESH = new Set(D.humanMesh);

function textCue(cue: Cue, study: TaggableStudy, absS: Sentence[], titleHits: Hits, absHits: Hits): Evidence | null {
  const re = cue.re!;
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
      if (cue.negatable && NEGATED.test(sentence)) {
        from = Math.max(from, sEnd);
        continue;
      }
      // Record-level checks only once a cue has matched: most records never match these designs' cues.
      if (cue.veto && (cue.veto.test(study.title) || cue.veto.test(study.abstract))) return null;
      if (cue.requires && !cue.requires.test(study.title) && !cue.requires.test(study.abstract)) return null;
      return { field, sentence, start: m.index, end: m.index + m[0].length, ruleId: cue.ruleId };
    }
  }
  return null;
}

/**
 * Publication types first: the indexer's type decides; the text decides only what the types leave
 * open (no informative type, or a type `textRefines` lets a cue refine). With no informative type and
 * no explicit design statement, subject-matter cues and laboratory MeSH decide (ADR 0014). Nothing
 * found: the fallback ('unclassified'), with no evidence — never a guess.
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
      if (c.humanBlocks && human) continue;
      const ev = textCue(c, study, absS, titleHits, absHits);
      if (ev) return { design: c.design, evidence: ev };
    }
  }
  if (!b) {
    for (const c of DOMAIN_CUES) {
      const ev = c.re ? textCue(c, study, absS, titleHits, absHits) : null;
      if (ev) return { design: c.design, evidence: ev };
      const i = study.mesh.findIndex((m) => DOMAIN_MESH.get(m.descriptor) === c.design);
      if (i >= 0) {
        const t = study.mesh[i]!.descriptor;
        return {
          design: c.design,
          evidence: { field: 'mesh', sentence: t, start: 0, end: t.length, ruleId: `design.${c.design}.domain_mesh`, index: i },
        };
      }
    }
  }
  if (b) return { design: b.design, evidence: b.ev };
  return { design: D.fallback as DesignId, evidence: null };
}

// Maps evidence sentences onto the structured abstract. Tag offsets point into the joined `abstract`
// ("LABEL: text\n\n…"); each section's text is found in it in order, and the sentence is found in its
// section near the offset (falling back to the raw offsets when the sentence text is not there).
export interface Section {
  label: string | null;
  text: string;
  markup: string;
}
export interface EvidenceTag {
  id: number;
  value: string;
  evidence: { field: string; sentence: string; start: number; end: number } | null;
}
/** `anchors`: the tags whose sentence starts in this segment (each gets an element id). */
export interface Segment {
  text: string;
  tags: number[];
  anchors: number[];
}

function sectionOffsets(abstract: string | null, sections: Section[]): number[] {
  let from = 0;
  return sections.map((s) => {
    const at = abstract ? abstract.indexOf(s.text, from) : -1;
    if (at >= 0) from = at + s.text.length;
    return at;
  });
}

/** Splits each section into plain-text segments, marking which evidence tags cover each segment. */
export function segmentSections(abstract: string | null, sections: Section[], tags: EvidenceTag[]): Segment[][] {
  const offsets = sectionOffsets(abstract, sections);
  const ranges: { section: number; start: number; end: number; tag: number }[] = [];
  for (const tag of tags) {
    const ev = tag.evidence;
    if (ev?.field !== 'abstract') continue;
    let index = offsets.findIndex((o, i) => o >= 0 && ev.start >= o && ev.start <= o + sections[i]!.text.length);
    if (index < 0) index = sections.findIndex((s) => s.text.includes(ev.sentence));
    if (index < 0) continue;
    const text = sections[index]!.text;
    const local = Math.max(0, ev.start - Math.max(0, offsets[index]!));
    // The occurrence of the sentence closest before the match.
    let best = -1;
    for (let at = text.indexOf(ev.sentence); at >= 0; at = text.indexOf(ev.sentence, at + 1)) {
      if (at <= local || best < 0) best = at;
      if (at > local) break;
    }
    if (best >= 0) ranges.push({ section: index, start: best, end: best + ev.sentence.length, tag: tag.id });
    else if (offsets[index]! >= 0)
      ranges.push({ section: index, start: local, end: Math.min(text.length, ev.end - offsets[index]!), tag: tag.id });
  }
  return sections.map((section, i) => {
    const mine = ranges.filter((r) => r.section === i);
    const cuts = new Set([0, section.text.length]);
    for (const r of mine) {
      cuts.add(r.start);
      cuts.add(r.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    const anchored = new Set<number>();
    const segments: Segment[] = [];
    for (let k = 0; k < points.length - 1; k++) {
      const [a, b] = [points[k]!, points[k + 1]!];
      if (a === b) continue;
      const covering = mine.filter((r) => r.start <= a && r.end >= b).map((r) => r.tag);
      // The first segment of each tag's sentence carries its anchor.
      const anchors = covering.filter((t) => !anchored.has(t));
      for (const t of covering) anchored.add(t);
      segments.push({ text: section.text.slice(a, b), tags: covering, anchors });
    }
    return segments;
  });
}

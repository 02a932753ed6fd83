import { describe, expect, it } from 'vitest';
import { segmentSections } from './evidence.ts';

const sections = [
  { label: 'METHODS', text: 'Fifty-six adolescents (n = 56) were randomized.', markup: '' },
  { label: 'RESULTS', text: 'PTSD symptoms decreased; sleep improved. Nothing else.', markup: '' },
];
const abstract = `METHODS: ${sections[0]!.text}\n\nRESULTS: ${sections[1]!.text}`;

describe('segmentSections', () => {
  it('highlights the evidence sentence in the right section (happy)', () => {
    const start = abstract.indexOf('sleep');
    const out = segmentSections(abstract, sections, [
      {
        id: 7,
        value: 'sleep',
        evidence: { field: 'abstract', sentence: 'PTSD symptoms decreased; sleep improved.', start, end: start + 5 },
      },
    ]);
    expect(out[0]).toEqual([{ text: sections[0]!.text, tags: [], anchors: [] }]);
    expect(out[1]!.map((s) => [s.text, s.tags, s.anchors])).toEqual([
      ['PTSD symptoms decreased; sleep improved.', [7], [7]],
      [' Nothing else.', [], []],
    ]);
  });

  it('gives two tags on one sentence one anchor each and ignores title evidence', () => {
    const out = segmentSections(abstract, sections, [
      {
        id: 1,
        value: 'ptsd',
        evidence: { field: 'abstract', sentence: 'PTSD symptoms decreased; sleep improved.', start: abstract.indexOf('PTSD'), end: 0 },
      },
      {
        id: 2,
        value: 'sleep',
        evidence: { field: 'abstract', sentence: 'PTSD symptoms decreased; sleep improved.', start: abstract.indexOf('sleep'), end: 0 },
      },
      { id: 3, value: 'x', evidence: { field: 'title', sentence: 'T', start: 0, end: 1 } },
    ]);
    expect(out[1]![0]!.tags).toEqual([1, 2]);
    expect(out[1]![0]!.anchors).toEqual([1, 2]);
  });
});

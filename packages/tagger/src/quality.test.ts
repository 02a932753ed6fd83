import { describe, expect, it } from 'vitest';
import { tagStudy, type TaggableStudy } from './index.ts';

function study(
  methods: string,
  publicationTypes: string[] = ['Journal Article'],
  results = 'Anxiety decreased (p = 0.01).',
): TaggableStudy {
  const abstractSections = [
    { label: 'METHODS', nlmCategory: 'METHODS', text: methods },
    { label: 'RESULTS', nlmCategory: 'RESULTS', text: results },
  ];
  return {
    pmid: '90000002',
    title: '[Fixture] A study',
    abstract: abstractSections.map((s) => `${s.label}: ${s.text}`).join('\n\n'),
    abstractSections,
    publicationTypes,
    mesh: [],
    keywords: [],
  };
}
const quality = (methods: string, types?: string[], results?: string) => tagStudy(study(methods, types, results)).quality;

describe('randomised', () => {
  it('from the text, with the sentence and the offsets of the cue', () => {
    const s = study('Forty adults were randomly assigned to stimulation or sham.');
    const q = tagStudy(s).quality.randomised;
    expect(q.value).toBe(true);
    expect(s.abstract.slice(q.evidence!.start, q.evidence!.end)).toBe('randomly assign');
    expect(q.evidence!.sentence).toBe('Forty adults were randomly assigned to stimulation or sham.');
  });
  it('not when negated', () => {
    expect(quality('In this non-randomised controlled study, forty adults chose stimulation or rest.').randomised.value).toBe(false);
  });
  it('from the publication type when the text does not say', () => {
    expect(quality('Forty adults received stimulation or sham.', ['Randomized Controlled Trial']).randomised).toMatchObject({
      value: true,
      evidence: { field: 'publication_type' },
    });
  });
  it('never for a review, even of randomised trials', () => {
    expect(quality('We pooled 12 randomised controlled trials of tapping.', ['Meta-Analysis']).randomised.value).toBe(false);
  });
});

describe('blinded', () => {
  it('a named level wins over who was unaware', () => {
    expect(quality('In this double-blind trial, participants were unaware of allocation.').blinded.value).toEqual(['double']);
  });
  it('who, when no level is named', () => {
    expect(quality('Participants and outcome assessors were blinded to group allocation.').blinded.value).toEqual([
      'participants',
      'assessors',
    ]);
    expect(quality('Spirometry was done by a technician blinded to allocation.').blinded.value).toEqual(['assessors']);
  });
  it('null when negated or not stated; open-label is its own value', () => {
    expect(quality('Participants could not be blinded to the breathing intervention.').blinded.value).toBeNull();
    expect(quality('Forty adults were randomised to stimulation or waitlist.').blinded.value).toBeNull();
    expect(quality('This open-label trial randomised forty adults.').blinded.value).toEqual(['open_label']);
  });
});

describe('sham or placebo, active comparator', () => {
  it('a sham arm, but not a negated one or a "placebo effect"', () => {
    expect(quality('Adults were randomised to active or sham stimulation.').shamOrPlacebo.value).toBe(true);
    expect(quality('The trial had no sham condition.').shamOrPlacebo.value).toBe(false);
    expect(quality('We discuss the placebo effect of breathing exercises in a single group.').shamOrPlacebo.value).toBe(false);
  });
  it('an active comparator, but not waitlist or usual care', () => {
    expect(quality('Adults were randomised to EMDR or prolonged exposure.').activeComparator.value).toBe(true);
    expect(quality('The control group received progressive muscle relaxation.').activeComparator.value).toBe(true);
    expect(quality('Adults were randomised to EMDR or a waitlist.').activeComparator.value).toBe(false);
    expect(quality('Adults were randomised to EMDR or usual care.').activeComparator.value).toBe(false);
  });
});

describe('counts', () => {
  it('included studies for a meta-analysis, null for a trial', () => {
    expect(
      quality('We searched four databases.', ['Meta-Analysis'], 'Fourteen trials (n = 902) met the inclusion criteria.').includedStudies
        .value,
    ).toBe(14);
    expect(
      quality('We searched four databases.', ['Systematic Review'], 'Of 812 records screened, we included 9 studies.').includedStudies
        .value,
    ).toBe(9);
    expect(
      quality('Forty adults were randomised.', ['Randomized Controlled Trial'], 'We included 9 studies.').includedStudies.value,
    ).toBeNull();
  });
  it('number randomised or enrolled is the sample-size tag', () => {
    const s = study('Forty-two adults were randomised to stimulation or sham.');
    const tags = tagStudy(s);
    expect(tags.quality.nRandomisedOrEnrolled.value).toBe(tags.sampleSize?.value ?? null);
    expect(tags.quality.nRandomisedOrEnrolled.value).toBe(42);
  });
});

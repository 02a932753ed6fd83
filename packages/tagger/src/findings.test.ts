import type { OutcomeId } from '@evidence/schema/vocabulary';
import { describe, expect, it } from 'vitest';
import { findingFor, tagStudy, type TaggableStudy } from './index.ts';

/** A synthetic study: sections as [label, text] (label null: unstructured). */
function study(
  sections: [string | null, string][],
  publicationTypes: string[] = ['Journal Article'],
  title = '[Fixture] A study',
): TaggableStudy {
  const abstractSections = sections.map(([label, text]) => ({ label, nlmCategory: label, text }));
  return {
    pmid: '90000001',
    title,
    abstract: abstractSections.map((s) => (s.label ? `${s.label}: ${s.text}` : s.text)).join('\n\n'),
    abstractSections,
    publicationTypes,
    mesh: [],
    keywords: [],
  };
}
const RCT = ['Randomized Controlled Trial', 'Journal Article'];
const trial = (results: string, methods = 'Sixty adults were randomised to active stimulation or sham stimulation.') =>
  study(
    [
      ['METHODS', methods],
      ['RESULTS', results],
    ],
    RCT,
  );
const direction = (outcome: OutcomeId, s: TaggableStudy) => findingFor(outcome, s).direction;

describe('direction', () => {
  it('a lower symptom score is improved, a higher one worsened (polarity)', () => {
    expect(direction('anxiety', trial('Compared with sham, stimulation lowered anxiety scores (p = 0.01).'))).toBe('improved');
    expect(direction('anxiety', trial('Compared with sham, stimulation raised anxiety scores (p = 0.01).'))).toBe('worsened');
  });

  it('a higher HRV is improved, a lower one worsened', () => {
    expect(direction('hrv', trial('RMSSD increased more with active than with sham stimulation (p = 0.02).'))).toBe('improved');
    expect(direction('hrv', trial('RMSSD decreased more with active than with sham stimulation (p = 0.02).'))).toBe('worsened');
  });

  it('per-measure polarity: a lower PSQI is improved sleep, a longer sleep latency worsened', () => {
    expect(direction('sleep', trial('PSQI scores decreased more than with sham (p = 0.03).'))).toBe('improved');
    expect(direction('sleep', trial('Sleep latency was longer after active than after sham stimulation (p = 0.03).'))).toBe('worsened');
  });

  it('condition versus healthy: lower HRV in the condition group is worsened', () => {
    const s = study(
      [
        ['METHODS', 'Forty adults with long COVID and forty healthy controls had 24-hour ECG recordings.'],
        ['RESULTS', 'Adults with long COVID had lower RMSSD than healthy controls (p < 0.001).'],
      ],
      ['Journal Article', 'Observational Study'],
    );
    expect(findingFor('hrv', s)).toMatchObject({ direction: 'worsened', comparison: 'vs_healthy' });
  });

  it('negations and "did not differ" are no_difference, never the change word inside them', () => {
    expect(direction('depression', trial('Depressive symptoms did not improve relative to sham.'))).toBe('no_difference');
    expect(direction('depression', trial('PHQ-9 scores did not differ between groups (p = 0.44).'))).toBe('no_difference');
    expect(direction('depression', trial('There was no significant reduction in depression compared with sham.'))).toBe('no_difference');
    expect(direction('depression', trial('Stimulation was not superior to sham for depression.'))).toBe('no_difference');
  });

  it('a non-significant trend is no_difference', () => {
    expect(direction('anxiety', trial('There was a non-significant trend towards lower anxiety with stimulation (p = 0.09).'))).toBe(
      'no_difference',
    );
  });

  it('a change with only non-significant p-values is no_difference', () => {
    expect(direction('anxiety', trial('Anxiety decreased more with stimulation than with sham (p = 0.21).'))).toBe('no_difference');
  });

  it('the between-group result overrides within-group change', () => {
    const s = trial(
      'Anxiety decreased from baseline in both groups (both p < 0.01). The between-group difference in anxiety was not significant compared with sham (p = 0.62).',
    );
    expect(findingFor('anxiety', s)).toMatchObject({ direction: 'no_difference', comparison: 'vs_control' });
  });

  it('"improved in both groups, with no difference between groups" is no_difference', () => {
    expect(direction('ptsd', trial('PTSD symptoms improved in both groups, with no significant difference between groups.'))).toBe(
      'no_difference',
    );
  });

  it('an outcome-less "but the difference was not significant" applies to the clause before', () => {
    expect(
      direction('fatigue', trial('Fatigue decreased more with stimulation, but the difference was not statistically significant.')),
    ).toBe('no_difference');
  });

  it('two measures of one outcome pointing different ways in one sentence are mixed', () => {
    expect(direction('hrv', trial('Compared with sham, RMSSD increased (p = 0.01), whereas HF power did not change.'))).toBe('mixed');
  });

  it('different outcomes in one sentence keep their own directions', () => {
    const s = trial('Compared with sham, anxiety decreased significantly (p = 0.01) and depression did not change (p = 0.40).');
    expect(direction('anxiety', s)).toBe('improved');
    expect(direction('depression', s)).toBe('no_difference');
  });

  it('the control group as the subject of "than" turns the comparison round', () => {
    expect(direction('anxiety', trial('Anxiety was higher in the sham group than in the active group (p = 0.03).'))).toBe('improved');
  });

  it('not_reported: a protocol, an outcome reported separately, an outcome only named', () => {
    const protocol = study(
      [['METHODS', 'This randomised trial will enrol 100 adults; anxiety and sleep will be assessed at 8 weeks.']],
      ['Clinical Trial Protocol'],
    );
    expect(findingFor('anxiety', protocol)).toEqual({ outcome: 'anxiety', direction: 'not_reported', comparison: null, evidence: null });
    expect(direction('sleep', trial('Anxiety decreased compared with sham (p = 0.01). Sleep outcomes are reported separately.'))).toBe(
      'not_reported',
    );
    expect(direction('cognition', trial('Anxiety decreased compared with sham (p = 0.01).'))).toBe('not_reported');
  });

  it('meta-analysis: the pooled estimate decides; a CI that includes zero is no_difference', () => {
    const ma = study(
      [
        ['METHODS', 'We pooled randomised trials with random-effects models.'],
        [
          'RESULTS',
          'Eleven trials were included. Tapping reduced anxiety compared with controls (SMD -0.61, 95% CI -0.90 to -0.32). The pooled SMD for depression was -0.10 (95% CI -0.35 to 0.15).',
        ],
      ],
      ['Meta-Analysis'],
    );
    expect(findingFor('anxiety', ma)).toMatchObject({ direction: 'improved', comparison: 'pooled' });
    expect(findingFor('depression', ma)).toMatchObject({ direction: 'no_difference', comparison: 'pooled' });
  });

  it('a review whose findings were inconsistent is mixed', () => {
    const review = study(
      [[null, 'This systematic review included nine studies. Effects on sleep were inconsistent across studies.']],
      ['Systematic Review'],
    );
    expect(findingFor('sleep', review)).toMatchObject({ direction: 'mixed', comparison: 'pooled' });
  });

  it('the title decides only when the abstract gives nothing', () => {
    const s = study(
      [[null, 'We describe a pilot study in twelve students.']],
      ['Journal Article'],
      '[Fixture] Tapping reduces exam anxiety in students',
    );
    expect(findingFor('anxiety', s)).toMatchObject({ direction: 'improved', evidence: { field: 'title' } });
  });
});

describe('comparison', () => {
  it('within-group change in a single-arm study is vs_baseline', () => {
    const s = study([
      [null, 'Twenty adults practised slow breathing for four weeks. From baseline to week four, perceived stress fell (p = 0.01).'],
    ]);
    expect(findingFor('stress', s)).toMatchObject({ direction: 'improved', comparison: 'vs_baseline' });
  });
  it('a case report is vs_baseline', () => {
    const s = study(
      [[null, 'A woman with dental fear received four tapping sessions. Her anxiety rating fell from 9 to 3.']],
      ['Case Reports'],
    );
    expect(findingFor('anxiety', s)).toMatchObject({ direction: 'improved', comparison: 'vs_baseline' });
  });
});

describe('evidence', () => {
  it('start/end are the offsets of the sentence in the abstract, and the sentence is that slice', () => {
    const s = trial('Participants tolerated stimulation well. Compared with sham, pain scores decreased (p = 0.004).');
    const f = findingFor('pain', s);
    expect(f.evidence?.field).toBe('abstract');
    expect(s.abstract.slice(f.evidence!.start, f.evidence!.end)).toBe(f.evidence!.sentence);
    expect(f.evidence!.sentence).toBe('Compared with sham, pain scores decreased (p = 0.004).');
  });

  it('tagStudy gives one finding per tagged outcome, in the same order', () => {
    const s = trial('Compared with sham, anxiety decreased (p = 0.01) and pain did not change.');
    const tags = tagStudy(s);
    expect(tags.findings.map((f) => f.outcome)).toEqual(tags.outcomes.map((o) => o.outcome));
    expect(tags.findings.length).toBeGreaterThan(0);
  });
});

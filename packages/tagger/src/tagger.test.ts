import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { matchTopics, RULESET_VERSION, tagStudy, type TaggableStudy } from './index.ts';

const topics = JSON.parse(readFileSync(new URL('../../../data/topics.json', import.meta.url), 'utf8')).topics;

function study(sections: [string | null, string][], extra: Partial<TaggableStudy> = {}): TaggableStudy {
  const abstractSections = sections.map(([label, text]) => ({ label, nlmCategory: label, text }));
  return {
    pmid: 't',
    title: extra.title ?? 'A study',
    publicationTypes: [],
    mesh: [],
    keywords: [],
    ...extra,
    abstractSections,
    abstract: abstractSections.map((s) => (s.label ? `${s.label}: ${s.text}` : s.text)).join('\n\n'),
  };
}
const outcomes = (s: TaggableStudy) =>
  tagStudy(s)
    .outcomes.map((o) => o.outcome)
    .sort();

describe('outcomes', () => {
  it('negation: "no effect on HRV" is an outcome, "HRV was not measured" is not', () => {
    expect(outcomes(study([[null, 'We randomised 40 adults. taVNS had no effect on HRV.']]))).toContain('hrv');
    expect(outcomes(study([[null, 'We randomised 40 adults to taVNS and measured pain. HRV was not measured.']]))).toEqual(['pain']);
  });
  it('background-only mentions are ignored', () => {
    const s = study([
      ['BACKGROUND', 'Vagal tone is linked to inflammation.'],
      ['METHODS', 'We measured anxiety with the GAD-7 in 30 adults.'],
    ]);
    expect(outcomes(s)).toEqual(['anxiety']);
  });
  it('British spelling and hyphenation', () => {
    expect(
      outcomes(study([[null, 'We randomised 20 patients. Dyspnoea and quality-of-life scores improved; heart-rate variability rose.']])),
    ).toEqual(['hrv', 'quality_of_life', 'respiratory']);
    expect(outcomes(study([[null, 'In this trial, tumour necrosis factor and post-traumatic stress symptoms were assessed.']]))).toEqual([
      'inflammation',
      'ptsd',
    ]);
  });
  it('stimulation intensity below the pain threshold is not a pain outcome', () => {
    expect(outcomes(study([[null, 'We stimulated 20 adults at an intensity below the pain threshold and measured RMSSD.']]))).toEqual([
      'hrv',
    ]);
  });
});

describe('design precedence', () => {
  it('publication types beat text cues; meta-analysis beats systematic review', () => {
    expect(
      tagStudy(study([[null, 'Patients were randomly assigned.']], { publicationTypes: ['Meta-Analysis', 'Systematic Review'] })).design
        .design,
    ).toBe('meta_analysis');
  });
  it('text cues: protocol, rats, non-randomised, negated "RCTs are needed"', () => {
    expect(
      tagStudy(study([[null, 'We will recruit 90 adults who will be randomised.']], { title: 'taVNS: protocol for a trial' })).design
        .design,
    ).toBe('protocol');
    expect(tagStudy(study([[null, 'Forty rats received stimulation.']])).design.design).toBe('preclinical');
    expect(tagStudy(study([[null, 'In this non-randomised pilot study, 20 adults took part.']])).design.design).toBe('controlled_trial');
    const s = tagStudy(study([[null, 'In this cross-sectional study of 96 adults, stress was measured. Randomised trials are needed.']]));
    expect(s.design.design).toBe('observational');
    expect(s.design.evidence?.ruleId).toBe('design.observational.text');
  });
});

describe('publication types first', () => {
  const design = (s: TaggableStudy) => tagStudy(s).design;
  it('a letter, comment, editorial or notice is non_research whatever its text says, with the type as evidence', () => {
    const reply = design(study([[null, 'Our meta-analysis pooled 12 randomised trials.']], { publicationTypes: ['Letter', 'Comment'] }));
    expect(reply.design).toBe('non_research');
    expect(reply.evidence).toMatchObject({ field: 'publication_type', sentence: 'Letter', ruleId: 'design.non_research.publication_type' });
    expect(design(study([], { publicationTypes: ['Published Erratum', 'Randomized Controlled Trial'] })).design).toBe('non_research');
    expect(design(study([], { publicationTypes: ['Journal Article'], title: 'Erratum: Heart-rate variability in adults' })).design).toBe(
      'non_research',
    );
  });
  it('an indexed research type is kept: an observational study mentioning randomisation stays observational', () => {
    const s = study([[null, 'Of 900 adults in this cohort, 30 had been randomized in an earlier trial.']], {
      publicationTypes: ['Journal Article', 'Observational Study'],
    });
    expect(design(s).design).toBe('observational');
    expect(design({ ...s, publicationTypes: ['Letter', 'Case Reports'] }).design).toBe('case_report');
  });
  it('nothing identifies the design: unclassified with no evidence, never observational', () => {
    const d = design(study([[null, 'Quantum dots emit light at 520 nm.']], { publicationTypes: ['Journal Article'] }));
    expect(d).toEqual({ design: 'unclassified', evidence: null });
  });
  it('single-arm and phase II trials are controlled trials; a generic Clinical Trial type is refined by "randomised"', () => {
    expect(design(study([[null, 'In this phase II trial, 24 adults received taVNS for 8 weeks.']])).design).toBe('controlled_trial');
    expect(design(study([[null, 'Twenty adults were enrolled in a single-group feasibility study.']])).design).toBe('controlled_trial');
    expect(design(study([[null, 'Participants were randomised to taVNS or sham.']], { publicationTypes: ['Clinical Trial'] })).design).toBe(
      'rct',
    );
  });
  it('systematic review vs meta-analysis: pooling language decides', () => {
    const sr = { publicationTypes: ['Systematic Review'], title: 'Breathwork for anxiety: a systematic review and meta-analysis' };
    expect(design(study([[null, 'Eleven studies were included and described narratively.']], sr)).design).toBe('systematic_review');
    expect(design(study([[null, 'A random-effects model pooled eleven studies.']], sr)).design).toBe('meta_analysis');
  });
});

describe('sample size', () => {
  it('number words, n =, totals and group sums', () => {
    expect(tagStudy(study([[null, 'Sixty-four adults were randomly assigned.']])).sampleSize?.value).toBe(64);
    expect(tagStudy(study([[null, 'In this trial, N=120 outpatients were randomised.']])).sampleSize?.value).toBe(120);
    expect(tagStudy(study([[null, 'A total of 1,204 patients were enrolled.']])).sampleSize?.value).toBe(1204);
    expect(tagStudy(study([[null, 'Adults were randomised to taVNS (n = 26) or sham (n = 24).']])).sampleSize?.value).toBe(50);
    expect(tagStudy(study([[null, 'A total of 900 women were screened, of whom 160 women were randomised.']])).sampleSize?.value).toBe(160);
  });
  it('meta-analyses: studies are not participants; pooled participants are', () => {
    const pt = { publicationTypes: ['Meta-Analysis'] };
    expect(tagStudy(study([[null, 'Twelve studies were included.']], pt)).sampleSize).toBeNull();
    expect(tagStudy(study([[null, 'Twelve studies were included, which pooled 1,204 participants.']], pt)).sampleSize?.value).toBe(1204);
  });
});

describe('interventions', () => {
  it('extracts taVNS parameters, breathing rate, sessions and control type', () => {
    const s = study([
      [
        null,
        'Adults received taVNS at the cymba conchae (25 Hz, 250 µs, 1-3 mA, just below the pain threshold) for 30 minutes daily, or sham stimulation at the earlobe. Others breathed at 6 breaths/min in eight weekly sessions versus waitlist.',
      ],
    ]);
    const iv = tagStudy(s).interventions.map((i) => `${i.parameter}=${i.value}${i.unit ? ' ' + i.unit : ''}`);
    for (const want of [
      'frequency=25 Hz',
      'pulse_width=250 µs',
      'intensity=1-3 mA',
      'intensity=just below the pain threshold',
      'ear_site=cymba conchae',
      'sham_type=earlobe',
      'session_length=30 min',
      'breathing_rate=6 breaths/min',
      'session_count=eight sessions',
      'control_type=waitlist',
      'control_type=sham',
    ])
      expect(iv).toContain(want);
  });
});

describe('offsets are exact', () => {
  it('every evidence span points into its field', () => {
    for (const name of ['dev', 'heldout']) {
      const recs = JSON.parse(readFileSync(new URL(`../eval/${name}.json`, import.meta.url), 'utf8')) as (TaggableStudy &
        Record<string, any>)[];
      for (const r of recs) {
        const t = tagStudy(r);
        const evs = [
          ...t.outcomes.map((o) => o.evidence),
          ...t.interventions.map((i) => i.evidence),
          ...(t.sampleSize ? [t.sampleSize.evidence] : []),
          ...(t.design.evidence ? [t.design.evidence] : []),
          ...matchTopics(r, topics).map((x) => x.evidence),
        ];
        for (const e of evs) {
          if (e.field === 'title' || e.field === 'abstract') {
            const f = r[e.field] as string;
            expect(f.slice(e.start, e.end).length).toBeGreaterThan(0);
            expect(e.sentence.includes(f.slice(e.start, e.end))).toBe(true);
            expect(f.includes(e.sentence)).toBe(true);
          } else {
            const list =
              e.field === 'mesh' ? r.mesh.map((m: any) => m.descriptor) : e.field === 'keyword' ? r.keywords : r.publicationTypes;
            expect(list[e.index!]).toBe(e.sentence);
            expect(e.sentence.slice(e.start, e.end).length).toBeGreaterThan(0);
          }
        }
      }
    }
  });
});

describe('topic matching', () => {
  it('synonyms, MeSH, acronym defined otherwise, implanted VNS veto', () => {
    const ids = (s: TaggableStudy) => matchTopics(s, topics).map((t) => t.topic);
    expect(ids(study([[null, 'Participants practised slow-paced breathing.']]))).toEqual(['breathwork']);
    expect(ids(study([[null, 'An early mobilisation and discharge readiness (EMDR) pathway was used.']]))).toEqual([]);
    expect(
      ids(
        study([[null, 'Implanted vagus nerve stimulation for epilepsy.']], {
          mesh: [{ descriptor: 'Vagus Nerve Stimulation', qualifiers: [], majorTopic: true }],
        }),
      ),
    ).toEqual([]);
    expect(ids(study([[null, 'Symptoms of long-COVID were assessed.']]))).toEqual(['long_covid']);
  });
});

describe('versioning', () => {
  it('RULESET_VERSION carries a content hash', () => {
    expect(RULESET_VERSION).toMatch(/^\d{4}\.\d+\.\d+\+[0-9a-f]{12}$/);
  });
});

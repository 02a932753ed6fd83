/**
 * Rules added for real PubMed text (issue #13, item 3): one synthetic sentence per rule, written for
 * these tests (no real record text). Each case failed before its rule existed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchTopics, tagStudy, type TaggableStudy } from './index.ts';

const topics = JSON.parse(readFileSync(new URL('../../../data/topics.json', import.meta.url), 'utf8')).topics;

function study(text: string, extra: Partial<TaggableStudy> = {}): TaggableStudy {
  return {
    pmid: 't',
    title: 'A study',
    publicationTypes: [],
    mesh: [],
    keywords: [],
    ...extra,
    abstractSections: [{ label: null, nlmCategory: null, text }],
    abstract: text,
  };
}
const design = (text: string, extra: Partial<TaggableStudy> = {}) => tagStudy(study(text, extra)).design;
const outcomes = (text: string, extra: Partial<TaggableStudy> = {}) =>
  tagStudy(study(text, extra))
    .outcomes.map((o) => o.outcome)
    .sort();
const n = (text: string, extra: Partial<TaggableStudy> = {}) => tagStudy(study(text, extra)).sampleSize?.value ?? null;

describe('design: single-arm and pre-post trials are trials, not observational', () => {
  it.each([
    'Twelve adults with tinnitus completed a pre–post evaluation of ear stimulation.',
    'We used a pretest-posttest design in one group of nurses.',
    'Participants underwent resting-state scans before and after the 8-week residential breathing programme.',
    'Anxiety fell after eight sessions of tapping in this interventional study.',
    'This open pilot enrolled 15 veterans with insomnia.',
    'A proof-of-concept study of auricular stimulation in 10 adults with migraine.',
    'Anxiety was rated at baseline and post-intervention in 24 students.',
    'Outcomes were compared pre- and post-intervention in 18 adults with long COVID.',
    'Twenty adults with long COVID received 4 weeks of daily auricular stimulation.',
    'We assessed the feasibility and acceptability of group tapping for nurses.',
    'Thirty patients with long COVID underwent 10 sessions of hyperbaric oxygen therapy.',
    'Forty nurses took part in an 8-week online breathing programme.',
  ])('%s', (text) => expect(design(text).design).toBe('controlled_trial'));
  it('a retrospective look at treated patients is observational, not a trial', () => {
    expect(design('We retrospectively analysed 60 patients who received 12 sessions of EMDR in routine care.').design).toBe(
      'observational',
    );
    expect(design('The trial was retrospectively registered. Twenty adults received 4 weeks of taVNS.').design).toBe('controlled_trial');
  });
  it('"pre- and post-X" when nothing else names the design', () => {
    expect(design('Herein, we measured brain activity in 30 patients pre- and post-ECT.')).toMatchObject({
      design: 'controlled_trial',
      evidence: { ruleId: 'design.controlled_trial.domain' },
    });
  });
});

describe('design: a systematic review that did not pool is not a meta-analysis', () => {
  const sr = { publicationTypes: ['Systematic Review'] };
  it('pooling words in a review that says no meta-analysis was possible', () => {
    expect(
      design('Standardised mean differences are reported per trial. Owing to heterogeneity, a narrative synthesis was performed.', sr)
        .design,
    ).toBe('systematic_review');
    expect(design('Data could not be pooled; a forest plot shows each study.', sr).design).toBe('systematic_review');
    expect(design('Data could not be pooled; a forest plot shows each study.').design).not.toBe('meta_analysis');
  });
  it('an umbrella review (overview of reviews) is a systematic review even when it quotes pooled estimates', () => {
    expect(design('This umbrella review summarised pooled estimates from 12 meta-analyses.').design).toBe('systematic_review');
  });
  it('one trial that pools its own sites is not a meta-analysis or a review: those gather studies or trials', () => {
    const d = design('Pooled mean scores across three sites were combined by meta-analysis. Participants were randomly assigned.');
    expect(d.design).toBe('rct');
  });
  it('a review that pooled is still a meta-analysis', () => {
    expect(design('A random-effects model pooled nine trials.', sr).design).toBe('meta_analysis');
  });
  it('a scoping review is a (narrative) review, as the publication type "Scoping Review" is', () => {
    expect(design('We conducted a scoping review of breathwork apps.').design).toBe('review');
  });
});

describe('design: subject-matter cues when no type and no explicit statement decide', () => {
  it('cell and molecular laboratory work is preclinical, also when MeSH lists Humans', () => {
    const human = { mesh: [{ descriptor: 'Humans', majorTopic: false, qualifiers: [] }] };
    expect(design('Knockdown in two human cell lines reduced migration.', human).design).toBe('preclinical');
    expect(design('Pregnant rats were divided into three dose groups.', human)).toMatchObject({
      design: 'preclinical',
      evidence: { ruleId: 'design.preclinical.domain' },
    });
    expect(
      design('Expression was profiled by mass spectrometry.', {
        mesh: [{ descriptor: 'Cells, Cultured', majorTopic: false, qualifiers: [] }],
      }).design,
    ).toBe('preclinical');
  });
  it('physical-science and engineering work is other', () => {
    expect(design('Herein, a zinc-ion battery electrolyte was designed.').design).toBe('other');
    expect(design('We present a software pipeline for lung image analysis.').design).toBe('other');
  });
  it('"recent advances" papers are narrative reviews; editorials are not research', () => {
    expect(design('Recent advances in auricular stimulation are summarised.').design).toBe('review');
    expect(design('This editorial considers the evidence for breathwork.').design).toBe('non_research');
  });
  it('explicit statements still win over subject matter, and a design named next to "future directions" stands', () => {
    expect(design('Cancer cells were studied; patients were randomly assigned to two doses.').design).toBe('rct');
    expect(design('In this review we discuss mechanisms and future directions.').design).toBe('review');
  });
  it('a random split of a database is not randomisation; a measurement protocol is not a study protocol', () => {
    expect(design('A retrospective cohort was split using randomized 70% derivation and 30% validation sets.').design).toBe(
      'observational',
    );
    expect(design('Each test followed a protocol of six breathing manoeuvres.').design).toBe('unclassified');
    expect(design('Protocol for a prospective, longitudinal cohort of adults with long COVID.').design).toBe('protocol');
  });
});

describe('odd spaces', () => {
  it('no-break and thin spaces match rules written with plain spaces; evidence quotes the original text', () => {
    const t = tagStudy(study('The aim of this in\u00a0vivo study was to compare 3 devices in 30\u2009patients.'));
    expect(t.design).toMatchObject({ design: 'observational', evidence: { sentence: expect.stringContaining('in\u00a0vivo') } });
    expect(t.sampleSize?.value).toBe(30);
    expect(t.sampleSize?.evidence.sentence).toContain('30\u2009patients');
  });
});

describe('design: case reports', () => {
  it.each([
    ['A 35-year old woman presented with dizziness.', 1],
    ['We discuss a term neonate with an intracranial bleed.', 1],
    ['We report two siblings with a novel variant.', 2],
    ['We present a pediatric case with chylothorax who was referred for imaging.', 1],
  ])('%s', (text, count) => {
    const t = tagStudy(study(text));
    expect(t.design.design).toBe('case_report');
    expect(t.sampleSize?.value).toBe(count);
  });
});

describe('outcomes on real-text vocabulary', () => {
  it('gastrointestinal cancers and bleeding are not gut function; sperm motility is not gut motility', () => {
    expect(outcomes('We treated 80 patients with gastric or gastroesophageal junction cancers.')).toEqual([]);
    expect(outcomes('We studied 50 patients with upper gastrointestinal bleeding.')).toEqual([]);
    expect(outcomes('Sperm motility was measured in 30 samples.')).toEqual([]);
    expect(outcomes('We measured gastric emptying in 30 adults.')).toEqual(['gut']);
  });
  it('"attention" as in "paid attention" or ADHD is not cognition; attention tasks are', () => {
    expect(outcomes('Clinicians paid much attention to rehabilitation in 200 patients we surveyed.')).toEqual([]);
    expect(outcomes('We enrolled 40 children with attention deficit hyperactivity disorder.')).toEqual([]);
    expect(outcomes('We measured sustained attention in 40 adults.')).toEqual(['cognition']);
  });
  it('therapy components named "cognitive" or "cognition" are not cognition outcomes', () => {
    expect(outcomes('We delivered cognitive–behavioural therapy to 30 adults.')).toEqual([]);
    expect(outcomes('Validity of cognition ratings were recorded in 20 EMDR sessions.')).toEqual([]);
    expect(outcomes('Cognitive emotion regulation strategies were assessed in 40 adults.')).toEqual([]);
  });
  it('stress: perceived stress, DASS stress, burnout; not oxidative stress or "participants stress the role"', () => {
    expect(outcomes('We measured stress in 40 nurses after the breathing course.')).toEqual(['stress']);
    expect(outcomes('Burnout was assessed in 60 teachers.')).toEqual(['stress']);
    expect(outcomes('We measured oxidative stress markers in 30 patients.')).toEqual([]);
    expect(outcomes('In interviews, participants stress the role of peers.')).toEqual([]);
    expect(outcomes('Depression, anxiety and stress were measured with the DASS-21 in 50 adults.')).toEqual([
      'anxiety',
      'depression',
      'stress',
    ]);
  });
  it('panic is a word, not part of "Hispanic"; CAPS is the PTSD scale, not "RNA caps"', () => {
    expect(outcomes('Hispanic participants were more likely to respond.')).toEqual([]);
    expect(outcomes('We mapped residues that bind the caps of small RNAs.')).toEqual([]);
    expect(outcomes('CAPS-5 scores were lower in 20 veterans.')).toEqual(['ptsd']);
  });
  it('myocardial structure and heart-failure subtypes are not cardiovascular outcomes; haemodynamics are', () => {
    expect(outcomes('We studied myocardial development in 20 fetuses.')).toEqual([]);
    expect(outcomes('We enrolled 90 patients with heart failure with reduced ejection fraction.')).toEqual([]);
    expect(outcomes('Haemodynamic monitoring was performed in 40 patients.')).toEqual(['cardiovascular']);
  });
  it('future-research sentences and "at risk" background are not measurements', () => {
    expect(outcomes('We studied 30 adults. Future research should examine quality of life.')).toEqual([]);
    expect(outcomes('Students are at risk of academic stress. We surveyed 100 students about diet.')).toEqual([]);
  });
  it('added vocabulary: dental sensitivity is pain, neurodevelopment is cognition, KCCQ is quality of life', () => {
    expect(outcomes('Postoperative sensitivity was recorded in 30 participants.')).toEqual(['pain']);
    expect(outcomes('Neurodevelopment was assessed in 200 infants at 12 months.')).toEqual(['cognition']);
    expect(outcomes('KCCQ scores were obtained in 100 patients.')).toEqual(['quality_of_life']);
    expect(outcomes('Antibody responses were measured in 60 adults.')).toEqual(['inflammation']);
    expect(outcomes('Respiratory complications were recorded in 80 patients.')).toEqual(['respiratory']);
  });
});

describe('outcomes from keywords and MeSH only when there is no abstract', () => {
  const lists = { keywords: ['anxiety'], mesh: [{ descriptor: 'Sleep Wake Disorders', majorTopic: false, qualifiers: [] }] };
  it('an abstract that measured neither: no outcome from the lists', () => {
    expect(outcomes('We measured pain in 40 adults.', lists)).toEqual(['pain']);
  });
  it('no abstract: the lists are all there is', () => {
    expect(outcomes('', lists)).toEqual(['anxiety', 'sleep']);
  });
});

describe('design: genetic association meta-analyses, methods papers, tissue studies', () => {
  it('a meta-analysis of genome-wide association studies is an association study, not a review', () => {
    expect(design('We analysed data from a meta-analysis of two genome-wide association studies of eczema.').design).toBe('observational');
  });
  it('a new method with no study design is "other"; immunohistochemistry of patient tissue is observational', () => {
    expect(design('A novel method for capturing eye movements in infants is described.').design).toBe('other');
    expect(design('Immunohistochemical expression of a marker differed between tumour subtypes.').design).toBe('observational');
  });
});

describe('sample size: parallel arms, per-group counts, bare enrolled counts', () => {
  it.each([
    ['Thirty-two adults were allocated to active stimulation and 30 to sham.', 62],
    ['The breathing arm included 47 participants and the waitlist arm 39 participants.', 86],
    ['We compared 1,200 exposed and 1,300 unexposed young people.', 2500],
    ['We compared 50 practitioners with 50 age- and sex-matched non-practitioners.', 100],
    ['In total, 60 patients per group were analysed.', 120],
    ['Of 40 invited nurses, 25 nurses took part.', 25],
    ['Fifty adults were screened and 20 (12 women; mean age 41 years) were recruited.', 20],
    ['Of the 90 patients, 46 were randomized to taVNS and 44 to sham.', 90],
    ['Nine were randomized to tapping and 11 to waitlist.', 20],
    ['We evaluated 150 patients receiving EMDR (n = 30), CBT (n = 41) or medication (n = 79).', 150],
  ])('%s', (text, want) => expect(n(text)).toBe(want));
  it('a second count of places is not an arm; a year is not a count', () => {
    expect(n('Across 48 hospitals and 2,000 patients were recruited.')).toBe(2000);
    expect(n('Fifteen patients treated during 2015 were enrolled.')).toBe(15);
  });
  it('completers after "and" are not a second arm', () => {
    expect(n('A total of 200 adults were randomised and 180 were analysed.')).toBe(200);
  });
});

describe('topics: breathwork, tVNS and long COVID wording', () => {
  const ids = (text: string) => matchTopics(study(text, { title: 'A study' }), topics).map((t) => t.topic);
  it.each([
    ['Adults practised alternate nostril breathing for 8 weeks.', 'breathwork'],
    ['A yoga breathing intervention was compared with waitlist.', 'breathwork'],
    ['Slow deep breathing lowered blood pressure.', 'breathwork'],
    ['Patients were taught Buteyko breathing.', 'breathwork'],
    ['Transcutaneous vagal stimulation was applied to the ear.', 'tvns'],
    ['Patients with long-haul COVID were enrolled.', 'long_covid'],
    ['Meridian tapping was taught in four sessions.', 'eft'],
  ])('%s', (text, topic) => expect(ids(text)).toContain(topic));
  it('the autonomic deep-breathing test is not breathwork', () => {
    expect(ids('Heart-rate response to the deep breathing test was measured in diabetic neuropathy.')).toEqual([]);
  });
});

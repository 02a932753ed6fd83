// Fixture updates for the claims scenario (tvns × hrv): the main HRV trial retracted, two new
// matching trials, a newer meta-analysis. Dated today (UTC, as the ingestion's window is), so the
// next incremental window (modified since the last window's end − overlap, up to today) finds them
// on any date: whatever the clock, the test and the ingestion it starts read the same one.
import { FIXTURE_STUDIES, type StudySpec } from '@evidence/eutils-fixtures';

/** The HRV trial the claims tests pin; the tvns saved query finds it. */
export const HRV_TRIAL_PMID = 90000001;
const RETRACTION_NOTICE_PMID = 90000029;
const today = () => new Date().toISOString().slice(0, 10);

/** A new synthetic study derived from the HRV trial, with its own PMID and DOI. */
export function derivedStudy(pmid: number, overrides: Partial<StudySpec>): StudySpec {
  const base = FIXTURE_STUDIES.find((s) => s.pmid === HRV_TRIAL_PMID)!;
  return { ...base, pmid, doi: `10.5555/fixture.${pmid}`, createdDate: today(), modifiedDate: today(), ...overrides };
}

export const withHrvTrialRetracted = (): StudySpec[] =>
  FIXTURE_STUDIES.map((s) => (s.pmid === HRV_TRIAL_PMID ? { ...s, retractionIn: RETRACTION_NOTICE_PMID, modifiedDate: today() } : s));

export const newHrvTrials = (): StudySpec[] => [
  derivedStudy(90000101, {
    title: '[Fixture] Auricular stimulation and RMSSD in office workers: a randomized sham-controlled trial',
    pubDate: '2026-09',
  }),
  derivedStudy(90000102, {
    title: '[Fixture] taVNS and heart rate variability after exercise: a randomized crossover trial',
    pubDate: '2026-08',
  }),
];

export const newerHrvMetaAnalysis = (): StudySpec =>
  derivedStudy(90000103, {
    title: '[Fixture] Transcutaneous vagus nerve stimulation and heart rate variability: a systematic review and meta-analysis',
    publicationTypes: ['Meta-Analysis', 'Systematic Review', 'Journal Article'],
    pubDate: '2026-10',
    abstract: [
      { label: 'BACKGROUND', nlmCategory: 'BACKGROUND', text: 'Whether taVNS changes vagally mediated heart rate variability is debated.' },
      {
        label: 'METHODS',
        nlmCategory: 'METHODS',
        text: 'Following PRISMA, we pooled sham-controlled trials reporting RMSSD or HF-HRV with random-effects models.',
      },
      {
        label: 'RESULTS',
        nlmCategory: 'RESULTS',
        text: 'Eighteen trials (n = 744) were included. taVNS did not change RMSSD compared with sham.',
      },
      {
        label: 'CONCLUSIONS',
        nlmCategory: 'CONCLUSIONS',
        text: 'Pooled evidence does not show an effect of taVNS on heart rate variability.',
      },
    ],
  });

/**
 * FIXTURE_STUDIES: a small synthetic corpus. These are NOT real studies: every PMID is ≥ 90000001,
 * every title starts "[Fixture]" and every journal is a "Fixture Journal of …". They exist so the
 * ingester, tagger and dashboard have realistic-looking text (outcomes, designs, sample sizes,
 * stimulation parameters) to work on without touching PubMed.
 */
import type { AbstractSection, AuthorSpec, StudySpec } from './types.ts';

type Draft = Omit<StudySpec, 'pmid' | 'abstract' | 'authors' | 'journal' | 'doi' | 'modifiedDate'> & {
  abstract: [background: string, methods: string, results: string, conclusions: string] | AbstractSection[];
  journal: string;
  authors?: AuthorSpec[];
  modifiedDate?: string;
};

const DEFAULT_AUTHORS: AuthorSpec[] = [
  { last: 'Example', fore: 'Alex', affiliation: 'Department of Fixture Studies, Example University, Testville.' },
  { last: 'Sample', fore: 'Bea M', initials: 'BM' },
];

/** Four strings become the usual BACKGROUND / METHODS / RESULTS / CONCLUSIONS structured abstract. */
function sections(abstract: Draft['abstract']): AbstractSection[] {
  if (typeof abstract[0] !== 'string') return abstract as AbstractSection[];
  const labels = ['BACKGROUND', 'METHODS', 'RESULTS', 'CONCLUSIONS'] as const;
  return (abstract as string[]).map((text, i) => ({ label: labels[i], nlmCategory: labels[i], text }));
}

function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function build(drafts: Draft[]): StudySpec[] {
  return drafts.map((d, i) => {
    const pmid = 90000001 + i;
    return {
      ...d,
      pmid,
      abstract: sections(d.abstract),
      authors: d.authors ?? DEFAULT_AUTHORS,
      journal: {
        title: `Fixture Journal of ${d.journal}`,
        isoAbbreviation: `Fixture J ${d.journal.split(' ')[0]}`,
        volume: String(10 + (i % 7)),
        issue: String(1 + (i % 4)),
      },
      doi: `10.5555/fixture.${pmid}`,
      modifiedDate: d.modifiedDate ?? plusDays(d.createdDate, 30 + i),
    };
  });
}

const RCT = ['Randomized Controlled Trial', 'Journal Article'];
const ARTICLE = ['Journal Article'];

export const FIXTURE_STUDIES: StudySpec[] = build([
  // ── tVNS ────────────────────────────────────────────────────────────────────────────────
  {
    title:
      '[Fixture] Transcutaneous auricular vagus nerve stimulation and heart rate variability in healthy adults: a sham-controlled randomized trial',
    journal: 'Autonomic Examples',
    pubDate: '2023-03-14',
    createdDate: '2023-02-01',
    publicationTypes: RCT,
    topics: ['tvns'],
    mesh: [{ descriptor: 'Vagus Nerve Stimulation', major: true }, { descriptor: 'Heart Rate' }, { descriptor: 'Humans' }],
    keywords: ['taVNS', 'HRV', 'RMSSD'],
    abstract: [
      'Transcutaneous auricular vagus nerve stimulation (taVNS) is proposed to increase vagal tone.',
      'Sixty participants were randomly assigned to active taVNS (25 Hz, 250 µs pulse width, cymba conchae, 30 min daily for 2 weeks) or sham stimulation at the earlobe.',
      'Active stimulation increased RMSSD compared with sham (mean difference 6.1 ms, 95% CI 2.0 to 10.2; p = 0.004); high-frequency HRV rose in parallel.',
      'Two weeks of taVNS increased heart rate variability relative to sham in this fixture sample.',
    ],
  },
  {
    title: '[Fixture] taVNS for irritable bowel syndrome: a randomized, sham-controlled trial',
    journal: 'Gut Examples',
    pubDate: '2022-09',
    createdDate: '2022-08-10',
    publicationTypes: RCT,
    topics: ['tvns'],
    mesh: [
      { descriptor: 'Irritable Bowel Syndrome', major: true, qualifiers: ['therapy'] },
      { descriptor: 'Transcutaneous Electric Nerve Stimulation' },
    ],
    abstract: [
      'Visceral hypersensitivity and low vagal tone are reported in irritable bowel syndrome (IBS).',
      'Patients (n = 48) were randomized to taVNS at 20 Hz, 200 µs, delivered to the cymba conchae for 30 min twice daily for 4 weeks, or to sham stimulation.',
      'IBS symptom severity scores (IBS-SSS) fell by 98 points with taVNS versus 41 with sham (p = 0.01); abdominal pain and constipation improved.',
      'taVNS reduced IBS symptoms over four weeks.',
    ],
  },
  {
    title: '[Fixture] Auricular vagus nerve stimulation lowers CRP and IL-6 in rheumatoid arthritis: a pilot study',
    journal: 'Inflammation Examples',
    pubDate: '2021-06-02',
    createdDate: '2021-05-20',
    publicationTypes: ['Clinical Trial', 'Journal Article'],
    topics: ['tvns'],
    abstract: [
      'The cholinergic anti-inflammatory pathway may be engaged non-invasively.',
      'Twenty-four patients with active rheumatoid arthritis received taVNS (25 Hz, 250 µs, left cymba conchae, 15 min daily for 12 weeks) in this open-label pilot.',
      'C-reactive protein (CRP) fell from 12.4 to 7.9 mg/L and interleukin-6 (IL-6) decreased by 31%; DAS28 improved by 1.1 points.',
      'Inflammatory markers decreased during stimulation; a controlled trial is warranted.',
    ],
  },
  {
    title: '[Fixture] Effects of taVNS on <i>in vivo</i> cytokine release in a rat model of sepsis',
    journal: 'Experimental Examples',
    pubDate: '2020-11',
    createdDate: '2020-10-05',
    publicationTypes: ARTICLE,
    topics: ['tvns'],
    mesh: [{ descriptor: 'Rats, Sprague-Dawley' }, { descriptor: 'Animals' }, { descriptor: 'Sepsis' }],
    abstract: [
      'Vagal stimulation attenuates systemic inflammation in rodents.',
      'Male Sprague-Dawley rats (n = 32) underwent caecal ligation and received auricular stimulation (10 Hz, 500 µs) or sham for 60 min.',
      'Serum TNF-α and IL-6 were lower after stimulation; survival at 72 h was 63% versus 31%.',
      'Auricular stimulation reduced cytokine release in this rat model.',
    ],
  },
  {
    title: '[Fixture] Study protocol: taVNS for post-stroke upper-limb rehabilitation (a randomized controlled trial)',
    journal: 'Trial Protocols',
    pubDate: '2024-01-20',
    createdDate: '2024-01-08',
    publicationTypes: ['Clinical Trial Protocol', 'Journal Article'],
    topics: ['tvns'],
    abstract: [
      'Paired vagus nerve stimulation may enhance motor recovery after stroke.',
      'This protocol describes a trial in which 120 participants will be randomly assigned to taVNS (25 Hz, 300 µs, cymba conchae) paired with rehabilitation or sham, 5 days per week for 6 weeks.',
      'The primary outcome is the Fugl-Meyer upper extremity score; secondary outcomes include HRV and quality of life (SF-36).',
      'Recruitment starts in 2024; results are expected in 2026.',
    ],
  },
  {
    title: '[Fixture] Non-invasive vagus nerve stimulation for anxiety and sleep: effects on GAD-7, PSQI and salivary cortisol',
    journal: 'Sleep Examples',
    pubDate: '2024-06-11',
    createdDate: '2024-05-29',
    publicationTypes: RCT,
    topics: ['tvns'],
    abstract: [
      'Anxiety and insomnia frequently co-occur and involve autonomic imbalance.',
      'Eighty adults with generalized anxiety were randomized to taVNS (25 Hz, 250 µs, 30 min daily for 8 weeks) or sham stimulation.',
      'GAD-7 scores fell by 5.2 versus 2.1 points; Pittsburgh Sleep Quality Index (PSQI) improved by 3.4 points; morning salivary cortisol decreased.',
      'taVNS improved anxiety and sleep quality relative to sham.',
    ],
  },
  {
    title: '[Fixture] Transcutaneous vagus nerve stimulation and blood pressure: a systematic review and meta-analysis',
    journal: 'Cardiovascular Examples',
    pubDate: '2025-02',
    createdDate: '2025-01-15',
    publicationTypes: ['Meta-Analysis', 'Systematic Review', 'Journal Article'],
    topics: ['tvns'],
    abstract: [
      'The effect of tVNS on blood pressure is uncertain.',
      'We searched five databases and pooled 14 randomized trials (n = 612) comparing active with sham tVNS.',
      'Systolic blood pressure decreased by 3.9 mmHg (95% CI -6.1 to -1.7); heterogeneity was moderate (I² = 48%).',
      'tVNS modestly lowers systolic blood pressure; trials were small.',
    ],
  },
  // ── Breathwork ──────────────────────────────────────────────────────────────────────────
  {
    title: '[Fixture] Resonance frequency breathing at 6 breaths/min increases RMSSD: a randomized controlled trial',
    journal: 'Psychophysiology Examples',
    pubDate: '2022-04-18',
    createdDate: '2022-04-01',
    publicationTypes: RCT,
    topics: ['breathwork'],
    mesh: [{ descriptor: 'Breathing Exercises', major: true }, { descriptor: 'Heart Rate' }],
    keywords: ['slow breathing', 'HRV biofeedback'],
    abstract: [
      'Slow breathing near the resonance frequency amplifies heart rate oscillations.',
      'Seventy-two students were randomly assigned to resonance breathing (6 breaths/min, 20 min daily for 4 weeks) or a control condition of spontaneous breathing.',
      'RMSSD increased by 9.3 ms in the breathing group (p < 0.001); PHQ-9 and GAD-7 scores decreased modestly.',
      'Paced breathing at 6 breaths/min improved vagally mediated HRV.',
    ],
  },
  {
    title: '[Fixture] Breathwork interventions for stress and anxiety: a systematic review and meta-analysis of randomized trials',
    journal: 'Mind-Body Examples',
    pubDate: '2023-10',
    createdDate: '2023-09-12',
    publicationTypes: ['Meta-Analysis', 'Systematic Review', 'Journal Article'],
    topics: ['breathwork'],
    abstract: [
      'Breathwork is widely promoted for stress reduction.',
      'We pooled 21 randomized controlled trials (n = 1,486) of breathwork versus non-breathwork control.',
      'Breathwork reduced self-reported stress (SMD -0.35) and anxiety (SMD -0.32); effects on depression (PHQ-9) were small.',
      'Breathwork has small-to-moderate effects on stress; risk of bias was high in many trials.',
    ],
  },
  {
    title: '[Fixture] Slow-paced breathing lowers blood pressure in stage 1 hypertension',
    journal: 'Hypertension Examples',
    pubDate: '2021-02-09',
    createdDate: '2021-01-25',
    publicationTypes: RCT,
    topics: ['breathwork'],
    abstract: [
      'Device-guided slow breathing has been proposed as an adjunct for hypertension.',
      'Ninety participants were randomized to slow-paced breathing (6 breaths/min, 15 min daily for 8 weeks) or music listening.',
      'Office systolic blood pressure fell by 7.4 versus 2.9 mmHg (p = 0.02); diastolic pressure did not differ.',
      'Slow breathing reduced systolic blood pressure over 8 weeks.',
    ],
  },
  {
    title: '[Fixture] Diaphragmatic breathing and cortisol responses to acute stress: a crossover study',
    journal: 'Stress Examples',
    pubDate: '2020-07',
    createdDate: '2020-06-15',
    publicationTypes: ['Randomized Controlled Trial', 'Journal Article'],
    topics: ['breathwork'],
    abstract: [
      'Breathing practices may blunt the hypothalamic-pituitary-adrenal response.',
      'In a randomized crossover design, 40 adults practised diaphragmatic breathing (5.5 breaths/min) or read for 15 min before a Trier Social Stress Test.',
      'The salivary cortisol area under the curve was 22% lower after diaphragmatic breathing; heart rate recovered faster.',
      'A single session of slow diaphragmatic breathing reduced the cortisol response to stress.',
    ],
  },
  {
    title: '[Fixture] Pranayama and sleep quality in older adults: a cohort study',
    journal: 'Ageing Examples',
    pubDate: '2019-12',
    createdDate: '2019-11-18',
    publicationTypes: ['Observational Study', 'Journal Article'],
    topics: ['breathwork'],
    abstract: [
      'Few studies have followed breathing practice over time in older adults.',
      'In a prospective cohort of 310 adults aged 65 years or older, regular pranayama practice (at least three times weekly) was recorded for 12 months.',
      'Regular practitioners had better PSQI scores (adjusted difference -1.8) and lower fatigue scores.',
      'Regular pranayama was associated with better sleep quality.',
    ],
  },
  {
    title: '[Fixture] HRV biofeedback for panic disorder: a case report',
    journal: 'Clinical Case Examples',
    pubDate: '2024-09-03',
    createdDate: '2024-08-20',
    publicationTypes: ['Case Reports', 'Journal Article'],
    topics: ['breathwork'],
    abstract: [
      {
        text: 'We describe a 34-year-old woman with panic disorder who completed ten sessions of heart rate variability biofeedback with breathing at 6 breaths/min. Panic attacks decreased from five per week to one, GAD-7 fell from 16 to 7, and resting RMSSD rose from 21 to 38 ms. This single case suggests a testable hypothesis.',
      },
    ],
  },
  // ── EMDR ────────────────────────────────────────────────────────────────────────────────
  {
    title: '[Fixture] EMDR versus trauma-focused CBT for PTSD: a randomized controlled trial',
    journal: 'Trauma Examples',
    pubDate: '2022-05',
    createdDate: '2022-04-22',
    publicationTypes: RCT,
    topics: ['emdr'],
    mesh: [
      { descriptor: 'Eye Movement Desensitization Reprocessing', major: true },
      { descriptor: 'Stress Disorders, Post-Traumatic', qualifiers: ['therapy'] },
    ],
    abstract: [
      'EMDR and trauma-focused cognitive behavioural therapy are both recommended for PTSD.',
      'One hundred and twenty adults with PTSD were randomly assigned to 12 sessions of eye movement desensitization and reprocessing (EMDR) or TF-CBT.',
      'PCL-5 scores fell by 24.1 and 22.6 points respectively (difference 1.5, 95% CI -3.2 to 6.2); PHQ-9 improved in both groups.',
      'EMDR was non-inferior to TF-CBT for PTSD symptoms.',
    ],
  },
  {
    title: '[Fixture] Eye movement desensitization and reprocessing for depression: a systematic review',
    journal: 'Psychotherapy Examples',
    pubDate: '2023-01',
    createdDate: '2022-12-12',
    publicationTypes: ['Systematic Review', 'Journal Article'],
    topics: ['emdr'],
    abstract: [
      'EMDR is increasingly used beyond PTSD.',
      'We systematically reviewed 11 studies (n = 529) of EMDR for major depression.',
      'Most studies reported reductions in PHQ-9 or BDI-II scores; only three were randomized and blinding was rare.',
      'Evidence for EMDR in depression is promising but of low certainty.',
    ],
  },
  {
    title: '[Fixture] Online EMDR for healthcare workers after COVID-19: an uncontrolled cohort',
    journal: 'Occupational Examples',
    pubDate: '2021-08-30',
    createdDate: '2021-08-16',
    publicationTypes: ['Journal Article'],
    topics: ['emdr'],
    abstract: [
      'Healthcare workers reported high rates of post-traumatic stress during the pandemic.',
      'A cohort of 85 staff received four sessions of video-delivered EMDR.',
      'PCL-5 decreased from 41 to 23 and GAD-7 from 12 to 7 at 3-month follow-up.',
      'Online EMDR was feasible and associated with fewer PTSD symptoms.',
    ],
  },
  {
    title: '[Fixture] EMDR in adolescents with PTSD: a randomized waitlist-controlled trial',
    journal: 'Child Examples',
    pubDate: '2025-04',
    createdDate: '2025-03-28',
    publicationTypes: RCT,
    topics: ['emdr'],
    abstract: [
      'Trials of EMDR in adolescents are scarce.',
      'Fifty-six adolescents (n = 56) were randomized to eight EMDR sessions or a waitlist.',
      'Clinician-rated PTSD symptoms (CAPS-CA-5) and PCL-5 decreased more with EMDR; sleep (PSQI) improved.',
      'EMDR reduced PTSD symptoms in adolescents.',
    ],
  },
  // ── EFT ─────────────────────────────────────────────────────────────────────────────────
  {
    title: '[Fixture] Emotional Freedom Techniques for anxiety: a randomized controlled trial with cortisol measures',
    journal: 'Integrative Examples',
    pubDate: '2020-03',
    createdDate: '2020-02-14',
    publicationTypes: RCT,
    topics: ['eft'],
    abstract: [
      'Emotional freedom techniques (EFT tapping) combine exposure with acupoint tapping.',
      'Eighty-three adults were randomly assigned to a single hour of EFT, talk therapy, or rest.',
      'Salivary cortisol fell by 24% after EFT versus 14% after talk therapy; anxiety (GAD-7) decreased more after EFT.',
      'A single EFT session reduced cortisol and anxiety.',
    ],
  },
  {
    title: '[Fixture] Clinical EFT for depression in college students: a pilot study',
    journal: 'Student Health Examples',
    pubDate: '2021-10',
    createdDate: '2021-09-27',
    publicationTypes: ['Clinical Trial', 'Journal Article'],
    topics: ['eft'],
    abstract: [
      'Depression is common among students and access to therapy is limited.',
      'Thirty students with moderate depression (PHQ-9 ≥ 10) attended four group sessions of clinical EFT.',
      'PHQ-9 scores fell from 14.2 to 8.1 (p < 0.001) and were maintained at 3 months.',
      'Group EFT was acceptable and associated with reduced depressive symptoms.',
    ],
  },
  {
    title: '[Fixture] Acupoint tapping and <script>alert(1)</script> symptom reporting: testing escaped text <img src=x onerror=alert(1)>',
    journal: 'Robustness Examples',
    pubDate: '2023-07',
    createdDate: '2023-06-30',
    publicationTypes: ARTICLE,
    topics: ['eft'],
    abstract: [
      'This fixture record exists to test that markup-like text such as <script>alert("x")</script> & <img src=x onerror=alert(1)> is shown as text, never executed.',
      'Forty participants (n = 40) practised acupoint tapping for 10 min daily; "quotes" & ampersands are part of the text.',
      'Fatigue scores decreased by 12%; anxiety (GAD-7) decreased by 2.3 points.',
      'Interfaces must escape <b>every</b> field except the whitelisted inline tags.',
    ],
  },
  {
    title: '[Fixture] Thought field therapy and EFT for phobias: a systematic review and meta-analysis',
    journal: 'Anxiety Examples',
    pubDate: '2024-11',
    createdDate: '2024-10-21',
    publicationTypes: ['Meta-Analysis', 'Systematic Review', 'Journal Article'],
    topics: ['eft'],
    abstract: [
      'Tapping therapies are used for specific phobias.',
      'We pooled 9 trials (n = 402) of EFT or thought field therapy versus control.',
      'Tapping reduced phobia severity (SMD -0.61) but most trials lacked active controls.',
      'Effects may be overestimated given the risk of bias.',
    ],
  },
  // ── Long COVID ──────────────────────────────────────────────────────────────────────────
  {
    title: '[Fixture] Fatigue and cognitive impairment after COVID-19: a prospective cohort study of long COVID',
    journal: 'Post-Infection Examples',
    pubDate: '2022-02',
    createdDate: '2022-01-18',
    publicationTypes: ['Observational Study', 'Journal Article'],
    topics: ['long_covid'],
    mesh: [{ descriptor: 'Post-Acute COVID-19 Syndrome', major: true }, { descriptor: 'Fatigue' }],
    abstract: [
      'Persistent fatigue and cognitive symptoms characterise long COVID.',
      'A prospective cohort of 412 adults was followed for 12 months after SARS-CoV-2 infection.',
      'At 6 months, 34% reported fatigue (Chalder fatigue scale) and 21% scored below 26 on the MoCA; SF-36 physical function was reduced.',
      'Fatigue and cognitive impairment persisted in a third of participants.',
    ],
  },
  {
    title: '[Fixture] Inspiratory muscle training for dyspnea in post-COVID-19 condition: a randomized controlled trial',
    journal: 'Respiratory Examples',
    pubDate: '2023-05',
    createdDate: '2023-04-11',
    publicationTypes: RCT,
    topics: ['long_covid'],
    abstract: [
      'Breathlessness is a common post-COVID symptom.',
      'Sixty-four adults with long COVID were randomly assigned to 8 weeks of inspiratory muscle training or sham training.',
      'Dyspnea (mMRC) improved by 0.8 points and SF-36 physical component by 5.1 points versus sham.',
      'Inspiratory muscle training reduced dyspnea in post-COVID-19 condition.',
    ],
  },
  {
    title: '[Fixture] Breathing retraining for long COVID breathlessness: a randomized trial of slow breathing',
    journal: 'Rehabilitation Examples',
    pubDate: '2023-11',
    createdDate: '2023-10-30',
    publicationTypes: RCT,
    topics: ['long_covid', 'breathwork'],
    abstract: [
      'Dysfunctional breathing may contribute to long COVID dyspnea.',
      'Ninety-six adults were randomly assigned to an online breathing programme (slow breathing at 6 breaths/min, 6 weeks) or usual care.',
      'Dyspnea and anxiety (GAD-7) improved; SF-36 mental component rose by 4.0 points; fatigue was unchanged.',
      'Slow breathing improved breathlessness and quality of life in long COVID.',
    ],
  },
  {
    title: '[Fixture] taVNS for fatigue in long COVID: a double-blind, sham-controlled randomized trial',
    journal: 'Neuromodulation Examples',
    pubDate: '2024-03',
    createdDate: '2024-02-19',
    publicationTypes: RCT,
    topics: ['long_covid', 'tvns'],
    abstract: [
      'Autonomic dysfunction is described in post-acute sequelae of SARS-CoV-2 infection (PASC).',
      'Fifty-two patients were randomly assigned to taVNS (25 Hz, 250 µs pulse width, cymba conchae, 30 min daily for 2 weeks) or sham.',
      'Fatigue (FSS) decreased by 1.2 points versus 0.4; MoCA, HRV (RMSSD) and CRP did not differ.',
      'taVNS reduced fatigue in long COVID; cognitive effects were not detected.',
    ],
  },
  {
    title: '[Fixture] Long COVID and blood pressure dysregulation: a case report of postural tachycardia',
    journal: 'Clinical Case Examples',
    pubDate: '2021-12',
    createdDate: '2021-11-29',
    publicationTypes: ['Case Reports', 'Journal Article'],
    topics: ['long_covid'],
    abstract: [
      {
        text: 'A 29-year-old man developed orthostatic intolerance three months after mild COVID-19. Heart rate rose by 41 beats/min on standing while blood pressure remained stable, consistent with postural orthostatic tachycardia syndrome. Symptoms improved with compression and fluids over 6 months.',
      },
    ],
  },
  {
    title: '[Fixture] EMDR for post-COVID traumatic stress in ICU survivors',
    journal: 'Critical Care Examples',
    pubDate: '2022-10',
    createdDate: '2022-09-26',
    publicationTypes: ARTICLE,
    topics: ['long_covid', 'emdr'],
    abstract: [
      'ICU survivors of COVID-19 show high rates of post-traumatic stress.',
      'Thirty-eight survivors (n = 38) with long COVID symptoms received six EMDR sessions.',
      'PCL-5 fell by 19 points; PSQI and fatigue improved.',
      'EMDR is a feasible option for post-COVID traumatic stress.',
    ],
  },
  {
    title: '[Fixture] RETRACTED: Inflammatory markers predict long COVID: a cohort analysis',
    journal: 'Post-Infection Examples',
    pubDate: '2021-04',
    createdDate: '2021-03-22',
    modifiedDate: '2023-08-01',
    publicationTypes: ['Journal Article'],
    topics: ['long_covid'],
    retractionIn: 90000029,
    abstract: [
      'Biomarkers of long COVID are sought.',
      'We analysed CRP and IL-6 in 200 patients at discharge.',
      'Elevated IL-6 predicted persistent symptoms (OR 2.4).',
      'This article has been retracted because the data could not be verified.',
    ],
  },
  {
    title: '[Fixture] Retraction notice: Inflammatory markers predict long COVID: a cohort analysis',
    journal: 'Post-Infection Examples',
    pubDate: '2023-08',
    createdDate: '2023-07-28',
    modifiedDate: '2023-08-01',
    publicationTypes: ['Retraction of Publication'],
    topics: ['long_covid'],
    commentsCorrections: [{ refType: 'RetractionOf', refSource: 'Fixture J Post-Infection. 2021', pmid: 90000028 }],
    abstract: [
      { text: 'This article has been retracted at the request of the fixture editors: the underlying data could not be verified.' },
    ],
  },
  {
    title: '[Fixture] Heart rate variability during slow breathing and vagal stimulation: a crossover comparison',
    journal: 'Autonomic Examples',
    pubDate: '2025-06',
    createdDate: '2025-05-19',
    publicationTypes: ['Randomized Controlled Trial', 'Journal Article'],
    topics: ['tvns', 'breathwork'],
    authors: [
      { collective: 'Fixture Autonomic Consortium' },
      { last: 'Müller-Ñúñez', fore: 'José', affiliation: 'Fixture Institute, Testville.' },
    ],
    abstract: [
      'Slow breathing and taVNS both target vagal pathways.',
      'In a randomized crossover design, 36 adults received taVNS (25 Hz, 250 µs, cymba conchae, 30 min), breathing at 6 breaths/min for 30 min, and sham.',
      'RMSSD increased most with slow breathing (+11.2 ms), then taVNS (+4.3 ms), versus sham.',
      'Slow breathing produced larger acute HRV changes than taVNS.',
    ],
  },
]);

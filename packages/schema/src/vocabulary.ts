/**
 * The shared vocabulary. These identifiers are part of the public API: never rename one.
 * Outcomes and designs are fixed here; topics are data (data/topics.json) that staff extend.
 */
import { z } from 'zod';

export const OUTCOMES = [
  {
    id: 'hrv',
    label: 'Heart-rate variability',
    definition: 'Heart-rate variability or vagal tone indices (RMSSD, HF-HRV, SDNN, RSA, baroreflex sensitivity).',
  },
  {
    id: 'inflammation',
    label: 'Inflammation & immunity',
    definition: 'Inflammatory or immune markers such as CRP, IL-6, TNF-α and other cytokines.',
  },
  { id: 'gut', label: 'Gut function', definition: 'Gastrointestinal symptoms or function: IBS, motility, gastric emptying, microbiome.' },
  { id: 'anxiety', label: 'Anxiety', definition: 'Anxiety symptoms or disorders, e.g. GAD-7, STAI, HADS-A.' },
  { id: 'depression', label: 'Depression & mood', definition: 'Depressive symptoms or mood, e.g. PHQ-9, BDI, HADS-D.' },
  { id: 'stress', label: 'Stress & HPA axis', definition: 'Perceived stress or stress physiology such as cortisol and the HPA axis.' },
  { id: 'ptsd', label: 'PTSD & trauma', definition: 'Post-traumatic stress symptoms, e.g. PCL-5, CAPS.' },
  { id: 'sleep', label: 'Sleep', definition: 'Sleep quality, insomnia or sleep measures such as the PSQI.' },
  { id: 'pain', label: 'Pain', definition: 'Pain intensity or pain conditions, e.g. VAS or NRS pain scores.' },
  { id: 'fatigue', label: 'Fatigue', definition: 'Fatigue or post-exertional malaise, e.g. fatigue severity scales.' },
  { id: 'cognition', label: 'Cognition', definition: 'Cognitive function, memory, attention or "brain fog", e.g. MoCA.' },
  { id: 'quality_of_life', label: 'Quality of life', definition: 'Health-related quality of life, e.g. SF-36, WHOQOL, EQ-5D.' },
  { id: 'cardiovascular', label: 'Cardiovascular & autonomic', definition: 'Blood pressure, heart rate, orthostatic intolerance or POTS.' },
  { id: 'respiratory', label: 'Respiratory', definition: 'Breathing and lung function: dyspnoea, spirometry, respiratory rate.' },
] as const;

export const DESIGNS = [
  { id: 'meta_analysis', label: 'Meta-analysis', definition: 'Statistical pooling of results from several studies.' },
  { id: 'systematic_review', label: 'Systematic review', definition: 'A review with a systematic search and appraisal, without pooling.' },
  { id: 'rct', label: 'Randomised controlled trial', definition: 'Participants randomly assigned to intervention or control.' },
  {
    id: 'controlled_trial',
    label: 'Controlled trial (non-randomised)',
    definition: 'An intervention compared with a control without randomisation, or a single-arm trial.',
  },
  {
    id: 'observational',
    label: 'Observational study',
    definition: 'Cohort, case-control, cross-sectional or other study without assigned intervention.',
  },
  { id: 'case_report', label: 'Case report or series', definition: 'A description of one or a few patients.' },
  { id: 'review', label: 'Narrative review', definition: 'A non-systematic review, editorial overview or commentary.' },
  { id: 'protocol', label: 'Study protocol', definition: 'A published plan for a study whose results are not yet reported.' },
  { id: 'preclinical', label: 'Preclinical', definition: 'Animal or in-vitro research.' },
  {
    id: 'other',
    label: 'Other',
    definition: 'Research that fits none of the designs above (qualitative, technical, modelling, software).',
  },
  {
    id: 'non_research',
    label: 'Not research (letter, comment, editorial, notice)',
    definition: 'A letter, comment, editorial, news item, biography, erratum, retraction or expression of concern: not a study.',
  },
  {
    id: 'unclassified',
    label: 'Unclassified',
    definition: 'Nothing in the publication types or the text identifies the design; never a guess.',
  },
] as const;

export type OutcomeId = (typeof OUTCOMES)[number]['id'];
export type DesignId = (typeof DESIGNS)[number]['id'];

/** A term in Dutch, as Dutch clinicians name it (the dashboard in Dutch; the API's labelNl / definitionNl). */
interface DutchTerm {
  label: string;
  definition: string;
}

export const OUTCOMES_NL: Record<OutcomeId, DutchTerm> = {
  hrv: {
    label: 'Hartslagvariabiliteit',
    definition: 'Hartslagvariabiliteit of maten van vagale tonus (RMSSD, HF-HRV, SDNN, RSA, baroreflexgevoeligheid).',
  },
  inflammation: {
    label: 'Ontsteking & immuniteit',
    definition: 'Ontstekings- of immuunmarkers zoals CRP, IL-6, TNF-α en andere cytokinen.',
  },
  gut: {
    label: 'Darmfunctie',
    definition: 'Maag-darmklachten of -functie: prikkelbaredarmsyndroom, motiliteit, maaglediging, microbioom.',
  },
  anxiety: { label: 'Angst', definition: 'Angstklachten of angststoornissen, bijv. GAD-7, STAI, HADS-A.' },
  depression: { label: 'Depressie & stemming', definition: 'Depressieve klachten of stemming, bijv. PHQ-9, BDI, HADS-D.' },
  stress: { label: 'Stress & HPA-as', definition: 'Ervaren stress of stressfysiologie zoals cortisol en de HPA-as.' },
  ptsd: { label: 'PTSS & trauma', definition: 'Posttraumatische stressklachten, bijv. PCL-5, CAPS.' },
  sleep: { label: 'Slaap', definition: 'Slaapkwaliteit, slapeloosheid of slaapmaten zoals de PSQI.' },
  pain: { label: 'Pijn', definition: 'Pijnintensiteit of pijnaandoeningen, bijv. VAS- of NRS-pijnscores.' },
  fatigue: { label: 'Vermoeidheid', definition: 'Vermoeidheid of post-exertionele malaise (PEM), bijv. vermoeidheidsschalen.' },
  cognition: { label: 'Cognitie', definition: 'Cognitief functioneren, geheugen, aandacht of "brain fog", bijv. MoCA.' },
  quality_of_life: { label: 'Kwaliteit van leven', definition: 'Gezondheidsgerelateerde kwaliteit van leven, bijv. SF-36, WHOQOL, EQ-5D.' },
  cardiovascular: { label: 'Hart, vaten & autonoom', definition: 'Bloeddruk, hartfrequentie, orthostatische intolerantie of POTS.' },
  respiratory: { label: 'Ademhaling', definition: 'Ademhaling en longfunctie: dyspneu, spirometrie, ademfrequentie.' },
};

export const DESIGNS_NL: Record<DesignId, DutchTerm> = {
  meta_analysis: { label: 'Meta-analyse', definition: 'Statistische samenvoeging (pooling) van resultaten uit meerdere studies.' },
  systematic_review: {
    label: 'Systematische review',
    definition: 'Een review met een systematische zoekactie en beoordeling, zonder pooling.',
  },
  rct: {
    label: 'Gerandomiseerde gecontroleerde studie',
    definition: 'Deelnemers zijn door loting toegewezen aan interventie of controle.',
  },
  controlled_trial: {
    label: 'Gecontroleerde studie (niet gerandomiseerd)',
    definition: 'Een interventie vergeleken met een controlegroep zonder randomisatie, of een studie met één arm.',
  },
  observational: {
    label: 'Observationele studie',
    definition: 'Cohort-, patiënt-controle-, cross-sectionele of andere studie zonder toegewezen interventie.',
  },
  case_report: { label: 'Casusbeschrijving of -serie', definition: 'Een beschrijving van één of enkele patiënten.' },
  review: { label: 'Narratieve review', definition: 'Een niet-systematische review, redactioneel overzicht of commentaar.' },
  protocol: {
    label: 'Studieprotocol',
    definition: 'Een gepubliceerd plan voor een studie waarvan de resultaten nog niet zijn gerapporteerd.',
  },
  preclinical: { label: 'Preklinisch onderzoek', definition: 'Dierexperimenteel of in-vitro-onderzoek.' },
  other: {
    label: 'Overig',
    definition: 'Onderzoek dat bij geen van de bovenstaande opzetten past (kwalitatief, technisch, modellering, software).',
  },
  non_research: {
    label: 'Geen onderzoek (brief, commentaar, redactioneel, mededeling)',
    definition:
      'Een brief, commentaar, redactioneel stuk, nieuwsbericht, biografie, erratum, terugtrekking of zorgmelding (expression of concern): geen studie.',
  },
  unclassified: {
    label: 'Niet geclassificeerd',
    definition: 'Niets in de publicatietypen of de tekst bepaalt de opzet van de studie; nooit een gok.',
  },
};

/**
 * Designs that are not evidence: kept out of study lists, evidence counts, the topic × outcome matrix
 * and claim rankings unless a request names them (`design=non_research`) or asks for them
 * (`include_non_research=true`).
 */
export const NON_EVIDENCE_DESIGNS: readonly DesignId[] = ['non_research'];

export const OUTCOME_IDS = OUTCOMES.map((o) => o.id) as unknown as readonly [OutcomeId, ...OutcomeId[]];
export const DESIGN_IDS = DESIGNS.map((d) => d.id) as unknown as readonly [DesignId, ...DesignId[]];

export const outcomeIdSchema = z.enum(OUTCOME_IDS);
export const designIdSchema = z.enum(DESIGN_IDS);

/** The five topics the project ships; staff may add more in data/topics.json. */
export const CORE_TOPIC_IDS = ['tvns', 'breathwork', 'emdr', 'eft', 'long_covid'] as const;

export const topicIdSchema = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'topic ids are lower-case letters, digits and underscores');

/** One saved topic query as staff write it in data/topics.json. */
export const topicDefinitionSchema = z.object({
  id: topicIdSchema,
  label: z.string().min(1),
  description: z.string().min(1),
  /** Dutch label and description for the dashboard in Dutch; without them it shows the English. */
  label_nl: z.string().min(1).optional(),
  description_nl: z.string().min(1).optional(),
  /** The PubMed query, in PubMed's own search syntax. */
  query: z.string().min(1),
  /** Words and phrases that identify the topic in a record that arrived without a query. */
  synonyms: z.array(z.string().min(1)).default([]),
  /** MeSH descriptors that identify the topic. */
  mesh: z.array(z.string().min(1)).default([]),
});

export const topicsFileSchema = z.object({
  topics: z.array(topicDefinitionSchema).min(1),
});

export type TopicDefinition = z.infer<typeof topicDefinitionSchema>;

/** Where a tag came from: the rules, or a person. */
export const TAG_SOURCES = ['rule', 'curator'] as const;
export type TagSource = (typeof TAG_SOURCES)[number];

/** What a tag says something about. */
export const TAG_KINDS = ['outcome', 'design', 'sample_size', 'intervention'] as const;
export type TagKind = (typeof TAG_KINDS)[number];

/**
 * Which way a study's result went for one outcome, always from the person's side: `improved` is
 * better for the person (lower anxiety, higher HRV), `worsened` worse; in condition studies (long
 * COVID versus healthy controls) it describes the condition group (lower HRV → `worsened`).
 * `mixed`: the outcome's measures or subgroups point different ways within the same comparison;
 * `not_reported`: measured or planned, but no result given. ADR 0015.
 */
export const FINDING_DIRECTIONS = ['improved', 'worsened', 'no_difference', 'mixed', 'not_reported'] as const;
export type FindingDirection = (typeof FINDING_DIRECTIONS)[number];
export const findingDirectionSchema = z.enum(FINDING_DIRECTIONS);

/**
 * What a finding compares: `vs_control` between groups (sham, placebo, waitlist, usual care, an active
 * comparator, exposed versus unexposed), `vs_baseline` within-group change, `vs_healthy` people with a
 * condition versus people without it, `pooled` a review's or meta-analysis's synthesis.
 */
export const FINDING_COMPARISONS = ['vs_control', 'vs_baseline', 'vs_healthy', 'pooled'] as const;
export type FindingComparison = (typeof FINDING_COMPARISONS)[number];
export const findingComparisonSchema = z.enum(FINDING_COMPARISONS);

/**
 * For which outcomes a lower value is better for the person, as the outcome is usually scored
 * (symptom scales, blood pressure, CRP); `higher` when a higher value is better (HRV, cognition,
 * quality of life, lung function). Measures that run the other way within an outcome (sleep
 * quality versus PSQI, dyspnoea within respiratory) are the tagger's per-measure exceptions.
 */
export const OUTCOME_POLARITY: Readonly<Record<OutcomeId, 'lower' | 'higher'>> = {
  hrv: 'higher',
  inflammation: 'lower',
  gut: 'lower',
  anxiety: 'lower',
  depression: 'lower',
  stress: 'lower',
  ptsd: 'lower',
  sleep: 'lower',
  pain: 'lower',
  fatigue: 'lower',
  cognition: 'higher',
  quality_of_life: 'higher',
  cardiovascular: 'lower',
  respiratory: 'higher',
};

/** Blinding as an abstract states it: a level (single/double/triple), who was blinded, or open-label. */
export const BLINDING_VALUES = ['single', 'double', 'triple', 'participants', 'assessors', 'investigators', 'open_label'] as const;
export type BlindingValue = (typeof BLINDING_VALUES)[number];
export const blindingValueSchema = z.enum(BLINDING_VALUES);

/** The yes/no quality signals a curator may correct (the rules' value and the curator's stored side by side). */
export const QUALITY_SIGNALS = ['randomised', 'blinded', 'sham', 'active_comparator', 'registered'] as const;
export type QualitySignalId = (typeof QUALITY_SIGNALS)[number];
/** Every kind of study_quality row: the signals, and the rules' numbers (participants randomised or enrolled; a review's included studies). */
export const QUALITY_ROWS = [...QUALITY_SIGNALS, 'n_randomised', 'included_studies'] as const;
export type QualityRowKind = (typeof QUALITY_ROWS)[number];

/**
 * The words that say which way a result went and what it was compared with (ADR 0015). Each cue
 * is one precompiled regex; findings.ts decides with them, in the order documented there.
 */
import { OUTCOME_POLARITY, type OutcomeId } from '@evidence/schema/vocabulary';
import { family } from './scan.ts';

/** Measured, but the abstract gives no result for it. */
const NOT_REPORTED =
  /\b(?:reported separately|will be reported|(?:are|is|were|was) not (?:reported|analy[sz]ed|presented)|not analy[sz]ed here|reported elsewhere|too sparse|insufficient (?:data|evidence) to|will be (?:measured|assessed|compared|evaluated|analy[sz]ed|collected|recorded)|secondary outcomes? (?:include|will)|outcomes? (?:include|will include)|(?:were|was) also (?:measured|recorded|collected|assessed)|await)/i;

/** The measures of an outcome disagree. */
const MIXED =
  /\b(?:inconsistent|mixed (?:results|findings|evidence|effects)|conflicting|heterogeneous (?:results|findings|effects)|varied across|in some but not|some but not all|not all)\b/i;

/** No difference, no change, not significant, not superior, a mere trend. Checked before any change word. */
const NO_DIFFERENCE = new RegExp(
  [
    String.raw`\b(?:did|does|do|could|would) not (?:significantly |statistically |meaningfully )?(?:differ|change|improve|reduce|decrease|increase|alter|affect|modify|influence|reach|show|yield|lead|result|produce|outperform|exceed|lower|raise|worsen|enhance|benefit)`,
    String.raw`\bno (?:statistically |clinically )?(?:significant |meaningful |relevant |detectable |reliable |clear |further |additional )?(?:between[- ]group |group |overall |pooled )?(?:difference|change|effect|improvement|reduction|increase|decrease|benefit|advantage|association|interaction|superiority)`,
    String.raw`\bnot (?:statistically |clinically )?significant`,
    String.raw`\bnon-?significant`,
    String.raw`\b(?:was|were|remained|is|are) (?:statistically )?(?:similar|comparable|unchanged|unaffected|stable|equivalent|not different|not superior|no better|not better|not improved|not reduced|not changed|not associated|not related)`,
    String.raw`\bcomparable\b`,
    String.raw`\bsimilar (?:in|between|across|for|to)\b`,
    String.raw`\bdid not reach\b`,
    String.raw`\bunchanged\b`,
    String.raw`\bremained (?:stable|constant|unchanged|similar)`,
    String.raw`\bfailed to\b`,
    String.raw`\bnot superior\b|\bno better than\b|\bnot better than\b`,
    String.raw`\btrend(?:ed)? (?:towards?|for)\b|\btrend-level\b`,
    String.raw`\bneither\b`,
    String.raw`\bno (?:between-group )?differences?\b`,
    String.raw`\bnull\b`,
    String.raw`\bnot differ`,
  ].join('|'),
  'gi',
);

/** Words that say "worse for the person" whatever the scale. Global like every cue read with exec loops. */
const WORSE = /\b(?:worsen\w*|deteriorat\w*|exacerbat\w*|aggravat\w*|poorer|worse|impaired)\b/gi;
/** Words that say "better for the person" whatever the scale. */
const BETTER =
  /\b(?:improv\w*|benefi\w*|alleviat\w*|ameliorat\w*|relie\w*|superior|effective\w*|efficac\w*|favou?r\w*|better|resol\w*|remission|normali[sz]\w*|eas(?:ed|ing))\b/gi;

/** Changes whose meaning depends on the measure's polarity. Global: every occurrence is looked at. */
const UP =
  /\b(?:increas\w*|higher|greater|elevat\w*|rais\w*|rose|enhanc\w*|augment\w*|boost\w*|more|gain\w*|longer|lengthen\w*|rise|rising|upregulat\w*)\b/gi;
const DOWN =
  /\b(?:decreas\w*|reduc\w*|lower\w*|declin\w*|fell|less|fewer|attenuat\w*|diminish\w*|drop\w*|suppress\w*|blunt\w*|shorter|shorten\w*|fall|falling|downregulat\w*|withdrawal)\b/gi;

/** Splits a sentence into clauses that may carry different results. */
const CLAUSE_BREAK = family(/\b(?:whereas|while|but|although|though|however|yet)\b/gi);

/** A clause without an outcome of its own that says the difference was not significant: it applies to the clause before. */
export const ORPHAN_NO_DIFFERENCE =
  /^(?:(?:the|this|that|these|its|their|a|an)\s+)?(?:(?:overall|between[- ]group|group|mean|observed|pooled|treatment)\s+)?(?:difference|differences|effect|effects|interaction|change|changes|improvement|reduction|benefit|advantage)\s+(?:was|were|did|is|are|remained|failed)\b|^(?:(?:this|it|which)\s+)?(?:was|were|did|is)\s+not\b|^(?:not|non-?)\s*significant|^(?:with\s+)?no\s+(?:significant|statistically|between|group)/i;

/** p-values and significance. */
export const P_VALUE = /\b[pP]\s*(?:[-=]\s*|(<|≤|<=)\s*|(>|≥|>=)\s*)(0?\.\d+|1(?:\.0+)?)/g;
export const SIGNIFICANT = /\bsignifican(?:t|tly|ce)\b|\bstatistically\b/i;

/** A 95% CI of a difference that contains zero, or of a ratio that contains one: not significant. */
export const CI =
  /(?:95\s?%\s?(?:CI|confidence interval)|CI)[\s:,]*(?:from\s+)?([-−–]?\d+(?:\.\d+)?)\s*(?:to|,|–|-(?=\s?[-−–\d]))\s*([-−–]?\d+(?:\.\d+)?)/i;
export const RATIO = /\b(?:OR|RR|HR|IRR|odds ratio|risk ratio|hazard ratio|rate ratio)\b/;

/** The sentence compares with people who do not have the condition. */
export const VS_HEALTHY = family(
  /\b(?:healthy|uninfected|non-?infected|never[- ]infected|fully recovered|recovered (?:controls|participants|individuals|patients)|matched (?:population )?controls|population controls|without (?:long COVID|post-COVID|PCC|ME\/CFS|the condition|persistent symptoms|symptoms)|non-?COVID controls|controls without|general population|normative)\b/gi,
);

/** The sentence states a between-group result. */
export const VS_CONTROL = family(
  /\b(?:sham|placebo|controls?\b|control (?:group|arm|condition|participants)|wait[- ]?list|usual care|treatment as usual|TAU|standard care|between[- ](?:group|arm|condition)s?|group differences?|groups? (?:did not )?differ|(?:group|time)\s*[×x*]\s*(?:group|time)|interaction|versus|vs\.?\s|compared (?:with|to)(?! baseline| pre| before)|relative to(?! baseline)|than (?:the )?(?:other|comparison|non-|those|in the|CBT|TF-CBT|prolonged|exposure|relaxation|stretching|music|reading|psychoeducation|counsell?ing|control|sham|placebo|usual|wait)|superior|inferior|non-?practitioners|unvaccinated|unexposed|either (?:group|arm|condition)|both (?:groups|arms|conditions)|active (?:arm|group|condition|stimulation)|intervention group|the (?:\w+ )?group\b|crossover|conditions?\b)/gi,
);

/** The sentence states a within-group change. */
export const VS_BASELINE = family(
  /\b(?:from baseline|baseline to|(?:compared with|relative to|versus|vs) (?:baseline|pre-?(?:intervention|treatment|test))|pre-? ?(?:to|and|versus|vs)-? ?post|pre-?post|before (?:and|to) after|after (?:the )?(?:intervention|treatment|programme|program|sessions?|training|workshop|course|\d+ (?:sessions|weeks|days|months))|post-?(?:intervention|treatment)|within[- ](?:group|session|subject)|over (?:the )?(?:\d+|follow-up|course|study)|during (?:the )?(?:session|follow-up|stimulation|breathing|intervention)|at (?:follow-up|discharge|\d+ (?:weeks|months))|by \d+ (?:weeks|months)|over time|single[- ]arm|each participant)/gi,
);

/** A pooled estimate of a meta-analysis. */
export const POOLED =
  /\b(?:SMD|Hedges|pooled|meta-analy|standardi[sz]ed mean difference|mean difference|MD\b|I2|I²|overall effect|random-effects)/i;

/** The sentence's subject before "than" is the control group: the comparison runs the other way. */
export const CONTROL_SUBJECT =
  /\b(?:sham|placebo|control|controls|wait[- ]?list|usual care|healthy (?:participants|volunteers|controls|individuals|adults)|comparison group)\b/i;

/** Measures whose polarity runs against their outcome's default (OUTCOME_POLARITY). */
const MEASURE_POLARITY: Partial<Record<OutcomeId, readonly [RegExp, 'lower' | 'higher'][]>> = {
  sleep: [
    [
      /\b(?:PSQI|ISI|insomnia|latency|awakenings?|wake after|WASO|nightmares?|disturbance|Epworth|sleepiness|daytime sleep|problems)\b/i,
      'lower',
    ],
    [/\bsleep (?:quality|efficiency|duration|time|continuity)\b|\btotal sleep\b|\bslow[- ]wave\b|\bREM\b|\bhours? of sleep\b/i, 'higher'],
  ],
  gut: [
    [/\b(?:diversity|richness|motility|emptying|transit|abundance of (?:beneficial|butyrate)|butyrate|microbial diversity)\b/i, 'higher'],
  ],
  depression: [[/\b(?:mood|positive affect|well-being|wellbeing)\b/i, 'higher']],
  pain: [[/\bpain (?:threshold|tolerance)|\bpressure pain threshold/i, 'higher']],
  cognition: [
    [
      /\b(?:reaction time|response time|errors?|brain fog|complaints|impairment|deficits?|difficult(?:y|ies)|problems|Trail Making)\b/i,
      'lower',
    ],
  ],
  respiratory: [
    [
      /\b(?:dyspn\w*|breathlessness|shortness of breath|respiratory rate|breathing rate|breaths per minute|respiratory frequency|hyperventilation|symptoms)\b/i,
      'lower',
    ],
  ],
  hrv: [[/\bLF\/HF\b|\bsympathovagal\b/i, 'lower']],
  cardiovascular: [[/\b(?:ejection fraction|heart rate recovery|orthostatic tolerance|stroke volume|cardiac output)\b/i, 'higher']],
  quality_of_life: [[/\b(?:SGRQ|St George|impact|burden|GERD-HRQL)\b/i, 'lower']],
  fatigue: [[/\b(?:energy|vitality|FACIT-F)\b/i, 'higher']],
};

/** Which way is better for the person for this outcome, in a text `near` the outcome's mention. */
export function polarityNear(outcome: OutcomeId, near: string): 'lower' | 'higher' {
  for (const [re, p] of MEASURE_POLARITY[outcome] ?? []) if (re.test(near)) return p;
  return OUTCOME_POLARITY[outcome];
}

/** A between-group word that outweighs a within-group one in the same sentence. */
export const STRONG_CONTROL = family(
  /\b(?:sham|placebo|control (?:group|arm|condition)|controls\b|wait[- ]?list|usual care|treatment as usual|between[- ]group|group differences?|than (?:the )?(?:control|sham|placebo|usual|wait|comparison|those)|versus (?:sham|placebo|control|usual|wait)|compared (?:with|to) (?:sham|placebo|control|usual|wait|the control))/gi,
);
/** The study has a control arm somewhere (methods), for sentences without comparison words. */
export const STUDY_HAS_CONTROL = family(
  /\b(?:sham|placebo|control (?:group|arm|condition)|wait[- ]?list|usual care|treatment as usual|randomi[sz]|controls\b|comparison group|crossover|versus|compared (?:with|to) (?!baseline))/gi,
);

/** The comparison regexes, read through the prefilter as well. */
export const COMPARISON_FAMILIES = [VS_HEALTHY, VS_CONTROL, VS_BASELINE, STRONG_CONTROL, STUDY_HAS_CONTROL] as const;

/** The cues read through the prefilter: one scan of the abstract finds them all (ADR 0007). */
export const CUE_FAMILIES = {
  nodiff: family(NO_DIFFERENCE),
  worse: family(WORSE),
  better: family(BETTER),
  up: family(UP),
  down: family(DOWN),
  mixed: family(MIXED),
  notReported: family(NOT_REPORTED),
  /** A p-value or CI: no direction by itself, but "p = 0.4" or a CI across zero says no_difference. */
  stat: family(/\b95\s?%\s?(?:CI|confidence interval)|\b[pP]\s?[=>≥]\s?0?\.\d/g),
  clauseBreak: CLAUSE_BREAK,
} as const;

/**
 * British/American spellings the porter stemmer does not fold (it folds inflections:
 * stimulate/stimulation/stimulating). Each pair is a word start, so one pair covers a family
 * (randomis → randomised, randomisation). The search parser (search-query.ts) ORs a query word
 * with its other spelling; the index is left as the records spell it.
 */
const PAIRS: readonly (readonly [british: string, american: string])[] = [
  ['randomis', 'randomiz'],
  ['behaviour', 'behavior'],
  ['oesophag', 'esophag'],
  ['anaem', 'anem'],
  ['paediatr', 'pediatr'],
  ['orthopaed', 'orthoped'],
  ['centre', 'center'],
  ['haemoglobin', 'hemoglobin'],
  ['haemorrhag', 'hemorrhag'],
  ['haemodynam', 'hemodynam'],
  ['tumour', 'tumor'],
  ['oedema', 'edema'],
  ['oestrogen', 'estrogen'],
  ['foetus', 'fetus'],
  ['foetal', 'fetal'],
  ['ischaem', 'ischem'],
  ['leukaem', 'leukem'],
  ['anaesth', 'anesth'],
  ['gynaecolog', 'gynecolog'],
  ['diarrhoea', 'diarrhea'],
  ['dyspnoea', 'dyspnea'],
  ['apnoea', 'apnea'],
  ['colour', 'color'],
  ['favour', 'favor'],
  ['labour', 'labor'],
  ['organis', 'organiz'],
  ['optimis', 'optimiz'],
  ['characteris', 'characteriz'],
  ['hospitalis', 'hospitaliz'],
  ['minimis', 'minimiz'],
  ['standardis', 'standardiz'],
  ['programme', 'program'],
  ['fibre', 'fiber'],
];

/** The other spelling of a lower-case word, or null when it has none. */
export function otherSpelling(word: string): string | null {
  for (const [british, american] of PAIRS) {
    if (word.startsWith(british)) return american + word.slice(british.length);
    // "program" is also the start of "programme": only the bare American form maps back.
    if (word.startsWith(american) && !word.startsWith(british)) return british + word.slice(american.length);
  }
  return null;
}

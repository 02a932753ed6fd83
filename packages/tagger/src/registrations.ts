/**
 * Trial and review registration ids: found in the title and abstract as printed, and in PubMed's
 * DataBankList (PubmedRecord.dataBanks), each with the page of its registry.
 */
import { family, type Family, type Hits, execFrom } from './scan.ts';
import { sentenceIndexAt, type Sentence } from './text.ts';
import type { Evidence, TaggableStudy } from './types.ts';

export const REGISTRIES = [
  'clinicaltrials_gov',
  'isrctn',
  'chictr',
  'anzctr',
  'drks',
  'irct',
  'ctri',
  'eu_ctis',
  'eudract',
  'nl_omon',
  'ntr',
  'ccmo',
  'prospero',
  'inplasy',
  'umin',
  'jrct',
  'cris_kct',
  'tctr',
  'pactr',
  'rebec',
] as const;
export type Registry = (typeof REGISTRIES)[number];

export interface Registration {
  registry: Registry;
  /** As printed (abstract, title) or as NLM gave it (DataBankList). */
  id: string;
  url: string;
  source: 'abstract' | 'databank';
  /** Title/abstract: where it is printed (start/end of the id). DataBankList: null. */
  evidence: Evidence | null;
}

const ICTRP = (id: string) => `https://trialsearch.who.int/Trial2.aspx?TrialID=${encodeURIComponent(id)}`;

/** Per registry: the id as a regex source (no flags, no anchors) and its registry page. Order matters: CTIS before EudraCT. */
const PATTERNS: readonly { registry: Registry; source: string; url: (id: string) => string }[] = [
  { registry: 'clinicaltrials_gov', source: 'NCT\\d{8}', url: (id) => `https://clinicaltrials.gov/study/${id}` },
  { registry: 'isrctn', source: 'ISRCTN\\d{8}', url: (id) => `https://www.isrctn.com/${id}` },
  {
    registry: 'chictr',
    source: 'ChiCTR(?:-[A-Z]{2,5}){0,2}-?\\d{6,12}',
    url: (id) => `https://www.chictr.org.cn/searchprojEN.html?regno=${encodeURIComponent(id)}`,
  },
  {
    registry: 'anzctr',
    source: 'ACTRN\\d{14}',
    url: (id) => `https://www.anzctr.org.au/TrialSearch.aspx?searchTxt=${id}`,
  },
  { registry: 'drks', source: 'DRKS\\d{8}', url: (id) => `https://drks.de/search/en/trial/${id}` },
  { registry: 'irct', source: 'IRCT\\d{8,14}N\\d{1,3}', url: ICTRP },
  { registry: 'ctri', source: 'CTRI/\\d{4}/\\d{2,3}/\\d{6}', url: ICTRP },
  {
    registry: 'eu_ctis',
    source: '(?<![\\d-])\\d{4}-\\d{6}-\\d{2}-\\d{2}(?![\\d-])',
    url: (id) => `https://euclinicaltrials.eu/search-for-clinical-trials/?lang=en&EUCT=${id}`,
  },
  {
    registry: 'eudract',
    source: '(?<![\\d-])(?:19|20)\\d{2}-\\d{6}-\\d{2}(?![\\d-])',
    url: (id) => `https://www.clinicaltrialsregister.eu/ctr-search/search?query=${id}`,
  },
  { registry: 'nl_omon', source: 'NL-OMON\\d{2,6}', url: (id) => `https://onderzoekmetmensen.nl/en/trial/${id.slice(7)}` },
  { registry: 'ntr', source: 'NTR\\d{3,5}(?!\\d)', url: (id) => `https://onderzoekmetmensen.nl/en/search?search=${id}` },
  { registry: 'ccmo', source: 'NL\\d{5}\\.\\d{3}\\.\\d{2}', url: (id) => `https://onderzoekmetmensen.nl/en/search?search=${id}` },
  {
    registry: 'prospero',
    source: 'CRD\\d{11}',
    url: (id) => `https://www.crd.york.ac.uk/prospero/display_record.php?ID=${id}`,
  },
  { registry: 'inplasy', source: 'INPLASY\\d{8,10}', url: (id) => `https://inplasy.com/?s=${id}` },
  { registry: 'umin', source: 'UMIN\\d{9}', url: (id) => ICTRP(`JPRN-${id}`) },
  { registry: 'jrct', source: 'jRCT[sa]?\\d{9,10}', url: (id) => `https://jrct.niph.go.jp/en-latest-detail/${id}` },
  { registry: 'cris_kct', source: 'KCT\\d{7}', url: ICTRP },
  { registry: 'tctr', source: 'TCTR\\d{11}', url: ICTRP },
  { registry: 'pactr', source: 'PACTR\\d{15}', url: (id) => `https://pactr.samrc.ac.za/TrialDisplay.aspx?TrialID=${id}` },
  { registry: 'rebec', source: 'RBR-[0-9a-z]{6,8}(?![0-9a-z])', url: (id) => `https://ensaiosclinicos.gov.br/rg/${id}` },
];

/** All registries in one regex: group i+1 is PATTERNS[i]. "JPRN-" before UMIN/jRCT ids is skipped. */
const ANY = new RegExp(`(?<![A-Za-z0-9])(?:JPRN-)?(?:${PATTERNS.map((p) => `(${p.source})`).join('|')})`, 'g');
export const REGISTRATION_FAMILY: Family = family(ANY);
const EXACT = PATTERNS.map((p) => new RegExp(`^${p.source}$`));

/** The registry whose printed format `id` has, or null (not a registration id we know). */
export function registryOf(id: string): Registry | null {
  const bare = id.replace(/^JPRN-/, '');
  const k = EXACT.findIndex((re) => re.test(bare));
  return k < 0 ? null : PATTERNS[k]!.registry;
}

/** The registry's public page for an id (a search page where the registry has no stable per-id page). */
export function registryUrl(registry: Registry, id: string): string {
  return PATTERNS.find((p) => p.registry === registry)!.url(id);
}

function inText(text: string, sents: Sentence[], hits: Hits | null, field: 'title' | 'abstract', out: Registration[]): void {
  let from = 0;
  let m: RegExpExecArray | null;
  for (;;) {
    if (hits) m = execFrom(REGISTRATION_FAMILY, text, hits, from);
    else {
      ANY.lastIndex = from;
      m = ANY.exec(text);
    }
    if (!m) return;
    from = m.index + m[0].length;
    const k = m.slice(1).findIndex((g) => g !== undefined);
    const id = m[k + 1]!;
    const start = m.index + m[0].length - id.length;
    const s = sents[sentenceIndexAt(sents, start)];
    const registry = PATTERNS[k]!.registry;
    out.push({
      registry,
      id,
      url: PATTERNS[k]!.url(id),
      source: 'abstract',
      evidence: {
        field,
        sentence: s ? text.slice(s.start, s.end) : text,
        start,
        end: start + id.length,
        ruleId: `registration.${registry}`,
      },
    });
  }
}

/**
 * Every registration id of a study: printed in the abstract, then the title, then DataBankList
 * entries not already printed. Data bank accession numbers that are not registry ids (GenBank, GEO)
 * are left out.
 */
export function findRegistrations(
  study: TaggableStudy,
  absSents: Sentence[],
  absHits: Hits | null,
  titleSents: Sentence[],
  titleHits: Hits | null,
): Registration[] {
  const out: Registration[] = [];
  inText(study.abstract, absSents, absHits, 'abstract', out);
  inText(study.title, titleSents, titleHits, 'title', out);
  for (const bank of study.dataBanks ?? [])
    for (const acc of bank.accessionNumbers) {
      const id = acc.trim();
      const registry = registryOf(id);
      if (registry) out.push({ registry, id, url: registryUrl(registry, id), source: 'databank', evidence: null });
    }
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = r.id.replace(/^JPRN-/, '').toUpperCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// What the study page shows from a stored PubMed record that has no column of its own: the trial
// registrations in its DataBankList (ClinicalTrials.gov, ISRCTN, …) and its ELocationIDs (for an
// article number). The query reads them from the stored XML only when one study is shown.

export interface TrialRegistration {
  registry: string;
  id: string;
  /** The registration's page, for registries whose address is known from the id. */
  url: string | null;
}

/** Data banks that are trial registries (NLM's names), with how an accession number becomes a link. */
const REGISTRIES: Record<string, ((id: string) => string) | null> = {
  'ClinicalTrials.gov': (id) => `https://clinicaltrials.gov/study/${encodeURIComponent(id)}`,
  ISRCTN: (id) => `https://www.isrctn.com/${encodeURIComponent(id)}`,
  ANZCTR: null,
  ChiCTR: null,
  CTRI: null,
  DRKS: (id) => `https://drks.de/search/en/trial/${encodeURIComponent(id)}`,
  EudraCT: (id) => `https://www.clinicaltrialsregister.eu/ctr-search/search?query=${encodeURIComponent(id)}`,
  JPRN: null,
  NTR: null,
  PACTR: null,
  ReBec: null,
  RPCEC: null,
  SLCTR: null,
  TCTR: null,
  IRCT: null,
  KCT: null,
  CRiS: null,
};

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&')
    .trim();

/** The trial registrations in one PubMed XML record, in record order, each once. */
export function trialRegistrations(rawXml: string | null | undefined): TrialRegistration[] {
  if (!rawXml?.includes('<DataBank')) return [];
  const found: TrialRegistration[] = [];
  const seen = new Set<string>();
  for (const bank of rawXml.matchAll(/<DataBank>([\s\S]*?)<\/DataBank>/g)) {
    const name = /<DataBankName>([\s\S]*?)<\/DataBankName>/.exec(bank[1]!)?.[1];
    if (!name) continue;
    const registry = decode(name);
    if (!(registry in REGISTRIES)) continue;
    const link = REGISTRIES[registry];
    for (const accession of bank[1]!.matchAll(/<AccessionNumber>([\s\S]*?)<\/AccessionNumber>/g)) {
      const id = decode(accession[1]!);
      if (!id || seen.has(`${registry}|${id}`)) continue;
      seen.add(`${registry}|${id}`);
      found.push({ registry, id, url: link ? link(id) : null });
    }
  }
  return found;
}

/** The record's ELocationIDs (doi, pii), as the citation code reads them for an article number. */
export function eLocationIds(rawXml: string | null | undefined): { type: string; value: string }[] {
  if (!rawXml?.includes('<ELocationID')) return [];
  return [...rawXml.matchAll(/<ELocationID\b[^>]*\bEIdType="([^"]+)"[^>]*>([\s\S]*?)<\/ELocationID>/g)].map((m) => ({
    type: m[1]!,
    value: decode(m[2]!),
  }));
}

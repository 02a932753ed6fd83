/**
 * Deterministic synthetic PubMed XML files for the ingestion benchmark and the import tests.
 * Records look like NLM baseline records in size and shape (structured abstracts of 1,500–2,000
 * characters, 5–15 authors with affiliations, MeSH with qualifiers, keywords, publication types,
 * ArticleIdList, History, a ReferenceList on about 30 %) but are clearly synthetic: PMIDs from
 * 90000000 and titles starting "[Fixture]". Abstract text is recombined from the tagger's
 * hand-written evaluation records (themselves synthetic), so the tagger does realistic work.
 */
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';

interface SeedSection {
  label: string | null;
  nlmCategory: string | null;
  text: string;
}
interface SeedStudy {
  title: string;
  abstractSections: SeedSection[];
  publicationTypes: string[];
  mesh: { descriptor: string; qualifiers: string[]; majorTopic: boolean }[];
  keywords: string[];
}

// The tagger's evaluation records are data files beside its source, not part of its exports.
const EVAL_DIR = new URL('../eval/', import.meta.resolve('@evidence/tagger'));
let seedCache: SeedStudy[] | null = null;
function seedStudies(): SeedStudy[] {
  seedCache ??= ['dev.json', 'heldout.json'].flatMap(
    (f) => JSON.parse(readFileSync(fileURLToPath(new URL(f, EVAL_DIR)), 'utf8')) as SeedStudy[],
  );
  return seedCache;
}

const FIRST_PMID = 90_000_000;

/** A small linear congruential generator: the same seed gives the same file on every machine. */
function rng(seed: number) {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const pad = (n: number, w: number) => String(n).padStart(w, '0');

const LAST = [
  'Fixturson',
  'Example',
  'Testwood',
  'Sampleberg',
  'Mockford',
  'Placeholder',
  'Dummett',
  'Synthetica',
  'Stubbs',
  'Fakeley',
  'Demoulin',
  'Proxima',
];
const FORE = ['Ada', 'Kim', 'Lena', 'Omar', 'Priya', 'Jonas', 'Mei', 'Tomás', 'Ingrid', 'Kwame', 'Sofía', 'Yuki'];
const DEPTS = [
  'Department of Psychiatry',
  'Department of Neurology',
  'Institute of Physiology',
  'Department of Cardiology',
  'School of Psychology',
  'Department of Rehabilitation Medicine',
  'Centre for Integrative Medicine',
];
const CITIES = ['Fixture City', 'Sampletown', 'Testville', 'Mockham'];
const QUALIFIERS: [string, string][] = [
  ['therapy', 'Q000628'],
  ['physiopathology', 'Q000503'],
  ['methods', 'Q000379'],
  ['psychology', 'Q000523'],
  ['etiology', 'Q000209'],
  ['diagnosis', 'Q000175'],
  ['epidemiology', 'Q000453'],
  ['adverse effects', 'Q000009'],
];
const EXTRA_MESH = [
  'Humans',
  'Female',
  'Male',
  'Adult',
  'Middle Aged',
  'Aged',
  'Young Adult',
  'Treatment Outcome',
  'Quality of Life',
  'Heart Rate',
  'Anxiety',
  'Surveys and Questionnaires',
  'Double-Blind Method',
];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const STRUCTURED_ORDER = ['BACKGROUND', 'OBJECTIVE', 'METHODS', 'RESULTS', 'CONCLUSIONS'];

export interface GeneratorOptions {
  /** Number of PubmedArticle records. */
  records: number;
  /** PMID of the first record (default 90000000). */
  firstPmid?: number;
  seed?: number;
  /** Share of records with a ReferenceList (default 0.35). */
  referenceShare?: number;
}

/** Builds record `i` of a generated set (pure: the same i and seed give the same XML). */
export function createRecordGenerator(options: { seed?: number; firstPmid?: number; referenceShare?: number } = {}) {
  const seed = seedStudies();
  const structured = seed.filter((r) => r.abstractSections.length > 1 && r.abstractSections.every((s) => s.label));
  const unstructured = seed.filter((r) => r.abstractSections.length === 1);
  const pools = new Map<string, string[]>();
  for (const r of structured)
    for (const s of r.abstractSections) {
      const cat = STRUCTURED_ORDER.includes(s.nlmCategory ?? '') ? s.nlmCategory! : 'BACKGROUND';
      if (!pools.has(cat)) pools.set(cat, []);
      pools.get(cat)!.push(s.text);
    }
  // Sentences of unstructured abstracts feed BACKGROUND/METHODS/RESULTS pools too, for variety.
  for (const r of unstructured) {
    const sentences = r.abstractSections[0]!.text.split(/(?<=\.)\s+(?=[A-Z])/);
    for (const [k, s] of sentences.entries())
      pools
        .get(k === 0 ? 'BACKGROUND' : k === sentences.length - 1 ? 'CONCLUSIONS' : k < sentences.length / 2 ? 'METHODS' : 'RESULTS')!
        .push(s);
  }
  const firstPmid = options.firstPmid ?? FIRST_PMID;
  const refShare = options.referenceShare ?? 0.3;

  return function record(i: number): string {
    const rnd = rng((options.seed ?? 1) * 7919 + i * 104729);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
    const vary = (t: string) => t.replace(/\d+/g, (d) => (d.length >= 4 ? d : String(Math.max(1, Math.round(Number(d) * (0.5 + rnd()))))));
    const pmid = firstPmid + i;
    const base = pick(seed);
    const target = int(1500, 2000);

    let abstract: string;
    if (rnd() < 0.7) {
      const cats = STRUCTURED_ORDER.filter((c) => c !== 'OBJECTIVE' || rnd() < 0.4);
      const texts = cats.map((c) => [vary(pick(pools.get(c)!))]);
      const length = () => texts.reduce((n, t, k) => n + cats[k]!.length + 2 + t.join(' ').length, 0);
      for (let guard = 0; length() < target - 120 && guard < 60; guard++) {
        const k = rnd() < 0.7 ? cats.indexOf(rnd() < 0.5 ? 'METHODS' : 'RESULTS') : Math.floor(rnd() * cats.length);
        texts[k]!.push(vary(pick(pools.get(cats[k]!)!)));
      }
      abstract = cats
        .map((c, k) => `<AbstractText Label="${c}" NlmCategory="${c}">${markup(texts[k]!.join(' '), rnd)}</AbstractText>`)
        .join('\n        ');
    } else {
      const parts = [vary(pick(unstructured).abstractSections[0]!.text)];
      while (parts.join(' ').length < target - 120) parts.push(vary(pick(unstructured).abstractSections[0]!.text));
      abstract = `<AbstractText>${markup(parts.join(' '), rnd)}</AbstractText>`;
    }
    if (rnd() < 0.5)
      abstract += `\n        <CopyrightInformation>© ${int(2015, 2025)} Fixture Authors. Published by Fixture Press.</CopyrightInformation>`;

    const nAuthors = int(5, 15);
    const authors = Array.from({ length: nAuthors }, (_, k) => {
      const orcid =
        rnd() < 0.3
          ? `\n            <Identifier Source="ORCID">0000-000${int(1, 3)}-${pad(int(0, 9999), 4)}-${pad(int(0, 9999), 4)}</Identifier>`
          : '';
      const affs = Array.from(
        { length: rnd() < 0.2 ? 2 : 1 },
        () =>
          `\n            <AffiliationInfo>\n              <Affiliation>${pick(DEPTS)}, Fixture University ${int(1, 40)}, ${pick(CITIES)}, Fixtureland.</Affiliation>\n            </AffiliationInfo>`,
      ).join('');
      const fore = pick(FORE);
      return `\n          <Author ValidYN="Y">\n            <LastName>${pick(LAST)}${k}</LastName>\n            <ForeName>${fore}</ForeName>\n            <Initials>${fore[0]}</Initials>${orcid}${affs}\n          </Author>`;
    }).join('');

    const meshSet = new Map<string, boolean>();
    for (const m of base.mesh) meshSet.set(m.descriptor, m.majorTopic);
    while (meshSet.size < int(8, 15)) meshSet.set(pick(EXTRA_MESH), false);
    const mesh = [...meshSet]
      .map(([d, major], k) => {
        const quals = Array.from({ length: rnd() < 0.5 ? int(1, 3) : 0 }, () => pick(QUALIFIERS));
        return `\n        <MeshHeading>\n          <DescriptorName UI="D${pad(100000 + k * 37, 6)}" MajorTopicYN="${major ? 'Y' : 'N'}">${esc(d)}</DescriptorName>${quals.map(([q, ui]) => `\n          <QualifierName UI="${ui}" MajorTopicYN="${rnd() < 0.3 ? 'Y' : 'N'}">${q}</QualifierName>`).join('')}\n        </MeshHeading>`;
      })
      .join('');

    const pubTypes = base.publicationTypes
      .map((p) => `\n          <PublicationType UI="D${pad(16000 + p.length * 31, 6)}">${esc(p)}</PublicationType>`)
      .join('');
    const keywords = base.keywords.map((k) => `\n        <Keyword MajorTopicYN="N">${esc(k)}</Keyword>`).join('');
    const year = int(2010, 2025);
    const month = int(1, 12);
    const day = int(1, 28);
    const date = (y: number, m: number, d: number) => `<Year>${y}</Year><Month>${pad(m, 2)}</Month><Day>${pad(d, 2)}</Day>`;
    const history = ['received', 'revised', 'accepted', 'pubmed', 'medline', 'entrez']
      .map(
        (s, k) =>
          `\n        <PubMedPubDate PubStatus="${s}">${date(k < 3 ? year - 1 : year, Math.min(12, month + (k > 2 ? 1 : 0)), day)}${k > 2 ? `<Hour>${int(0, 23)}</Hour><Minute>${int(0, 59)}</Minute>` : ''}</PubMedPubDate>`,
      )
      .join('');
    const references =
      rnd() < refShare
        ? `\n      <ReferenceList>${Array.from({ length: int(10, 30) }, (_, k) => `\n        <Reference>\n          <Citation>Fixture${k} A, Example B. [Fixture] Reference ${k}. Fixture J. ${int(1990, 2024)};${int(1, 80)}(${int(1, 12)}):${int(1, 900)}-${int(901, 999)}.</Citation>\n          <ArticleIdList>\n            <ArticleId IdType="pubmed">${firstPmid + int(0, 9_999_999)}</ArticleId>${rnd() < 0.5 ? `\n            <ArticleId IdType="doi">10.9999/fixture.ref.${k}</ArticleId>` : ''}\n          </ArticleIdList>\n        </Reference>`).join('')}\n      </ReferenceList>`
        : '';
    const grants =
      rnd() < 0.3
        ? `\n        <GrantList CompleteYN="Y">\n          <Grant>\n            <GrantID>FX-${int(1000, 9999)}</GrantID>\n            <Agency>Fixture Research Council</Agency>\n            <Country>Fixtureland</Country>\n          </Grant>\n        </GrantList>`
        : '';
    const comments =
      rnd() < 0.05
        ? `\n      <CommentsCorrectionsList>\n        <CommentsCorrections RefType="${pick(['ErratumIn', 'CommentIn', 'RetractionIn'])}">\n          <RefSource>Fixture J. ${year};1:1</RefSource>\n          <PMID Version="1">${firstPmid + int(0, 999)}</PMID>\n        </CommentsCorrections>\n      </CommentsCorrectionsList>`
        : '';

    return `<PubmedArticle>
    <MedlineCitation Status="MEDLINE" Owner="NLM" IndexingMethod="Automated">
      <PMID Version="1">${pmid}</PMID>
      <DateCompleted>${date(year, month, day)}</DateCompleted>
      <DateRevised>${date(year + 1, month, day)}</DateRevised>
      <Article PubModel="Print-Electronic">
        <Journal>
          <ISSN IssnType="Electronic">${pad(int(1000, 9999), 4)}-${pad(int(1000, 9999), 4)}</ISSN>
          <JournalIssue CitedMedium="Internet">
            <Volume>${int(1, 120)}</Volume>
            <Issue>${int(1, 12)}</Issue>
            <PubDate><Year>${year}</Year><Month>${MONTHS[month - 1]}</Month></PubDate>
          </JournalIssue>
          <Title>Fixture journal of ${pick(['psychophysiology', 'integrative medicine', 'neuromodulation', 'clinical trials'])}</Title>
          <ISOAbbreviation>Fixture J</ISOAbbreviation>
        </Journal>
        <ArticleTitle>[Fixture] ${markup(vary(base.title), rnd)} (${i}).</ArticleTitle>
        <Pagination><StartPage>${int(1, 900)}</StartPage><MedlinePgn>${int(1, 900)}-${int(901, 999)}</MedlinePgn></Pagination>
        <ELocationID EIdType="doi" ValidYN="Y">10.9999/fixture.${pmid}</ELocationID>
        <Abstract>
        ${abstract}
        </Abstract>
        <AuthorList CompleteYN="Y">${authors}
        </AuthorList>
        <Language>eng</Language>${grants}
        <PublicationTypeList>${pubTypes}
        </PublicationTypeList>
        <ArticleDate DateType="Electronic">${date(year, month, day)}</ArticleDate>
      </Article>
      <MedlineJournalInfo>
        <Country>Fixtureland</Country>
        <MedlineTA>Fixture J</MedlineTA>
        <NlmUniqueID>${900000000 + int(0, 999)}</NlmUniqueID>
        <ISSNLinking>1234-0000</ISSNLinking>
      </MedlineJournalInfo>
      <CitationSubset>IM</CitationSubset>
      <MeshHeadingList>${mesh}
      </MeshHeadingList>
      <KeywordList Owner="NOTNLM">${keywords}
      </KeywordList>${comments}
    </MedlineCitation>
    <PubmedData>
      <History>${history}
      </History>
      <PublicationStatus>ppublish</PublicationStatus>
      <ArticleIdList>
        <ArticleId IdType="pubmed">${pmid}</ArticleId>
        <ArticleId IdType="doi">10.9999/fixture.${pmid}</ArticleId>${rnd() < 0.4 ? `\n        <ArticleId IdType="pmc">PMC${9_000_000 + i}</ArticleId>` : ''}
        <ArticleId IdType="pii">S0000-${pad(i, 7)}</ArticleId>
      </ArticleIdList>${references}
    </PubmedData>
  </PubmedArticle>`;
  };
}

/** Escapes text and puts a little inline markup in, as real titles and abstracts have. */
function markup(text: string, rnd: () => number): string {
  let out = esc(text);
  if (rnd() < 0.3) out = out.replace(/\b(taVNS|HRV|EMDR|RMSSD|COVID-19)\b/, '<i>$1</i>');
  if (rnd() < 0.1) out = out.replace(/\bCO2\b/, 'CO<sub>2</sub>');
  return out;
}

export const XML_HEAD =
  '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2019//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_190101.dtd">\n<PubmedArticleSet>\n';
export const XML_TAIL = '</PubmedArticleSet>\n';

/**
 * Writes a generated PubmedArticleSet to `path` (gzipped when it ends in .gz), streaming so the
 * generator's own memory stays small. `minBytes` keeps adding records until the file is that big.
 * `extra(i)` may return more elements to insert after record i (a DeleteCitation, a bad record).
 */
export async function writePubmedFile(
  path: string,
  options: GeneratorOptions & { minBytes?: number; extra?: (i: number) => string | null },
): Promise<{ records: number; bytes: number }> {
  const record = createRecordGenerator(options);
  const file = createWriteStream(path);
  const gzip = path.endsWith('.gz') ? createGzip({ level: 1 }) : null;
  const out = gzip ?? file;
  gzip?.pipe(file);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(XML_HEAD);
  let i = 0;
  for (; i < options.records || bytes < (options.minBytes ?? 0); i++) {
    await write(`  ${record(i)}\n`);
    const more = options.extra?.(i);
    if (more) await write(`  ${more}\n`);
  }
  await write(XML_TAIL);
  out.end();
  await once(file, 'close');
  return { records: i, bytes };
}

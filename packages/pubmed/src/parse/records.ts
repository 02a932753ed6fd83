/** One scanned fragment → a record, a deletion, or a per-record error. */
import type { DeletedCitation, PubmedRecord, RecordParseError } from '../record.ts';
import { articleRecord, RecordError } from './article.ts';
import { bookRecord } from './book.ts';
import { attr, findAll, kids, parseNodes, parseOrdered, textOf, validateRecordXml, type XNode } from './fxp.ts';
import { RECORD_LIMIT, type Fragment } from './scan.ts';

export type StreamItem =
  | { type: 'record'; record: PubmedRecord }
  | { type: 'deletion'; deletion: DeletedCitation }
  | { type: 'error'; error: RecordParseError };

/**
 * Elements the record mapping never reads. They are cut out of the text handed to the parser
 * (not out of rawXml): ReferenceList alone is 30-45% of a modern record, and parse time is
 * linear in bytes. The record has already been validated in full at this point.
 */
const UNUSED = [
  'ReferenceList',
  'ChemicalList',
  'GrantList',
  'SupplMeshList',
  'GeneSymbolList',
  'CoiStatement',
  'GeneralNote',
  'PersonalNameSubjectList',
  'SpaceFlightMission',
  'ObjectList',
  'ItemList',
];

/** Turns a fragment into items; throws PubmedXmlError only when the fragment is not well-formed XML. */
export function fragmentItems(fragment: Fragment): StreamItem[] {
  if (fragment.oversized) {
    const { pmid, chars } = fragment.oversized;
    return [{ type: 'error', error: { pmid, reason: tooLarge(`${fragment.tag} at line ${fragment.line}`, chars) } }];
  }
  return mapFragment(fragment, parseOrdered(fragment.xml, slim(fragment.xml), fragment));
}

/**
 * fragmentItems() in its three stages, for the ingest benchmark's per-stage timing:
 * validate (throws on malformed XML), parse (slimmed text → nodes), map (nodes → items).
 */
export const fragmentStages = {
  validate: (fragment: Fragment): void => validateRecordXml(fragment.xml, fragment),
  parse: (fragment: Fragment): XNode[] => parseNodes(slim(fragment.xml)),
  map: (fragment: Fragment, nodes: XNode[]): StreamItem[] => mapFragment(fragment, nodes),
};

function mapFragment(fragment: Fragment, nodes: XNode[]): StreamItem[] {
  const root = nodes.find((n) => fragment.tag in n);
  const children = root ? (root[fragment.tag] as XNode[]) : [];
  if (fragment.tag === 'DeleteCitation') return deletions(children);
  try {
    return [{ type: 'record', record: toRecord(fragment, children) }];
  } catch (err) {
    if (!(err instanceof RecordError)) throw err;
    const reason = `${fragment.tag} at line ${fragment.line}: ${err.message}`;
    return [{ type: 'error', error: { pmid: err.pmid, reason } }];
  }
}

function toRecord(fragment: Fragment, children: XNode[]): PubmedRecord {
  switch (fragment.tag) {
    case 'PubmedBookArticle':
      return bookRecord(children, fragment.xml);
    case 'MedlineCitation':
      return articleRecord(children, undefined, fragment.xml);
    default: {
      const citation = kids(children, 'MedlineCitation');
      if (!citation) throw new RecordError(null, 'no MedlineCitation element');
      return articleRecord(citation, kids(children, 'PubmedData'), fragment.xml);
    }
  }
}

function deletions(children: XNode[]): StreamItem[] {
  return findAll(children, 'PMID').flatMap((node): StreamItem[] => {
    const pmid = textOf(node, 'PMID');
    if (!pmid) return [];
    const version = Number(attr(node, 'Version'));
    return [{ type: 'deletion', deletion: { pmid, pmidVersion: Number.isInteger(version) && version > 0 ? version : 1 } }];
  });
}

/** The record's text without UNUSED elements, found in one pass ('<' cannot occur unescaped in text). */
function slim(xml: string): string {
  UNUSED_START.lastIndex = 0;
  let out = '';
  let copied = 0;
  for (let m = UNUSED_START.exec(xml); m !== null; m = UNUSED_START.exec(xml)) {
    const startTagEnd = xml.indexOf('>', m.index);
    const close = `</${m[1]}>`;
    const end =
      xml.charCodeAt(startTagEnd - 1) === 47 /* self-closing */ ? startTagEnd + 1 : xml.indexOf(close, startTagEnd) + close.length;
    if (startTagEnd < 0 || end < close.length) break; // unclosed: leave the rest to the parser
    out += xml.slice(copied, m.index);
    copied = end;
    UNUSED_START.lastIndex = end;
  }
  return copied === 0 ? xml : out + xml.slice(copied);
}
const UNUSED_START = new RegExp(`<(${UNUSED.join('|')})[\\s/>]`, 'g');

/** Why a record over RECORD_LIMIT was skipped, the same words for XML and MEDLINE. */
export function tooLarge(what: string, chars: number): string {
  const mib = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return `${what} is too large to parse (${mib(chars)} MiB; the limit is ${RECORD_LIMIT / (1024 * 1024)} MiB)`;
}

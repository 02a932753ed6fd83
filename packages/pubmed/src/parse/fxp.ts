/**
 * The one fast-xml-parser configuration used for every record, and small accessors over its
 * ordered output. preserveOrder is used for the whole record: it keeps mixed content
 * (ArticleTitle with <i>, AbstractText with MathML) in document order, and measured faster
 * than the default object mode on real records.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PubmedXmlError } from './errors.ts';

/** A node of fast-xml-parser's preserveOrder output: `{ Tag: children, ':@': attrs }` or `{ '#text': s }`. */
// biome-ignore lint/suspicious/noExplicitAny: the parser's tree is dynamic by nature; readers narrow each value they take
export type XNode = Record<string, any>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Identifiers and pages are strings: "026002" must not become 26002.
  parseTagValue: false,
  parseAttributeValue: false,
  // Whitespace between inline elements is content ("<i>Homo</i> sapiens"); we trim ourselves.
  trimValues: false,
  // Numeric character references (&#x3b1;) are only decoded with this on (checked on 5.12.1);
  // entities are decoded once, so "&amp;lt;" stays the text "&lt;".
  htmlEntities: true,
  // Callbacks get no path string: cheaper, and we never use paths.
  jPath: false,
});

/**
 * Refuses a record that is not well-formed XML, with its position in the document.
 * fast-xml-parser's parser alone accepts mismatched closing tags, so this runs before parseNodes().
 */
export function validateRecordXml(xml: string, where: { line: number; column: number }): void {
  const result = XMLValidator.validate(xml);
  if (result !== true) {
    const { msg, line, col } = result.err;
    // Translate the record-relative position into the document's.
    const docLine = where.line + line - 1;
    const docCol = line === 1 ? where.column + col - 1 : col;
    throw new PubmedXmlError(`Malformed XML: ${msg}`, docLine, docCol);
  }
}

/** Parses a record's XML, already validated (or the same record slimmed), into ordered nodes. */
export function parseNodes(xml: string): XNode[] {
  return parser.parse(xml) as XNode[];
}

/** Validates one record's XML, then parses `toParse` (the same record, possibly slimmed) into ordered nodes. */
export function parseOrdered(xml: string, toParse: string, where: { line: number; column: number }): XNode[] {
  validateRecordXml(xml, where);
  return parseNodes(toParse);
}

/** The element name of a node, or undefined for text. */
export function nameOf(node: XNode): string | undefined {
  for (const key in node) if (key !== ':@') return key === '#text' ? undefined : key;
  return undefined;
}

export function attr(node: XNode | undefined, name: string): string | null {
  const attrs = node?.[':@'];
  const value = attrs?.[name];
  return value === undefined ? null : String(value);
}

/** Iterates element children of `list` as [name, node] pairs, skipping text. */
export function* elements(list: XNode[] | undefined): Generator<[string, XNode]> {
  if (!list) return;
  for (const node of list) {
    const name = nameOf(node);
    if (name !== undefined) yield [name, node];
  }
}

export function find(list: XNode[] | undefined, name: string): XNode | undefined {
  if (!list) return undefined;
  for (const node of list) if (name in node) return node;
  return undefined;
}

export function findAll(list: XNode[] | undefined, name: string): XNode[] {
  const out: XNode[] = [];
  if (list) for (const node of list) if (name in node) out.push(node);
  return out;
}

/** Children of the first `name` child of `list`. */
export function kids(list: XNode[] | undefined, name: string): XNode[] | undefined {
  const node = find(list, name);
  return node ? (node[name] as XNode[]) : undefined;
}

/** All descendant text of an element, whitespace collapsed; null when empty or absent. */
export function textOf(node: XNode | undefined, name: string): string | null {
  if (!node) return null;
  const text = collapse(rawText(node[name] as XNode[]));
  return text === '' ? null : text;
}

/** Text of the first `name` child of `list`. */
export function childText(list: XNode[] | undefined, name: string): string | null {
  return textOf(find(list, name), name);
}

function rawText(list: XNode[] | undefined): string {
  if (!list) return '';
  // Fast path: the common leaf element holding one text node.
  const only = list.length === 1 ? list[0] : undefined;
  if (only && '#text' in only) return String(only['#text']);
  let out = '';
  for (const node of list) {
    const name = nameOf(node);
    out += name === undefined ? String(node['#text']) : rawText(node[name] as XNode[]);
  }
  return out;
}

/** Collapses runs of XML whitespace (not NBSP, which can be meaningful) and trims the ends. */
export function collapse(text: string): string {
  return WS_RUN.test(text) ? text.replace(WS_RUNS, ' ').trim() : text.trim();
}
const WS_RUN = /[ \t\n\r]{2}|[\t\n\r]/;
const WS_RUNS = /[ \t\n\r]+/g;

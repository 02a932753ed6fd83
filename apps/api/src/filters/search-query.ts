/**
 * The search box's language: what people type into PubMed (words with hyphens, digits and
 * punctuation, "phrases", AND/OR/NOT, parentheses, a trailing *, PMIDs, DOIs, author names, field
 * tags [ti] [tiab] [ab] [au] [mh] [ot] [pt] [dp] [pmid] [doi]), read into a safe FTS5 expression
 * (every term quoted, so FTS5 syntax errors cannot happen) plus structured conditions (PMID, DOI,
 * year range, publication type) that are AND-ed with it. Input that cannot be read that way is
 * searched as plain words, and `note` says so. The cost rule (full-text-cost.ts) counts `terms`.
 */
import { authorPhrase } from '@evidence/schema';
import { otherSpelling } from './spelling-variants.ts';

export type SearchCondition =
  | { kind: 'pmid'; pmids: number[] }
  | { kind: 'doi'; doi: string }
  | { kind: 'year'; from: number; to: number }
  | { kind: 'publicationType'; name: string };

/** A word or phrase as the cost rule counts it: its last word, and whether it is a prefix (word*). */
export interface SearchTerm {
  text: string;
  prefix: boolean;
}

interface ParsedSearch {
  ok: true;
  /** The FTS5 MATCH expression over studies_fts, or null when only structured conditions remain. */
  fts: string | null;
  conditions: SearchCondition[];
  terms: SearchTerm[];
  /** How the input was read, in PubMed's notation. */
  interpreted: string;
  /** Why the input was not read as written (searched as plain words, a tag ignored …), or null. */
  note: string | null;
  /** The same, one entry per reason, for a client that words them in its own language. */
  notes: SearchNote[];
}

/** Why a search could not be read as PubMed syntax (it is then searched as plain words). */
export const UNREADABLE_REASONS = [
  'unbalanced_quote',
  'unbalanced_bracket',
  'unbalanced_parenthesis',
  'not_needs_terms',
  'operator_needs_terms',
  'unexpected_operator',
] as const;
type UnreadableReason = (typeof UNREADABLE_REASONS)[number];

/** A value a field tag expects ([dp] a year, [pmid] a PMID …). */
export const TAG_VALUE_KINDS = ['year', 'pmid', 'doi', 'publication_type'] as const;

/**
 * One way the input was not read as written. The API words each in English (`note`); the
 * dashboard words them from `code` and the values, in the reader's language.
 */
export type SearchNote =
  | { code: 'unreadable'; reason: UnreadableReason; operator: string | null }
  | { code: 'not_a_value'; text: string; expected: (typeof TAG_VALUE_KINDS)[number] }
  | { code: 'unknown_field'; field: string }
  | { code: 'no_letters'; text: string }
  | { code: 'tag_without_term'; field: string }
  | { code: 'condition_needs_and'; text: string };

const UNREADABLE_TEXT: Record<UnreadableReason, string> = {
  unbalanced_quote: 'unbalanced quote',
  unbalanced_bracket: 'unbalanced bracket',
  unbalanced_parenthesis: 'unbalanced parenthesis',
  not_needs_terms: 'NOT needs a term on each side',
  operator_needs_terms: 'an operator needs a term on each side',
  unexpected_operator: 'unexpected operator',
};
const VALUE_TEXT = { year: 'year or year range (2020:2023)', pmid: 'PMID', doi: 'DOI', publication_type: 'publication type' } as const;

/** The note in English, as the API's `note` gives it. */
export function searchNoteText(note: SearchNote): string {
  switch (note.code) {
    case 'unreadable':
      return `${note.operator ? `${note.operator} needs a term on each side` : UNREADABLE_TEXT[note.reason]}: searched as plain words`;
    case 'not_a_value':
      return `${note.text} is not a ${VALUE_TEXT[note.expected]}: searched as words`;
    case 'unknown_field':
      return `unknown field tag [${note.field}]: searched in all fields`;
    case 'no_letters':
      return `ignored ${JSON.stringify(note.text)}: no letters or digits`;
    case 'tag_without_term':
      return `ignored [${note.field}]: no term before it`;
    case 'condition_needs_and':
      return `${note.text} only combines with AND: searched as words`;
  }
}

export type SearchParse = ParsedSearch | { ok: false; problem: string };

/** FTS5 columns of studies_fts (migration 0010). */
type Column = 'title' | 'abstract' | 'keywords_text' | 'mesh_text' | 'authors_text';

const FIELD_COLUMNS: Record<string, Column[] | null> = {
  ti: ['title'],
  title: ['title'],
  tiab: ['title', 'abstract'],
  ab: ['abstract'],
  au: ['authors_text'],
  auth: ['authors_text'],
  author: ['authors_text'],
  mh: ['mesh_text'],
  mesh: ['mesh_text'],
  majr: ['mesh_text'],
  ot: ['keywords_text'],
  kw: ['keywords_text'],
  tw: null,
  all: null,
};
const STRUCTURED_FIELDS = {
  pmid: 'pmid',
  uid: 'pmid',
  doi: 'doi',
  aid: 'doi',
  lid: 'doi',
  dp: 'year',
  pdat: 'year',
  pt: 'publicationType',
} as const;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const DOI = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)?(10\.\d{4,9}\/\S+?)(?:\[(?:doi|aid|lid)\])?$/i;
const DOI_START = /(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)?10\.\d{4,9}\/[^\s[]+/iy;
const OPERATORS = new Set(['AND', 'OR', 'NOT']);
/** A phrase's spelling variants are ORed; more than this many keep only the first ones. */
const MAX_VARIANTS = 8;

type Token =
  | { t: 'word'; text: string }
  | { t: 'phrase'; text: string; prefix: boolean }
  | { t: 'tag'; field: string }
  | { t: 'op'; op: 'AND' | 'OR' | 'NOT' }
  | { t: '(' }
  | { t: ')' };

/** A leaf: words searched in columns (null: all), or a structured condition. */
type Leaf =
  | { kind: 'text'; words: string[]; typed: string[]; prefix: boolean; columns: Column[] | null; shown: string; countEach: boolean }
  | { kind: 'cond'; cond: SearchCondition; shown: string; asText: string };
type Node = { kind: 'and' | 'or'; children: Node[] } | { kind: 'not'; left: Node; right: Node } | Leaf;

class Unreadable extends Error {
  readonly reason: UnreadableReason;
  /** The operator that lacks a term, when that is the reason. */
  readonly operator: string | null;
  constructor(reason: UnreadableReason, operator: string | null = null) {
    super(reason);
    this.reason = reason;
    this.operator = operator;
  }
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      const end = input.indexOf('"', i + 1);
      if (end < 0) throw new Unreadable('unbalanced_quote');
      const prefix = input[end + 1] === '*';
      tokens.push({ t: 'phrase', text: input.slice(i + 1, end), prefix });
      i = end + (prefix ? 2 : 1);
    } else if (c === '(' || c === ')') {
      tokens.push({ t: c });
      i++;
    } else if (c === '[') {
      const end = input.indexOf(']', i);
      if (end < 0) throw new Unreadable('unbalanced_bracket');
      tokens.push({
        t: 'tag',
        field: input
          .slice(i + 1, end)
          .trim()
          .toLowerCase(),
      });
      i = end + 1;
    } else {
      DOI_START.lastIndex = i;
      const doi = DOI_START.exec(input);
      // A DOI keeps its parentheses (10.1016/S0140-6736(20)30183-5); it ends at a space or a tag.
      const text = doi ? doi[0] : /^[^\s"()[]+/.exec(input.slice(i))![0];
      tokens.push(OPERATORS.has(text) ? { t: 'op', op: text as 'AND' | 'OR' | 'NOT' } : { t: 'word', text });
      i += text.length;
    }
  }
  return tokens;
}

/** A bare word or a tagged group as a leaf. */
function leafOf(text: string, field: string | null, quoted: boolean, phrasePrefix: boolean, notes: SearchNote[]): Leaf | null {
  const shownTag = field ? `[${field}]` : '';
  if (field && field in STRUCTURED_FIELDS) {
    const kind = STRUCTURED_FIELDS[field as keyof typeof STRUCTURED_FIELDS];
    const cond = structured(kind, text.trim());
    if (cond) return { kind: 'cond', cond, shown: `${text.trim()}${shownTag}`, asText: text };
    notes.push({
      code: 'not_a_value',
      text: `${text.trim()}${shownTag}`,
      expected: kind === 'publicationType' ? 'publication_type' : kind,
    });
    field = null;
  }
  let columns: Column[] | null = null;
  if (field) {
    if (field in FIELD_COLUMNS) columns = FIELD_COLUMNS[field]!;
    else notes.push({ code: 'unknown_field', field });
  }
  const prefix = phrasePrefix || (!quoted && /[\p{L}\p{N}\p{M}]\*$/u.test(text));
  const typed = text.toLowerCase().match(WORD) ?? [];
  let words = typed;
  if (words.length === 0) {
    notes.push({ code: 'no_letters', text });
    return null;
  }
  if (columns?.[0] === 'authors_text') {
    // "Smolen JS[au]": last name, then initials (how authors_text writes a person).
    const parts = text.trim().split(/\s+/);
    const initials = parts.length > 1 && /^\p{L}{1,3}$/u.test(parts.at(-1)!) ? parts.pop()!.toUpperCase() : null;
    if (initials) words = authorPhrase(parts.join(' '), initials).toLowerCase().match(WORD)!;
  }
  const shown = `${quoted ? `"${text}"` : text.replace(/\*$/, '')}${prefix ? '*' : ''}${shownTag}`;
  return { kind: 'text', words, typed, prefix, columns, shown, countEach: quoted || field !== null };
}

function structured(kind: (typeof STRUCTURED_FIELDS)[keyof typeof STRUCTURED_FIELDS], value: string): SearchCondition | null {
  if (kind === 'pmid') return /^\d{1,8}$/.test(value) ? { kind: 'pmid', pmids: [Number(value)] } : null;
  if (kind === 'doi') {
    const m = DOI.exec(value);
    return m ? { kind: 'doi', doi: m[1]!.toLowerCase() } : null;
  }
  if (kind === 'publicationType') return /[\p{L}]/u.test(value) ? { kind: 'publicationType', name: value.toLowerCase() } : null;
  const m = /^(\d{4})(?:[/-]\d{1,2}(?:[/-]\d{1,2})?)?(?:\s*:\s*(\d{4})(?:[/-]\d{1,2}(?:[/-]\d{1,2})?)?)?$/.exec(value);
  if (!m) return null;
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  return from <= to ? { kind: 'year', from, to } : null;
}

/** Recursive descent with FTS5's precedence (NOT over AND over OR); adjacent terms are AND-ed. */
function parseTokens(tokens: Token[], notes: SearchNote[]): Node | null {
  let pos = 0;
  let depth = 0;
  const peek = () => tokens[pos];
  const orExpr = (): Node | null => {
    const children = [andExpr()];
    while (peek()?.t === 'op' && (peek() as { op: string }).op === 'OR') {
      pos++;
      children.push(andExpr());
    }
    return combine('or', children);
  };
  const andExpr = (): Node | null => {
    const children = [notExpr()];
    for (;;) {
      const next = peek();
      if (next?.t === 'op' && next.op === 'AND') pos++;
      else if (!next || next.t === ')' || next.t === 'op') break;
      children.push(notExpr());
    }
    return combine('and', children);
  };
  const notExpr = (): Node | null => {
    let left = unary();
    while (peek()?.t === 'op' && (peek() as { op: string }).op === 'NOT') {
      pos++;
      const right = unary();
      if (!left || !right) throw new Unreadable('not_needs_terms');
      left = { kind: 'not', left, right };
    }
    return left;
  };
  const unary = (): Node | null => {
    const token = tokens[pos++];
    if (!token) throw new Unreadable(depth > 0 ? 'unbalanced_parenthesis' : 'operator_needs_terms');
    if (token.t === '(') {
      depth++;
      const inner = orExpr();
      if (tokens[pos++]?.t !== ')') throw new Unreadable('unbalanced_parenthesis');
      depth--;
      return inner;
    }
    if (token.t === 'phrase') {
      const tag = peek()?.t === 'tag' ? (tokens[pos++] as { field: string }).field : null;
      return leafOf(token.text, tag, true, token.prefix, notes);
    }
    if (token.t === 'word') {
      // Words directly before a field tag are one tagged group (PubMed: `heart rate variability[ti]`).
      let end = pos;
      while (tokens[end]?.t === 'word') end++;
      if (tokens[end]?.t === 'tag') {
        const words = [token, ...tokens.slice(pos, end)].map((w) => (w as { text: string }).text);
        const field = (tokens[end] as { field: string }).field;
        pos = end + 1;
        return leafOf(words.join(' '), field, false, false, notes);
      }
      return leafOf(token.text, null, false, false, notes);
    }
    if (token.t === 'tag') {
      notes.push({ code: 'tag_without_term', field: token.field });
      return null;
    }
    if (token.t === ')') throw new Unreadable('unbalanced_parenthesis');
    throw new Unreadable('operator_needs_terms', token.op);
  };
  /** An ignored term (an emoji) drops out; what is left is still searched. */
  const combine = (kind: 'and' | 'or', children: (Node | null)[]): Node | null => {
    const kept = children.filter((c): c is Node => c !== null);
    if (kept.length <= 1) return kept[0] ?? null;
    return { kind, children: kept.flatMap((c) => (c.kind === kind ? c.children : [c])) };
  };
  const root = orExpr();
  if (pos < tokens.length) throw new Unreadable(tokens[pos]!.t === ')' ? 'unbalanced_parenthesis' : 'unexpected_operator');
  return root;
}

/** Plain words: every run of letters and digits between spaces, AND-ed; operators dropped. */
function plainWords(input: string, notes: SearchNote[]): Node | null {
  const chunks = input
    .split(/\s+/)
    .map((c) => c.replace(/^[()"[\]]+|[()"[\]]+$/g, ''))
    .filter((c) => c && !OPERATORS.has(c) && /[\p{L}\p{N}]/u.test(c));
  const leaves = chunks.map((c) => leafOf(c, null, false, false, notes)).filter((l): l is Leaf => l !== null);
  if (leaves.length === 0) return null;
  return leaves.length === 1 ? leaves[0]! : { kind: 'and', children: leaves };
}

/** The leaf's phrase variants (other spellings ORed), as quoted FTS5 strings. */
function ftsOfLeaf(leaf: Extract<Leaf, { kind: 'text' }>): string {
  let variants: string[][] = [[]];
  for (const word of leaf.words) {
    const other = otherSpelling(word);
    variants = variants
      .flatMap((v) =>
        other
          ? [
              [...v, word],
              [...v, other],
            ]
          : [[...v, word]],
      )
      .slice(0, MAX_VARIANTS);
  }
  const phrases = variants.map((v) => `"${v.join(' ')}"${leaf.prefix ? '*' : ''}`);
  const body = phrases.length === 1 ? phrases[0]! : `(${phrases.join(' OR ')})`;
  if (!leaf.columns) return body;
  const spec = leaf.columns.length === 1 ? leaf.columns[0] : `{${leaf.columns.join(' ')}}`;
  return `${spec} : ${body.startsWith('(') ? body : `(${body})`}`;
}

function ftsOf(node: Node): string {
  if (node.kind === 'text') return ftsOfLeaf(node);
  if (node.kind === 'cond') throw new Error('structured conditions are lowered before FTS');
  if (node.kind === 'not') return `(${ftsOf(node.left)} NOT ${ftsOf(node.right)})`;
  return `(${node.children.map(ftsOf).join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
}

function shownOf(node: Node, top = true): string {
  if (node.kind === 'text' || node.kind === 'cond') return node.shown;
  const inner =
    node.kind === 'not'
      ? `${shownOf(node.left, false)} NOT ${shownOf(node.right, false)}`
      : node.children.map((c) => shownOf(c, false)).join(node.kind === 'and' ? ' AND ' : ' OR ');
  return top ? inner : `(${inner})`;
}

/** Structured conditions below OR or NOT cannot join an FTS5 expression: they become words. */
function textOnly(node: Node, notes: SearchNote[]): Node | null {
  if (node.kind === 'text') return node;
  if (node.kind === 'cond') {
    notes.push({ code: 'condition_needs_and', text: node.shown });
    return leafOf(node.asText, null, false, false, notes);
  }
  if (node.kind === 'not') {
    const left = textOnly(node.left, notes);
    const right = textOnly(node.right, notes);
    return left && right ? { kind: 'not', left, right } : left;
  }
  const children = node.children.map((c) => textOnly(c, notes)).filter((c): c is Node => c !== null);
  return children.length === 0 ? null : children.length === 1 ? children[0]! : { kind: node.kind, children };
}

function termsOf(node: Node): SearchTerm[] {
  if (node.kind === 'cond') return node.cond.kind === 'pmid' ? node.cond.pmids.map((p) => ({ text: String(p), prefix: false })) : [];
  if (node.kind === 'text') {
    const last = { text: node.typed.at(-1)!, prefix: node.prefix };
    return node.countEach ? [...node.typed.slice(0, -1).map((text) => ({ text, prefix: false })), last] : [last];
  }
  return node.kind === 'not' ? [...termsOf(node.left), ...termsOf(node.right)] : node.children.flatMap(termsOf);
}

/** The whole input is PMIDs (`31452104`, `31452104 31452105`, `31452104, 31452105`, `… OR …`). */
function pmidList(input: string): number[] | null {
  if (!/^\d{1,8}(?:(?:\s*,\s*|\s+OR\s+|\s+)\d{1,8})*$/.test(input)) return null;
  return [...new Set(input.match(/\d+/g)!.map(Number))];
}

export function parseSearch(raw: string): SearchParse {
  const input = raw.trim();
  const notes: SearchNote[] = [];
  let root: Node | null;
  const pmids = pmidList(input);
  const doi = DOI.exec(input);
  if (pmids) {
    root = { kind: 'cond', cond: { kind: 'pmid', pmids }, shown: `${pmids.join(' OR ')}[pmid]`, asText: input };
  } else if (doi) {
    root = { kind: 'cond', cond: { kind: 'doi', doi: doi[1]!.toLowerCase() }, shown: `${doi[1]}[doi]`, asText: input };
  } else if (/^\p{Lu}[\p{Ll}'’-][\p{L}'’-]* \p{Lu}{1,3}$/u.test(input)) {
    // Typed as PubMed shows authors ("Smolen JS"): an author search.
    root = leafOf(input, 'au', false, false, notes);
  } else {
    try {
      root = parseTokens(tokenize(input), notes);
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
      notes.length = 0;
      notes.push({ code: 'unreadable', reason: error.reason, operator: error.operator });
      root = plainWords(input, notes);
    }
  }
  if (!root) return { ok: false, problem: 'nothing to search for: type words, a "phrase", a PMID or a DOI' };

  const top = root.kind === 'and' ? root.children : [root];
  const conditions = top.flatMap((n) => (n.kind === 'cond' ? [n.cond] : []));
  const rest = top.filter((n) => n.kind !== 'cond').flatMap((n) => textOnly(n, notes) ?? []);
  const ftsRoot: Node | null = rest.length === 0 ? null : rest.length === 1 ? rest[0]! : { kind: 'and', children: rest };
  return {
    ok: true,
    fts: ftsRoot ? ftsOf(ftsRoot) : null,
    conditions,
    terms: [...top.filter((n) => n.kind === 'cond').flatMap(termsOf), ...(ftsRoot ? termsOf(ftsRoot) : [])],
    interpreted: shownOf(root),
    note: notes.length ? notes.map(searchNoteText).join('; ') : null,
    notes,
  };
}

/** How the list reports its reading of `q` (the dashboard shows the note above the results). */
export function searchReading(q: string): { interpreted: string; note: string | null; notes: SearchNote[] } {
  const parsed = parseSearch(q);
  return parsed.ok
    ? { interpreted: parsed.interpreted, note: parsed.note, notes: parsed.notes }
    : { interpreted: '', note: parsed.problem, notes: [] };
}

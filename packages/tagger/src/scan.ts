/**
 * Exact regex pre-filter: one pass over a text finds, for every rule regex ("family"), the
 * positions where it COULD match; the regex itself is then only tried (sticky) at those positions.
 * Why it exists, and what it buys end to end: docs/adr/0007-tagger-prefilter.md.
 *
 * How: `family(re)` analyses a regex source into a superset of the 3-character prefixes its
 * matches can start with (characters folded to 30 symbols: a–z case-insensitively, digit, space,
 * hyphen, other) — 4 characters deep. `new Scanner(families)` puts all prefixes of all families into
 * one 32,768-entry table keyed by the symbols of 3 consecutive characters, which lists the families
 * that may start there and, per family, the symbols allowed as 4th character; it is built once per
 * rule set and never changes. `scanner.scan(text)` slides over the text once and returns the
 * candidate positions per family. `execFrom(fam, text, hits, from)` returns exactly what
 * `re.lastIndex = from; re.exec(text)` returns for the original global regex: the leftmost match at
 * or after `from` (every position where the regex can match is a candidate, and the regex is tried
 * at candidates in increasing order). src/scan.test.ts holds it to plain RegExp matching.
 *
 * Anything the analyser does not understand (backreferences, matches shorter than 3 characters,
 * the `u`/`v` flags, too many prefixes …) makes that family unfiltered: it then runs the original
 * regex unchanged. Assertions (\b, ^, $, lookarounds) are treated as "may match": over-approximation
 * only costs time, never changes results.
 */

const K = 4;
const NSYM = 30;
const OTHER = 0,
  DIGIT = 27,
  SPACE = 28,
  HYPHEN = 29;
const ALL = (1 << NSYM) - 1;
const LETTERS = ((1 << 27) - 1) & ~1; // symbols 1..26

/** charCode → symbol */
const SYM = new Uint8Array(65536);
for (let c = 65; c <= 90; c++) SYM[c] = c - 64;
for (let c = 97; c <= 122; c++) SYM[c] = c - 96;
for (let c = 48; c <= 57; c++) SYM[c] = DIGIT;
SYM[32] = SPACE;
SYM[45] = HYPHEN;
const bit = (code: number) => 1 << SYM[code]!;

// ---------------------------------------------------------------- regex source → prefix masks

type Node =
  | { t: 'set'; mask: number }
  | { t: 'empty' }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; alts: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number };

class Unsupported extends Error {}

function parse(src: string): Node {
  let i = 0;
  const peek = () => src[i];
  function alt(): Node {
    const alts: Node[] = [seq()];
    while (peek() === '|') {
      i++;
      alts.push(seq());
    }
    return alts.length === 1 ? alts[0]! : { t: 'alt', alts };
  }
  function seq(): Node {
    const items: Node[] = [];
    while (i < src.length && peek() !== '|' && peek() !== ')') {
      let a = atom();
      for (;;) {
        const q = quant();
        if (!q) break;
        a = { t: 'rep', node: a, min: q[0], max: q[1] };
      }
      items.push(a);
    }
    return { t: 'seq', items };
  }
  function quant(): [number, number] | null {
    const c = peek();
    let r: [number, number] | null = null;
    if (c === '*') {
      i++;
      r = [0, Infinity];
    } else if (c === '+') {
      i++;
      r = [1, Infinity];
    } else if (c === '?') {
      i++;
      r = [0, 1];
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (!m) return null; // a literal '{' in non-unicode mode
      i += m[0].length;
      const lo = Number(m[1]);
      r = [lo, m[2] === undefined ? lo : m[3] === '' ? Infinity : Number(m[3])];
    }
    if (r && peek() === '?') i++; // lazy
    return r;
  }
  function escapeMask(inClass: boolean): number | 'empty' {
    const c = src[i++];
    if (c === undefined) throw new Unsupported('trailing backslash');
    switch (c) {
      case 'd':
        return 1 << DIGIT;
      case 'D':
      case 'W':
      case 'S':
        return ALL;
      case 'w':
        return LETTERS | (1 << DIGIT) | (1 << OTHER);
      case 's':
        return (1 << SPACE) | (1 << OTHER);
      case 'b':
        return inClass ? 1 << OTHER : 'empty';
      case 'B':
        return inClass ? bit(66) : 'empty';
      case 'n':
      case 'r':
      case 't':
      case 'f':
      case 'v':
      case '0':
      case 'c':
        return 1 << OTHER;
      case 'x': {
        const h = /^[0-9a-fA-F]{2}/.exec(src.slice(i));
        if (!h) return bit(120);
        i += 2;
        return bit(parseInt(h[0], 16));
      }
      case 'u': {
        const h = /^[0-9a-fA-F]{4}/.exec(src.slice(i));
        if (!h) return bit(117);
        i += 4;
        return bit(parseInt(h[0], 16));
      }
      case 'k':
        throw new Unsupported('named backreference');
      default:
        if (c >= '1' && c <= '9') throw new Unsupported('backreference');
        return bit(c.charCodeAt(0));
    }
  }
  /** One class member after a backslash: its code point (null for \d, \w … sets) and mask. */
  function classEscape(): [number | null, number] {
    const c = src[i++];
    if (c === undefined) throw new Unsupported('trailing backslash');
    switch (c) {
      case 'd':
        return [null, 1 << DIGIT];
      case 'w':
        return [null, LETTERS | (1 << DIGIT) | (1 << OTHER)];
      case 's':
        return [null, (1 << SPACE) | (1 << OTHER)];
      case 'D':
      case 'W':
      case 'S':
        return [null, ALL];
      case 'b':
        return [8, 1 << OTHER];
      case 'n':
        return [10, 1 << OTHER];
      case 'r':
        return [13, 1 << OTHER];
      case 't':
        return [9, 1 << OTHER];
      case 'f':
        return [12, 1 << OTHER];
      case 'v':
        return [11, 1 << OTHER];
      case 'x': {
        const h = /^[0-9a-fA-F]{2}/.exec(src.slice(i));
        if (!h) return [120, bit(120)];
        i += 2;
        const v = parseInt(h[0], 16);
        return [v, bit(v)];
      }
      case 'u': {
        const h = /^[0-9a-fA-F]{4}/.exec(src.slice(i));
        if (!h) return [117, bit(117)];
        i += 4;
        const v = parseInt(h[0], 16);
        return [v, bit(v)];
      }
      default:
        if (c >= '0' && c <= '9') throw new Unsupported('octal/backreference in class');
        if (c === 'c') throw new Unsupported('control escape in class');
        return [c.charCodeAt(0), bit(c.charCodeAt(0))];
    }
  }
  function classMask(): number {
    // at the character after '['
    let negate = false;
    if (peek() === '^') {
      negate = true;
      i++;
    }
    let mask = 0;
    while (i < src.length && peek() !== ']') {
      let lo: number | null;
      let m: number;
      if (peek() === '\\') {
        i++;
        [lo, m] = classEscape();
      } else {
        lo = src.charCodeAt(i++);
        m = bit(lo);
      }
      if (lo !== null && peek() === '-' && i + 1 < src.length && src[i + 1] !== ']') {
        const save = i;
        i++;
        let hi: number | null;
        let hm: number;
        if (peek() === '\\') {
          i++;
          [hi, hm] = classEscape();
        } else {
          hi = src.charCodeAt(i++);
          hm = bit(hi);
        }
        if (hi === null) {
          mask |= m | bit(45) | hm;
          continue;
        } // [a-\d]: literal '-'
        void save;
        if (hi < lo) throw new Unsupported('bad range');
        if (hi - lo > 512) m = ALL;
        else for (let c = lo; c <= hi; c++) m |= bit(c);
      }
      mask |= m;
    }
    if (peek() !== ']') throw new Unsupported('unterminated class');
    i++;
    return negate ? ALL : mask;
  }
  function atom(): Node {
    const c = src[i++]!;
    if (c === '(') {
      let look = false;
      if (src.startsWith('?:', i)) i += 2;
      else if (src.startsWith('?=', i) || src.startsWith('?!', i)) {
        i += 2;
        look = true;
      } else if (src.startsWith('?<=', i) || src.startsWith('?<!', i)) {
        i += 3;
        look = true;
      } else if (src.startsWith('?<', i)) {
        const e = src.indexOf('>', i);
        if (e < 0) throw new Unsupported('group name');
        i = e + 1;
      } else if (peek() === '?') throw new Unsupported('group modifier');
      const inner = alt();
      if (peek() !== ')') throw new Unsupported('unbalanced group');
      i++;
      return look ? { t: 'empty' } : inner;
    }
    if (c === '[') return { t: 'set', mask: classMask() };
    if (c === '\\') {
      const e = escapeMask(false);
      return e === 'empty' ? { t: 'empty' } : { t: 'set', mask: e };
    }
    if (c === '.') return { t: 'set', mask: ALL };
    if (c === '^' || c === '$') return { t: 'empty' };
    if (c === ')' || c === '|') throw new Unsupported('unexpected ' + c);
    if (c === '*' || c === '+' || c === '?') throw new Unsupported('nothing to repeat');
    return { t: 'set', mask: bit(c.charCodeAt(0)) };
  }
  const n = alt();
  if (i !== src.length) throw new Unsupported('trailing input');
  return n;
}

const MAX_ENTRIES = 4096;
/** Prefix entries of up to k symbols (each entry: one symbol mask per position). */
function prefixes(n: Node, k: number): number[][] {
  if (k === 0) return [[]];
  switch (n.t) {
    case 'set':
      return [[n.mask]];
    case 'empty':
      return [[]];
    case 'alt':
      return dedupe(n.alts.flatMap((a) => prefixes(a, k)));
    case 'seq':
      return seqPrefixes(n.items, k);
    case 'rep': {
      const mandatory = Math.min(n.min, k);
      let optional = Math.min(n.max - n.min, k);
      if (n.min > k) optional = k;
      const items: Node[] = [];
      for (let j = 0; j < mandatory; j++) items.push(n.node);
      for (let j = 0; j < optional; j++) items.push({ t: 'alt', alts: [n.node, { t: 'empty' }] });
      return seqPrefixes(items, k);
    }
  }
}
function seqPrefixes(items: Node[], k: number): number[][] {
  let cur: number[][] = [[]];
  for (const it of items) {
    if (cur.every((e) => e.length >= k)) break;
    const next: number[][] = [];
    const memo = new Map<number, number[][]>();
    for (const e of cur) {
      if (e.length >= k) {
        next.push(e);
        continue;
      }
      const need = k - e.length;
      let p = memo.get(need);
      if (!p) {
        p = prefixes(it, need);
        memo.set(need, p);
      }
      for (const f of p) next.push(e.concat(f));
    }
    cur = dedupe(next);
  }
  return cur;
}
function dedupe(xs: number[][]): number[][] {
  const seen = new Map<string, number[]>();
  for (const x of xs) seen.set(x.join(','), x);
  if (seen.size > MAX_ENTRIES) throw new Unsupported('too many prefixes');
  return [...seen.values()];
}

/** Prefix masks of length K for a regex, or null when it cannot be filtered. */
function analyse(re: RegExp): number[][] | null {
  if (/[uv]/.test(re.flags)) return null;
  try {
    const entries = prefixes(parse(re.source), K);
    if (entries.some((e) => e.length < K - 1)) return null; // can match fewer than 3 characters
    // a match that can end after 3 characters: any 4th character (or the end of the text)
    return entries.map((e) => (e.length < K ? [...e, ALL] : e));
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}

// ---------------------------------------------------------------- families and the compiled scanner

/** One rule regex, ready for the prefilter. Immutable; it belongs to no scanner until one is built. */
export interface Family {
  /** The original regex, made global: plain matching, used wherever the family is not filtered. */
  readonly global: RegExp;
  /** Sticky copy, tried at candidate positions. */
  readonly sticky: RegExp;
  /** Prefix masks from analyse(), or null: the family is never filtered. */
  readonly prefixes: readonly (readonly number[])[] | null;
}

/** Wraps a regex (flags kept; 'g'/'y' set as needed). Pure: registers nothing. */
export function family(re: RegExp): Family {
  const flags = re.flags.replace(/[gy]/g, '');
  return { global: new RegExp(re.source, flags + 'g'), sticky: new RegExp(re.source, flags + 'y'), prefixes: analyse(re) };
}

export interface ScannerOptions {
  /** false: filter nothing, every family runs its plain global regex (the reference behaviour). */
  readonly prefilter?: boolean;
}

/**
 * The prefilter compiled for one set of families (built once per rule set): a table of 3 symbols →
 * id of a list of (family index, mask of allowed 4th symbols) pairs, stored flat as
 * [index, mask, index, mask, …]. Nothing in it changes after construction.
 */
export class Scanner {
  readonly families: readonly Family[];
  /** Filtered family → its index in Hits; families absent from it run their plain regex. */
  readonly #index: ReadonlyMap<Family, number>;
  readonly #table: Uint16Array;
  readonly #lists: readonly Int32Array[];

  constructor(families: Iterable<Family>, options: ScannerOptions = {}) {
    this.families = Object.freeze([...new Set(families)]);
    const filtered = options.prefilter === false ? [] : this.families.filter((f) => f.prefixes !== null);
    this.#index = new Map(filtered.map((f, i) => [f, i]));
    const perKey = new Map<number, Map<number, number>>();
    filtered.forEach((f, id) => {
      for (const [m0, m1, m2, m3] of f.prefixes!) {
        for (let a = 0; a < NSYM; a++)
          if (m0! & (1 << a))
            for (let b = 0; b < NSYM; b++)
              if (m1! & (1 << b))
                for (let c = 0; c < NSYM; c++)
                  if (m2! & (1 << c)) {
                    const k = (a << 10) | (b << 5) | c;
                    let l = perKey.get(k);
                    if (!l) perKey.set(k, (l = new Map()));
                    l.set(id, (l.get(id) ?? 0) | m3!);
                  }
      }
    });
    const table = new Uint16Array(1 << 15);
    const ids = new Map<string, number>();
    const lists = [new Int32Array(0)];
    for (const [k, l] of perKey) {
      const flat: number[] = [];
      for (const [f, m] of [...l].sort((x, y) => x[0] - y[0])) flat.push(f, m);
      const key = flat.join(',');
      let id = ids.get(key);
      if (id === undefined) {
        id = lists.length;
        ids.set(key, id);
        lists.push(Int32Array.from(flat));
      }
      if (id > 0xffff) throw new Error('scan: too many distinct family sets');
      table[k] = id;
    }
    this.#table = table;
    this.#lists = Object.freeze(lists);
  }

  /** Index of a family's candidate positions in this scanner's Hits, -1 when it is not filtered here. */
  indexOf(f: Family): number {
    return this.#index.get(f) ?? -1;
  }

  /** Which families this scanner filters (the rest run their plain regex). */
  report(): { source: string; filtered: boolean }[] {
    return this.families.map((f) => ({ source: f.global.source, filtered: this.#index.has(f) }));
  }

  /** One pass over text: candidate positions per filtered family. */
  scan(text: string): Hits {
    const nf = this.#index.size;
    const L = text.length;
    // a match is at least 3 characters long (analyse), so a 3-character text can hold one
    if (nf === 0 || L < K - 1) return new Hits(this, text, NONE);
    const t = this.#table;
    const lists = this.#lists;
    const pos: number[][] = new Array(nf);
    let a = SYM[text.charCodeAt(0)]!,
      b = SYM[text.charCodeAt(1)]!;
    for (let i = 0; i + 2 < L; i++) {
      const c = SYM[text.charCodeAt(i + 2)]!;
      const id = t[(a << 10) | (b << 5) | c]!;
      if (id !== 0) {
        // 4th symbol; past the end of the text counts as OTHER (only over-approximates)
        const d = 1 << (i + 3 < L ? SYM[text.charCodeAt(i + 3)]! : OTHER);
        const l = lists[id]!;
        for (let j = 0; j < l.length; j += 2) {
          if ((l[j + 1]! & d) === 0) continue;
          const f = l[j]!;
          const arr = pos[f];
          if (arr === undefined) pos[f] = [i];
          else arr.push(i);
        }
      }
      a = b;
      b = c;
    }
    return new Hits(this, text, pos);
  }
}

const NONE: readonly (readonly number[] | undefined)[] = Object.freeze([]);

/** Candidate positions per filtered family for one text, made by Scanner.scan. */
export class Hits {
  readonly scanner: Scanner;
  readonly text: string;
  /** Per family index, its candidate positions ascending (undefined: none). */
  readonly pos: readonly (readonly number[] | undefined)[];
  constructor(scanner: Scanner, text: string, pos: readonly (readonly number[] | undefined)[]) {
    this.scanner = scanner;
    this.text = text;
    this.pos = pos;
  }
}

/**
 * Same result as `re.lastIndex = from; re.exec(text)` for the family's original regex with the
 * 'g' flag, where `hits` is a scan of `text`.
 */
export function execFrom(f: Family, text: string, hits: Hits, from: number): RegExpExecArray | null {
  const id = hits.text === text ? hits.scanner.indexOf(f) : -1;
  if (id < 0) {
    const g = f.global;
    g.lastIndex = from;
    return g.exec(text);
  }
  const pos = hits.pos[id];
  if (pos === undefined) return null;
  const end = pos.length;
  let lo = 0,
    hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pos[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  const st = f.sticky;
  for (let j = lo; j < end; j++) {
    st.lastIndex = pos[j]!;
    const m = st.exec(text);
    if (m) return m;
  }
  return null;
}

/** First match in a short string (mesh term, keyword): same as a fresh global exec from 0. */
export function firstMatch(f: Family, text: string): RegExpExecArray | null {
  const g = f.global;
  g.lastIndex = 0;
  return g.exec(text);
}

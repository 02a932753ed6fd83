/**
 * Finds record elements in a PubMed XML byte stream without parsing the whole document, so a
 * 150 MB baseline file is handled one record at a time. It checks the document's outer
 * structure itself (prolog, one known root, only records between its tags, closing tag present)
 * and leaves each record's inner well-formedness to the validator in fxp.ts.
 *
 * Assumes, as NLM's DTD guarantees, that a record element never contains an element of its own
 * name, so the first `</PubmedArticle` after `<PubmedArticle` closes it.
 */
import { PubmedXmlError } from './errors.ts';

/**
 * The largest record, in characters, that is split out and parsed: 8 MiB. The largest real
 * PubMed records (consortium papers with thousands of authors and affiliations) are a few MB;
 * an 8 MiB record already takes tens of MB to parse in a worker whose heap is capped at 96 MB.
 * A longer record is skipped as it streams past (never held in memory) and reported with its PMID.
 */
export const RECORD_LIMIT = 8 * 1024 * 1024;

/** What is known of a record skipped for its size: enough to name it. */
export interface Oversized {
  pmid: string | null;
  /** Characters from its start tag to its closing tag. */
  chars: number;
}

type RecordTag = 'PubmedArticle' | 'PubmedBookArticle' | 'DeleteCitation' | 'MedlineCitation';

export interface Fragment {
  tag: RecordTag;
  /** The record's XML exactly as in the source. */
  xml: string;
  /** 1-based position of the record's '<' in the document. */
  line: number;
  column: number;
  /** Set (and xml empty) when the record was over RECORD_LIMIT and skipped unparsed. */
  oversized?: Oversized;
}

/** Root element → the record elements it may contain. A record element as root is one bare record. */
const SETS: Record<string, RecordTag[]> = {
  PubmedArticleSet: ['PubmedArticle', 'PubmedBookArticle', 'DeleteCitation'],
  PubmedBookArticleSet: ['PubmedBookArticle'],
  MedlineCitationSet: ['MedlineCitation', 'DeleteCitation'],
};
const BARE_ROOTS = new Set<string>(['PubmedArticle', 'PubmedBookArticle', 'MedlineCitation']);

type State = 'prolog' | 'body' | 'epilogue';

export class RecordScanner {
  private buf = '';
  private pos = 0;
  /** Line number and line-start offset (in buf) of `pos`, kept incrementally. */
  private line = 1;
  private lineStart = 0;
  private state: State = 'prolog';
  private root = '';
  private recordTags: readonly string[] = [];
  /** Where to resume looking for a record's closing tag after more data arrives. */
  private closeSearchFrom = -1;
  /** The record being skipped for its size, with where it started; its text is not kept. */
  private skipping: (Fragment & { oversized: Oversized }) | null = null;
  private readonly limit: number;

  constructor(options: { recordLimit?: number } = {}) {
    this.limit = options.recordLimit ?? RECORD_LIMIT;
  }

  /** Root element name once seen (for error messages and tests). */
  get rootName(): string {
    return this.root;
  }

  /** Adds text and returns every record completed by it. */
  push(chunk: string): Fragment[] {
    this.buf = this.pos === 0 ? this.buf + chunk : this.buf.slice(this.pos) + chunk;
    if (this.pos !== 0) {
      this.lineStart -= this.pos;
      if (this.closeSearchFrom >= 0) this.closeSearchFrom -= this.pos;
      this.pos = 0;
    }
    const out: Fragment[] = [];
    this.scan(out, false);
    return out;
  }

  /** Signals end of input: returns the last records, or throws if the document is incomplete. */
  end(): Fragment[] {
    const out: Fragment[] = [];
    this.scan(out, true);
    return out;
  }

  private scan(out: Fragment[], final: boolean): void {
    for (;;) {
      if (this.skipping && !this.skipOversized(out, final)) return;
      this.skipWhitespace();
      if (this.pos >= this.buf.length) break;
      if (!this.skipMisc(final)) return; // needs more data
      if (this.pos >= this.buf.length) break;
      if (this.buf.charCodeAt(this.pos) !== 60 /* < */) {
        // Only the prolog can be non-markup at this point: "{", "Error…", HTML text.
        throw this.error(
          this.state === 'prolog'
            ? `Not XML: document starts with ${JSON.stringify(this.buf.slice(this.pos, this.pos + 30))}`
            : `Unexpected text ${JSON.stringify(this.buf.slice(this.pos, this.pos + 30))}`,
        );
      }
      const progressed =
        this.state === 'prolog' ? this.readRoot(final) : this.state === 'body' ? this.readBodyItem(out, final) : this.failEpilogue();
      if (!progressed) return;
    }
    if (final) this.checkComplete();
  }

  /** Skips comments, processing instructions, the XML declaration and a DOCTYPE. */
  private skipMisc(final: boolean): boolean {
    for (;;) {
      const b = this.buf,
        p = this.pos;
      let end: number;
      if (b.startsWith('<?', p)) end = this.indexAfter('?>', p + 2);
      else if (b.startsWith('<!--', p)) end = this.indexAfter('-->', p + 4);
      else if (b.startsWith('<!DOCTYPE', p) && this.state === 'prolog') end = doctypeEnd(b, p);
      else return true;
      if (end < 0) {
        if (final) throw this.error(`Truncated document: unterminated ${b.slice(p, p + 9)}…`);
        return false;
      }
      this.advance(end);
      this.skipWhitespace();
    }
  }

  private readRoot(final: boolean): boolean {
    const tagEnd = this.buf.indexOf('>', this.pos);
    if (tagEnd < 0) {
      if (final) throw this.error(`Truncated document: unterminated root start tag`);
      return false;
    }
    const name = tagName(this.buf, this.pos + 1);
    if (BARE_ROOTS.has(name)) {
      // A bare record as the document root: the record is the whole document.
      this.root = name;
      this.recordTags = [name];
      this.state = 'body';
      return true;
    }
    const tags = SETS[name];
    if (!tags) throw this.error(`Not a PubMed article set: root element <${name}>`);
    this.root = name;
    this.recordTags = tags;
    this.advance(tagEnd + 1);
    this.state = this.buf.charCodeAt(tagEnd - 1) === 47 /* / */ ? 'epilogue' : 'body';
    return true;
  }

  private readBodyItem(out: Fragment[], final: boolean): boolean {
    const b = this.buf,
      start = this.pos;
    // A tag's name is only known once its '>' has arrived.
    const startTagEnd = b.indexOf('>', start);
    if (startTagEnd < 0) return this.needMore(final, `tag ${JSON.stringify(b.slice(start, start + 30))} is not closed`);
    if (b.startsWith('</', start)) {
      const name = tagName(b, start + 2);
      if (name !== this.root || BARE_ROOTS.has(name)) {
        throw this.error(`Unexpected closing tag </${name}> in <${this.root}>`);
      }
      this.advance(startTagEnd + 1);
      this.state = 'epilogue';
      return true;
    }
    const name = tagName(b, start + 1);
    if (!this.recordTags.includes(name)) {
      throw this.error(`Unexpected element <${name}> in <${this.root}>`);
    }
    let end: number;
    if (b.charCodeAt(startTagEnd - 1) === 47 /* / */) {
      end = startTagEnd + 1; // <DeleteCitation/>
    } else {
      const close = `</${name}`;
      const from = this.closeSearchFrom >= 0 ? this.closeSearchFrom : startTagEnd;
      const closeAt = b.indexOf(close, from);
      const closeEnd = closeAt < 0 ? -1 : b.indexOf('>', closeAt);
      if (closeEnd < 0) {
        // Resume just before the buffer's end next time, in case the closing tag is split.
        this.closeSearchFrom = Math.max(startTagEnd, closeAt >= 0 ? closeAt : b.length - close.length);
        if (!final && b.length - start > this.limit) {
          const { line, column } = this.position();
          const pmid = /<PMID\b[^>]*>\s*(\d+)\s*<\/PMID>/.exec(b.slice(start, start + 65_536))?.[1] ?? null;
          this.skipping = { tag: name as RecordTag, xml: '', line, column, oversized: { pmid, chars: 0 } };
          this.closeSearchFrom = -1;
          return this.skipOversized(out, false);
        }
        return this.needMore(final, `<${name}> is not closed`);
      }
      end = closeEnd + 1;
    }
    this.closeSearchFrom = -1;
    const { line, column } = this.position();
    out.push({ tag: name as RecordTag, xml: b.slice(start, end), line, column });
    this.advance(end);
    if (BARE_ROOTS.has(this.root)) this.state = 'epilogue';
    return true;
  }

  /**
   * Drops the text of a record over the size limit until its closing tag, counting its lines and
   * characters; emits it as an oversized fragment. False while the closing tag has not arrived.
   */
  private skipOversized(out: Fragment[], final: boolean): boolean {
    const skipping = this.skipping!;
    const b = this.buf;
    const close = `</${skipping.tag}`;
    const closeAt = b.indexOf(close, this.pos);
    const closeEnd = closeAt < 0 ? -1 : b.indexOf('>', closeAt);
    if (closeEnd < 0) {
      if (final) throw this.error(`Truncated document: <${skipping.tag}> at line ${skipping.line} is not closed`);
      // Keep only what may be the start of a closing tag split across chunks.
      const keep = closeAt >= 0 ? closeAt : Math.max(this.pos, b.length - close.length);
      skipping.oversized.chars += keep - this.pos;
      this.advance(keep);
      return false;
    }
    skipping.oversized.chars += closeEnd + 1 - this.pos;
    this.advance(closeEnd + 1);
    out.push(skipping);
    this.skipping = null;
    if (BARE_ROOTS.has(this.root)) this.state = 'epilogue';
    return true;
  }

  private failEpilogue(): never {
    throw this.error(`Unexpected content after </${this.root}>`);
  }

  private needMore(final: boolean, problem: string): boolean {
    if (final) throw this.error(`Truncated document: ${problem}`);
    return false;
  }

  private checkComplete(): void {
    if (this.state === 'prolog') throw new PubmedXmlError('Not a PubMed document: no root element found');
    if (this.state === 'body') {
      throw this.error(`Truncated document: missing </${this.root}> at end of input`);
    }
  }

  private skipWhitespace(): void {
    const b = this.buf;
    let p = this.pos;
    for (let c = b.charCodeAt(p); c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff; c = b.charCodeAt(++p)) {
      if (c === 10) {
        this.line++;
        this.lineStart = p + 1;
      }
    }
    this.pos = p;
  }

  private indexAfter(token: string, from: number): number {
    const i = this.buf.indexOf(token, from);
    return i < 0 ? -1 : i + token.length;
  }

  /** Moves pos forward, counting the newlines passed. */
  private advance(to: number): void {
    const b = this.buf;
    for (let i = b.indexOf('\n', this.pos); i !== -1 && i < to; i = b.indexOf('\n', i + 1)) {
      this.line++;
      this.lineStart = i + 1;
    }
    this.pos = to;
  }

  private position(): { line: number; column: number } {
    return { line: this.line, column: this.pos - this.lineStart + 1 };
  }

  private error(message: string): PubmedXmlError {
    const { line, column } = this.position();
    return new PubmedXmlError(message, line, column);
  }
}

/** Element name starting at `from` (after '<' or '</'). */
function tagName(text: string, from: number): string {
  let end = from;
  for (
    let c = text.charCodeAt(end);
    end < text.length && c !== 62 && c !== 47 && c !== 32 && c !== 10 && c !== 13 && c !== 9;
    c = text.charCodeAt(++end)
  );
  return text.slice(from, end);
}

/** End of a DOCTYPE declaration, allowing an internal subset in [ ]; -1 when not yet complete. */
function doctypeEnd(text: string, from: number): number {
  const gt = text.indexOf('>', from);
  const bracket = text.indexOf('[', from);
  if (bracket < 0 || (gt >= 0 && gt < bracket)) return gt < 0 ? -1 : gt + 1;
  const close = /\]\s*>/g;
  close.lastIndex = bracket;
  const m = close.exec(text);
  return m ? m.index + m[0].length : -1;
}

/** Thrown when a document is not well-formed XML or is not a PubMed article set. Callers use it
 * to refuse storing a truncated or malformed batch, so the message always says where. */
export class PubmedXmlError extends Error {
  /** 1-based position in the document, when known. */
  readonly line: number | null;
  readonly column: number | null;

  constructor(problem: string, line: number | null = null, column: number | null = null) {
    super(line === null ? problem : `${problem} (line ${line}, column ${column})`);
    this.name = 'PubmedXmlError';
    this.line = line;
    this.column = column;
  }
}

/** 1-based line and column of `offset` in `text`, counting from a known starting line. */
export function positionAt(text: string, offset: number, firstLine = 1): { line: number; column: number } {
  let line = firstLine;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Number of newlines in text[from, to): used to keep line numbers while a stream moves on. */
export function countLines(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

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

/**
 * Streaming: bytes in, one record at a time out. Memory holds the current chunk plus at most
 * one unfinished record, whatever the file size (NLM baseline files are 150+ MB).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { PubmedXmlError } from './errors.ts';
import { type DroppedLines, MedlineSplitter, type MedlineRaw, medlineRawItems } from './medline.ts';
import { fragmentItems, type StreamItem } from './records.ts';
import { RecordScanner, type Fragment } from './scan.ts';

export type { StreamItem };

/**
 * Yields records, deletions and per-record errors in document order. Detects the format from
 * the content: XML (PubMed or legacy MEDLINE citation set) or MEDLINE/.nbib text.
 * Throws PubmedXmlError (after yielding the records before it) when the XML is malformed,
 * truncated or not a PubMed document.
 */
export async function* streamPubmedRecords(source: AsyncIterable<Buffer | string>): AsyncGenerator<StreamItem> {
  for await (const raws of streamRawRecords(source)) {
    for (const raw of raws) yield* rawRecordItems(raw);
  }
}

/**
 * One record's text as found in the stream, not parsed yet. Plain data, so it can be posted to
 * a worker thread cheaply; rawRecordItems() turns it into items there.
 */
export type RawRecord = { format: 'xml'; fragment: Fragment } | { format: 'medline'; raw: MedlineRaw };

/** What reading a file noticed besides its records; streamRawRecords() fills it in as it goes. */
export interface StreamStats {
  /** Byte sequences that were not valid UTF-8, decoded as U+FFFD (a U+FFFD in the file is not counted). */
  invalidUtf8: number;
  /** MEDLINE lines that are not MEDLINE (see MedlineSplitter). */
  droppedLines: DroppedLines;
}

export const emptyStreamStats = (): StreamStats => ({ invalidUtf8: 0, droppedLines: { count: 0, lines: [] } });

const REPLACEMENT = Buffer.from('\uFFFD', 'utf8');

/**
 * The splitting half of streamPubmedRecords: yields the records completed by each chunk, in
 * document order, without parsing them. Throws PubmedXmlError when the document's outer
 * structure is wrong (not PubMed, truncated); a record's own well-formedness is checked by
 * rawRecordItems().
 */
export async function* streamRawRecords(
  source: AsyncIterable<Buffer | string>,
  stats: StreamStats = emptyStreamStats(),
): AsyncGenerator<RawRecord[]> {
  const decoder = new StringDecoder('utf8');
  // Invalid sequences = U+FFFD decoded − U+FFFD (EF BF BD) in the bytes; `tail` catches one split across chunks.
  let tail: Buffer = Buffer.alloc(0);
  const decode = (chunk: Buffer): string => {
    const text = decoder.write(chunk);
    stats.invalidUtf8 += count(text, '\uFFFD') - countBytes(Buffer.concat([tail, chunk.subarray(0, 2)])) - countBytes(chunk);
    tail = chunk.subarray(Math.max(0, chunk.length - 2));
    return text;
  };
  let handler: RecordScanner | MedlineSplitter | null = null;
  let head = '';
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decode(chunk);
    if (handler === null) {
      // Wait for the first non-blank character to choose the format.
      head += text;
      if (head.trimStart() === '') continue;
      handler =
        head.trimStart().startsWith('<') || (head.charCodeAt(0) === 0xfeff && head.slice(1).trimStart().startsWith('<'))
          ? new RecordScanner()
          : new MedlineSplitter();
      yield rawsOf(handler, handler.push(head));
      continue;
    }
    const raws = rawsOf(handler, handler.push(text));
    if (raws.length) yield raws;
  }
  const rest = decoder.end();
  stats.invalidUtf8 += count(rest, '\uFFFD');
  if (handler === null) {
    handler = new RecordScanner(); // empty input: the scanner reports "no root element"
    if (head + rest) handler.push(head + rest);
  } else if (rest) {
    yield rawsOf(handler, handler.push(rest));
  }
  yield rawsOf(handler, handler.end());
  if (handler instanceof MedlineSplitter) {
    stats.droppedLines = handler.dropped;
    // Text with no "PMID-" line at all is not a MEDLINE file that happens to be empty.
    if (handler.records === 0) {
      throw new PubmedXmlError('not a PubMed file: no PubMed XML root element and no MEDLINE record (a line starting "PMID-")');
    }
  }
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

function countBytes(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(REPLACEMENT); i !== -1; i = bytes.indexOf(REPLACEMENT, i + 1)) n++;
  return n;
}

/** Parses one raw record; throws PubmedXmlError only when an XML record is not well-formed. */
export function rawRecordItems(raw: RawRecord): StreamItem[] {
  return raw.format === 'xml' ? fragmentItems(raw.fragment) : medlineRawItems(raw.raw);
}

function rawsOf(handler: RecordScanner | MedlineSplitter, fragments: Fragment[] | MedlineRaw[]): RawRecord[] {
  if (handler instanceof MedlineSplitter) return (fragments as MedlineRaw[]).map((raw) => ({ format: 'medline', raw }));
  return (fragments as Fragment[]).map((fragment) => {
    // Copy the record's text out of the chunk buffer: a slice would keep the whole buffer alive
    // for as long as the caller keeps the record.
    fragment.xml = detach(fragment.xml);
    return { format: 'xml', fragment };
  });
}

function detach(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** Bytes of a PubMed file, gunzipped when it is gzip (detected by its magic bytes, not its name). */
export async function* openPubmedFile(path: string): AsyncGenerator<Buffer> {
  const magic = Buffer.alloc(2);
  const handle = await open(path, 'r');
  try {
    await handle.read(magic, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const raw = createReadStream(path, { highWaterMark: 1 << 16 });
  // pipeline() destroys both streams on error, so a read error surfaces in the loop below.
  const bytes = magic[0] === 0x1f && magic[1] === 0x8b ? pipeline(raw, createGunzip(), () => {}) : raw;
  yield* bytes as AsyncIterable<Buffer>;
}

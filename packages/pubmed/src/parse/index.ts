/**
 * PubMed record parsing: E-utilities / NLM baseline XML (whole documents or streamed) and
 * MEDLINE (.nbib) text, all producing the PubmedRecord contract of ../record.ts.
 */
export { PubmedXmlError } from './errors.ts';
export { parsePubmedXml } from './xml.ts';
export {
  streamPubmedRecords,
  streamRawRecords,
  rawRecordItems,
  openPubmedFile,
  emptyStreamStats,
  type StreamItem,
  type RawRecord,
  type StreamStats,
} from './stream.ts';
export { RECORD_LIMIT } from './scan.ts';
export { parseMedline, type DroppedLines } from './medline.ts';
export { fragmentStages } from './records.ts';
export type { Fragment } from './scan.ts';

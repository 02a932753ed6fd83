/**
 * PubMed record parsing: E-utilities / NLM baseline XML (whole documents or streamed) and
 * MEDLINE (.nbib) text, all producing the PubmedRecord contract of ../record.ts.
 */
export { PubmedXmlError } from './errors.ts';
export { parsePubmedXml } from './xml.ts';
export { streamPubmedRecords, streamRawRecords, rawRecordItems, openPubmedFile, type StreamItem, type RawRecord } from './stream.ts';
export { parseMedline } from './medline.ts';
export { fragmentStages } from './records.ts';
export type { Fragment } from './scan.ts';

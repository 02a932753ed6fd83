/** Whole-document parsing: the same scanner and record mapping as streaming, over one string. */
import type { ParseResult } from '../record.ts';
import { fragmentItems, type StreamItem } from './records.ts';
import { RecordScanner } from './scan.ts';

/**
 * Parses a PubmedArticleSet (PubmedArticle, PubmedBookArticle, DeleteCitation), a bare
 * PubmedArticle / PubmedBookArticle root, or a legacy MedlineCitationSet.
 * Throws PubmedXmlError if the document is not well-formed or not a PubMed document; records
 * that are well-formed but unusable (no PMID…) are reported in `errors` and the rest kept.
 */
export function parsePubmedXml(xml: string): ParseResult {
  const scanner = new RecordScanner();
  const result: ParseResult = { records: [], deletions: [], errors: [] };
  for (const fragment of [...scanner.push(xml), ...scanner.end()]) {
    for (const item of fragmentItems(fragment)) collect(result, item);
  }
  return result;
}

function collect(result: ParseResult, item: StreamItem): void {
  if (item.type === 'record') result.records.push(item.record);
  else if (item.type === 'deletion') result.deletions.push(item.deletion);
  else result.errors.push(item.error);
}

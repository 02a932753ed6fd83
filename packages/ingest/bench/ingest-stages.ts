/**
 * Per-stage cost of `pnpm ingest import`, one thread, on the first records of a file: where the
 * time of a record goes (ms/record), and so which stages bound the throughput on a given number
 * of cores. The stages are the import's own functions, called in the order the import calls them.
 */
import { fragmentStages, openPubmedFile, streamRawRecords, type RawRecord, type StreamItem } from '@evidence/pubmed';
import { loadTopicsFile, openDatabase } from '@evidence/schema';
import { matchTopics, tagStudy, toTaggable } from '@evidence/tagger';
import { join } from 'node:path';
import { writeTagsAndTopics } from '../src/import-files.ts';
import type { RecordItem } from '../src/import-pipeline.ts';
import { IMPORT_CACHE_KB } from '../src/import-thread.ts';
import { prepareStudy } from '../src/study-row.ts';
import { createStudyStore } from '../src/study-store.ts';
import { createTagWriter, taggedColumns } from '../src/tag-writer.ts';
import { syncTopics } from '../src/topic-sync.ts';

export interface StageCost {
  stage: string;
  msPerRecord: number;
  where: string;
}

export async function measureStages(file: string, limit: number, dir: string): Promise<{ records: number; stages: StageCost[] }> {
  const raws: RawRecord[] = [];
  const t = performance.now();
  for await (const batch of streamRawRecords(openPubmedFile(file))) {
    raws.push(...batch);
    if (raws.length >= limit) break;
  }
  raws.length = Math.min(raws.length, limit);
  const split = performance.now() - t;

  const topics = loadTopicsFile();
  const opened = openDatabase(join(dir, 'stages.db'), { cacheSizeKb: IMPORT_CACHE_KB });
  syncTopics(opened, topics, new Date().toISOString());
  const store = createStudyStore(opened);
  const tagWriter = createTagWriter(opened);
  const ms = { validate: 0, parse: 0, map: 0, tag: 0, prepare: 0, clone: 0, store: 0 };
  let batch: RecordItem[] = [];
  const now = new Date().toISOString();
  const flush = () => {
    const t0 = performance.now();
    store.writePrepared(
      batch.map((b) => b.study!),
      [],
      { runId: null, topicId: null, origin: 'import', now },
      (_, i, isNew, ctx) => writeTagsAndTopics(tagWriter, store, batch[i]!, isNew, ctx),
    );
    ms.store += performance.now() - t0;
    batch = [];
  };
  let records = 0;
  for (const raw of raws) {
    if (raw.format !== 'xml') throw new Error('the stage breakdown reads PubMed XML');
    const t0 = performance.now();
    fragmentStages.validate(raw.fragment);
    const t1 = performance.now();
    const nodes = fragmentStages.parse(raw.fragment);
    const t2 = performance.now();
    const items: StreamItem[] = fragmentStages.map(raw.fragment, nodes);
    const t3 = performance.now();
    for (const item of items) {
      if (item.type !== 'record') continue;
      const t4 = performance.now();
      const taggable = toTaggable(item.record);
      const tagging = tagStudy(taggable);
      const matched = matchTopics(taggable, topics).map((m) => m.topic);
      const t5 = performance.now();
      const study = { ...prepareStudy(item.record), tagged: taggedColumns(tagging) };
      const t6 = performance.now();
      // What crosses from a parse worker to the import thread (serialised once, deserialised once).
      const work = structuredClone({ type: 'record' as const, pmid: item.record.pmid, study, tagging, topics: matched });
      const t7 = performance.now();
      ms.tag += t5 - t4;
      ms.prepare += t6 - t5;
      ms.clone += t7 - t6;
      batch.push(work);
      records++;
      if (batch.length >= 1000) flush();
    }
    ms.validate += t1 - t0;
    ms.parse += t2 - t1;
    ms.map += t3 - t2;
  }
  if (batch.length) flush();
  opened.close();
  const per = (total: number) => total / records;
  return {
    records,
    stages: [
      { stage: 'split (read, decode, find records)', msPerRecord: split / raws.length, where: 'import thread' },
      { stage: 'validate (XMLValidator, whole record)', msPerRecord: per(ms.validate), where: 'parse worker' },
      { stage: 'parse (fast-xml-parser, slimmed record)', msPerRecord: per(ms.parse), where: 'parse worker' },
      { stage: 'map (nodes → PubmedRecord)', msPerRecord: per(ms.map), where: 'parse worker' },
      { stage: 'tag (tagStudy + matchTopics)', msPerRecord: per(ms.tag), where: 'parse worker' },
      { stage: 'prepare rows (columns, JSON, hash)', msPerRecord: per(ms.prepare), where: 'parse worker' },
      { stage: 'structured clone, parse worker → import thread', msPerRecord: per(ms.clone), where: 'both' },
      { stage: 'store (SQLite: study, FTS, indexes, authors, tags)', msPerRecord: per(ms.store), where: 'import thread' },
    ],
  };
}

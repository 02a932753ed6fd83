// Worker thread of `pnpm ingest import`: parses and tags batches of raw records so the main
// thread only reads the file and writes SQLite. Stateless apart from the topics it was given.
import type { TopicDefinition } from '@evidence/schema';
import { parentPort, workerData } from 'node:worker_threads';
import { processRawBatch, type WorkRequest } from './import-pipeline.ts';

const topics = (workerData as { topics: TopicDefinition[] }).topics;
parentPort!.on('message', (request: WorkRequest) => {
  parentPort!.postMessage(processRawBatch(request, topics));
});

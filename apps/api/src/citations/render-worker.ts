// Formats references off the main thread: citeproc needs ~2 s to build the APA engine and a few ms per
// reference, which on the API's thread would stall every other request.
import { parentPort } from 'node:worker_threads';
import { formatCsl } from './citation-js.ts';
import type { RenderJob, RenderResult } from './render-pool.ts';

parentPort!.on('message', (job: RenderJob) => {
  let result: RenderResult;
  try {
    result = { id: job.id, body: formatCsl(job.items, job.format, job.styleOutput) };
  } catch (error) {
    result = { id: job.id, error: (error as Error).message };
  }
  parentPort!.postMessage(result);
});

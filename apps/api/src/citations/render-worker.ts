// Writes exports off the main thread: re-parsing stored records (~1–3 ms each) and writing thousands of
// references (citation-js's BibTeX takes a few ms each) would stall every other request on the API's thread.
import { parentPort } from 'node:worker_threads';
import { renderStudies } from './formats.ts';
import type { RenderJob, RenderResult } from './render-pool.ts';

parentPort!.on('message', (job: RenderJob) => {
  let result: RenderResult;
  try {
    result = { id: job.id, rendered: renderStudies(job.studies, job.format, job.styleOutput) };
  } catch (error) {
    result = { id: job.id, error: (error as Error).message };
  }
  parentPort!.postMessage(result);
});

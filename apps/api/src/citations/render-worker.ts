// Writes BibTeX off the main thread: citation-js takes a few ms per reference and seconds for a large
// export, which on the API's thread would stall every other request.
import { parentPort } from 'node:worker_threads';
import { formatCsl } from './citation-js.ts';
import type { RenderJob, RenderResult } from './render-pool.ts';

parentPort!.on('message', (job: RenderJob) => {
  let result: RenderResult;
  try {
    result = { id: job.id, body: formatCsl(job.items, job.format) };
  } catch (error) {
    result = { id: job.id, error: (error as Error).message };
  }
  parentPort!.postMessage(result);
});

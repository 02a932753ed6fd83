import { Worker } from 'node:worker_threads';
import type { ExportFormat, RenderedExport, StyleOutput } from './format-names.ts';
import type { LoadedStudy } from './load-studies.ts';

export interface RenderJob {
  id: number;
  studies: LoadedStudy[];
  format: ExportFormat;
  styleOutput: StyleOutput;
}
export type RenderResult = { id: number; rendered: RenderedExport } | { id: number; error: string };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve(rendered: RenderedExport): void; reject(error: Error): void }>();

function failAll(error: Error) {
  for (const job of pending.values()) job.reject(error);
  pending.clear();
  worker = null;
}

/** One lazily started worker, unref'd so it never keeps a process alive; jobs run one after another. */
function getWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./render-worker.ts', import.meta.url));
  started.unref();
  started.on('message', (result: RenderResult) => {
    const job = pending.get(result.id);
    if (!job) return;
    pending.delete(result.id);
    if ('error' in result) job.reject(new Error(`citation formatting failed: ${result.error}`));
    else job.resolve(result.rendered);
    if (pending.size === 0) started.unref();
  });
  started.on('error', failAll);
  started.on('exit', (code) => failAll(new Error(`citation worker exited with code ${code}`)));
  worker = started;
  return started;
}

function renderInWorker(studies: LoadedStudy[], format: ExportFormat, styleOutput: StyleOutput): Promise<RenderedExport> {
  const target = getWorker();
  const id = nextId++;
  return new Promise<RenderedExport>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // Keep the process alive while a job is outstanding (a CLI awaiting an export must not exit early).
    target.ref();
    target.postMessage({ id, studies, format, styleOutput } satisfies RenderJob);
  });
}

/**
 * Renders studies in one export format, in the render worker (re-reading stored records and writing
 * thousands of references would stall the API's thread). Every path that shows a reference — exports,
 * the dashboard's copy buttons through /api/export, claim cards and reference lists — comes here.
 */
export function renderExport(studies: LoadedStudy[], format: ExportFormat, styleOutput: StyleOutput): Promise<RenderedExport> {
  return renderInWorker(studies, format, styleOutput);
}

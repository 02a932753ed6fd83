import type { CSL } from '@citation-js/core';
import { Worker } from 'node:worker_threads';
import type { CitationFormat } from './citation-js.ts';

export interface RenderJob {
  id: number;
  items: CSL[];
  format: CitationFormat;
}
export type RenderResult = { id: number; body: string } | { id: number; error: string };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve(body: string): void; reject(error: Error): void }>();

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
    else job.resolve(result.body);
    if (pending.size === 0) started.unref();
  });
  started.on('error', failAll);
  started.on('exit', (code) => failAll(new Error(`citation worker exited with code ${code}`)));
  worker = started;
  return started;
}

export function renderInWorker(items: CSL[], format: CitationFormat): Promise<string> {
  const target = getWorker();
  const id = nextId++;
  return new Promise<string>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    // Keep the process alive while a job is outstanding (a CLI awaiting an export must not exit early).
    target.ref();
    target.postMessage({ id, items, format } satisfies RenderJob);
  });
}

// Worker thread: reads a study index snapshot from its own read-only connection, so a rebuild
// after an ingestion never blocks the API's event loop; the arrays are transferred, not copied.
import { openReadOnly } from '@evidence/schema/read-only';
import { parentPort, workerData } from 'node:worker_threads';
import { loadSnapshot, transferables } from './snapshot.ts';

const sqlite = openReadOnly((workerData as { path: string }).path);
try {
  const snapshot = loadSnapshot(sqlite);
  parentPort!.postMessage(snapshot, transferables(snapshot));
} finally {
  sqlite.close();
}

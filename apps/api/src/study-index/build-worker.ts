// Worker thread: reads a study index snapshot from its own read-only connection, so a rebuild
// after an ingestion never blocks the API's event loop; the arrays are transferred, not copied.
import { openDatabase } from '@evidence/schema';
import { parentPort, workerData } from 'node:worker_threads';
import { loadSnapshot, transferables } from './snapshot.ts';

const database = openDatabase((workerData as { path: string }).path, { readonly: true, migrate: false, cacheSizeKb: 16_384 });
try {
  const snapshot = loadSnapshot(database.sqlite);
  parentPort!.postMessage(snapshot, transferables(snapshot));
} finally {
  database.close();
}

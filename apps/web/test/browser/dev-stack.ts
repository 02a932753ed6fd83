// For looking at the dashboard by hand: the fixture corpus in a temp DB behind the API on :8787.
//   node apps/web/test/browser/dev-stack.ts   then   API_URL=http://127.0.0.1:8787 node apps/web/build
import { serve } from '@hono/node-server';
import { createApp } from '@evidence/api';
import { createTestDatabase } from '@evidence/schema/testing';
import { seedFixtureCorpus } from '@evidence/test-corpus';

const db = createTestDatabase();
seedFixtureCorpus(db);
const port = Number(process.env.API_PORT ?? 8787);
serve({ fetch: createApp({ database: db, editorToken: process.env.EVIDENCE_EDITOR_TOKEN }).fetch, hostname: '127.0.0.1', port });
console.log(`API with the fixture corpus on http://127.0.0.1:${port} (db ${db.path})`);
process.on('SIGINT', () => {
  db.remove();
  process.exit(0);
});
process.on('SIGTERM', () => {
  db.remove();
  process.exit(0);
});

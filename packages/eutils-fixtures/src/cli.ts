#!/usr/bin/env node
/**
 * Runs the fixture E-utilities server standalone:
 *   node packages/eutils-fixtures/src/cli.ts --port 8787
 * then set EUTILS_BASE_URL to the printed URL to fill the dashboard with clearly-marked fixture data.
 */
import { parseArgs } from 'node:util';
import { startFixtureServer } from './server.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8787' }, help: { type: 'boolean', default: false } } });
if (values.help) {
  console.log('usage: eutils-fixture-server [--port 8787]   (0 = any free port; listens on 127.0.0.1 only)');
  process.exit(0);
}
const server = await startFixtureServer({ port: Number(values.port) });
console.log(server.url);
console.error('fixture E-utilities server: synthetic records only (PMIDs from 90000001, titles "[Fixture] …"). Ctrl-C to stop.');
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

// Production entry: adapter-node 6 no longer reads ORIGIN at run time and assumes https when no
// proxy header says otherwise, which makes SvelteKit refuse every form POST served over plain
// http (CSRF origin mismatch). When ORIGIN is set, tell the handler the public protocol and host
// exactly as a reverse proxy would, then start the built server.
// env.ts validates every variable first: a bad one ends the process with one line and exit code 1.
// The static files under /_app are answered by adapter-node's file server before SvelteKit's hooks
// run, so the security headers every response carries are set here first (hooks set them again).
const { env } = await import('./src/lib/server/env.ts');
const { SECURITY_HEADERS } = await import('./src/lib/server/security-headers.ts');
const origin = env.origin;
if (origin) {
  process.env.PROTOCOL_HEADER ||= 'x-evidence-proto';
  process.env.HOST_HEADER ||= 'x-evidence-host';
}
// Wrap request handling once, before the built server creates its http server.
const http = (await import('node:http')).default;
const original = http.createServer;
http.createServer = (...args) => {
  const server = original(...args);
  server.prependListener('request', (req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (origin) {
      req.headers['x-evidence-proto'] = origin.protocol.slice(0, -1);
      req.headers['x-evidence-host'] = origin.host;
    }
  });
  return server;
};
await import('./build/index.js');

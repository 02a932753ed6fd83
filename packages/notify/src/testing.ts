import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail the test SMTP server accepted, parsed, with the envelope it came with. */
export interface ReceivedMail {
  to: string[];
  parsed: ParsedMail;
  /** The raw header value, as sent (mailparser folds some headers into objects). */
  header(name: string): string | undefined;
}

export interface SmtpSinkOptions {
  /** A reply code ≥ 400 refuses the nth mail (1-based) with that code; undefined accepts it. */
  refuse?: (n: number, to: string[]) => number | undefined;
  /** True: the nth mail's data is received and recorded, but the 250 reply is held back until release(). */
  hold?: (n: number) => boolean;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 for tests: no TLS, no auth, every mail parsed with
 * mailparser. A mail counts as received once its whole data has arrived.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}) {
  const mails: ReceivedMail[] = [];
  const held: (() => void)[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    // No reverse DNS lookup of the client: there is no resolver here, and each lookup would wait for its timeout.
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const n = ++count;
        const to = session.envelope.rcptTo.map((r) => r.address);
        const code = options.refuse?.(n, to);
        if (code !== undefined) {
          callback(Object.assign(new Error(`refused by the test server (mail ${n})`), { responseCode: code }));
          return;
        }
        const raw = Buffer.concat(chunks);
        const parsed = await simpleParser(raw);
        const headerBlock = raw
          .toString('utf8')
          .split(/\r?\n\r?\n/, 1)[0]!
          .replace(/\r?\n[ \t]+/g, ' ');
        mails.push({
          to,
          parsed,
          header: (name) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(headerBlock)?.[1]?.trim(),
        });
        for (const w of waiters.filter((w) => mails.length >= w.count)) w.resolve();
        if (options.hold?.(n)) held.push(() => callback());
        else callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    /** Resolves once this many mails have been received. */
    waitFor: (n: number) => new Promise<void>((resolve) => (mails.length >= n ? resolve() : waiters.push({ count: n, resolve }))),
    /** Sends the held 250 replies. */
    release: () => {
      for (const reply of held.splice(0)) reply();
    },
    /** Mails received per recipient address. */
    perRecipient: () => {
      const counts = new Map<string, number>();
      for (const m of mails) for (const to of m.to) counts.set(to, (counts.get(to) ?? 0) + 1);
      return counts;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

/** A real HTTP server on 127.0.0.1 that records JSON POSTed to it (a webhook), answering `status`. */
export async function startWebhookSink(status: () => number = () => 204) {
  const { createServer } = await import('node:http');
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(status()).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hook`,
    bodies,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { createTransport } from 'nodemailer';

/** One e-mail as the tracker sends it: both parts, its own Message-ID, and any extra headers. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Fixed by the caller (a digest's is stored before sending), so a retry carries the same one. */
  messageId?: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Resolves once the mail server accepted the mail (250 after DATA); rejects with its reason otherwise. */
  send(mail: OutgoingMail): Promise<{ messageId: string; response: string }>;
  close(): void;
}

export interface MailerOptions {
  /** smtp://user:pass@host:587 or smtps://host:465 (SMTP_URL). */
  smtpUrl: string;
  /** The From address (MAIL_FROM). */
  from: string;
  /** How long to wait for the server at each step before giving up on a mail (default 30 s). */
  timeoutMs?: number;
}

/**
 * The SMTP transport (nodemailer), one pooled connection reused for every mail of a run: a
 * digest run sends one mail at a time and records each before the next, so one connection is all
 * it needs, and a thousand mails do not open a thousand connections.
 */
export function createMailer(options: MailerOptions): Mailer {
  const timeout = options.timeoutMs ?? 30_000;
  const transport = createTransport(
    {
      url: options.smtpUrl,
      pool: true,
      maxConnections: 1,
      // A pooled connection is replaced after this many mails, as servers limit mails per connection.
      maxMessages: 100,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    },
    { from: options.from },
  );
  return {
    async send(mail) {
      const info = await transport.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html !== undefined ? { html: mail.html } : {}),
        ...(mail.messageId ? { messageId: mail.messageId } : {}),
        ...(mail.headers ? { headers: mail.headers } : {}),
      });
      return { messageId: info.messageId, response: info.response };
    },
    close: () => transport.close(),
  };
}

/** A mail error as one line: the server's reply when it gave one, else what failed (refused, timed out). */
export function mailErrorLine(error: unknown): string {
  const e = error as { response?: string; code?: string; message?: string };
  return (e.response ?? `${e.code ? `${e.code}: ` : ''}${e.message ?? String(error)}`).replace(/\s+/g, ' ').trim();
}

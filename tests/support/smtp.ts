/**
 * A real SMTP server (smtp-server) on a free local port for tests: no mocks. It records every message it
 * accepts (envelope and raw source) and can refuse chosen recipients, permanently or only at first.
 *
 * mailparser is not a dependency, so messages are kept raw; `attachmentContent` decodes the one thing the
 * tests need to read out of a MIME message (a base64 attachment).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope sender (MAIL FROM). */
  from: string;
  /** The envelope recipients (RCPT TO). */
  to: string[];
  /** The message as it came over the wire (headers and body). */
  raw: string;
}

/** An answer the server gives instead of accepting. */
export interface SmtpAnswer {
  /** The recipients it applies to. */
  to: RegExp;
  /** The SMTP reply code: 550 (no such user), 451 (try again later), 554 (rejected)… */
  code: number;
  message: string;
  /** When to answer: at RCPT TO for that recipient (default), or at the end of DATA when it is among them. */
  at?: 'rcpt' | 'data';
  /** At RCPT TO only: answer only the first `attempts` attempts for a recipient, then accept (greylisting). */
  attempts?: number;
}

export interface SmtpTestServer {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  readonly url: string;
  /** The messages accepted so far, in order (a live array). */
  readonly messages: readonly ReceivedMail[];
  /** How many times a recipient was given at RCPT TO, accepted or not. */
  attempts(address: string): number;
  /** Resolves with the messages once at least `n` were accepted; rejects after `timeoutMs`. */
  waitFor(n: number, timeoutMs?: number): Promise<readonly ReceivedMail[]>;
  /** Forgets the messages and attempts recorded so far. */
  reset(): void;
  close(): Promise<void>;
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** Starts the server on 127.0.0.1, on a port the system picks. */
export async function startSmtpServer(
  options: { answers?: readonly SmtpAnswer[] } = {},
): Promise<SmtpTestServer> {
  const answers = options.answers ?? [];
  const messages: ReceivedMail[] = [];
  const rcptAttempts = new Map<string, number>();
  const waiters = new Set<() => void>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const n = (rcptAttempts.get(address.address) ?? 0) + 1;
      rcptAttempts.set(address.address, n);
      const answer = answers.find(
        (a) =>
          (a.at ?? 'rcpt') === 'rcpt' &&
          a.to.test(address.address) &&
          (a.attempts === undefined || n <= a.attempts),
      );
      if (answer) return callback(smtpError(answer.message, answer.code));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const answer = answers.find((a) => a.at === 'data' && to.some((address) => a.to.test(address)));
        if (answer) return callback(smtpError(answer.message, answer.code));
        messages.push({
          from: (session.envelope.mailFrom || { address: '' }).address,
          to,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
        for (const wake of waiters) wake();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;

  return {
    url,
    messages,
    attempts: (address) => rcptAttempts.get(address) ?? 0,
    waitFor(n, timeoutMs = 10_000) {
      if (messages.length >= n) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        const check = () => {
          if (messages.length < n) return;
          done();
          resolve(messages);
        };
        const timer = setTimeout(() => {
          done();
          reject(
            new Error(`SMTP test server: ${messages.length} message(s) after ${timeoutMs} ms, expected ${n}`),
          );
        }, timeoutMs);
        waiters.add(check);
      });
    },
    reset() {
      messages.length = 0;
      rcptAttempts.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The content of the MIME part of a multipart message whose headers mention `marker`, base64-decoded. */
export function attachmentContent(raw: string, marker: string): Buffer | undefined {
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(raw)?.[1];
  if (!boundary) return undefined;
  const part = raw.split(`--${boundary}`).find((p) => p.includes(marker));
  if (!part) return undefined;
  const body = part
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('');
  return Buffer.from(body.replace(/\s+/g, ''), 'base64');
}

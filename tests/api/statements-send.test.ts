/** Sending a statement delivers its PDF to a real SMTP server (smtp-server on a local port), in the customer's language. */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCustomer } from '../../src/modules/customers/index.js';
import { recordPayment, sendStatement, statementPdf } from '../../src/modules/payments/index.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import type { AppContext } from '../../src/platform/context.js';
import { JobRegistry } from '../../src/platform/jobs/registry.js';
import { JobRunner } from '../../src/platform/jobs/runner.js';
import { getMail } from '../../src/platform/mail/admin.js';
import { closeMailTransports, registerMailSender } from '../../src/platform/mail/sender.js';
import { describeEachDatabase } from '../support/databases.js';
import { pdfPages } from '../support/pdf-text.js';
import { makeDocument } from './payments.support.js';

const received: { to: string[]; raw: string }[] = [];
let server: SMTPServer;
let smtpUrl: string;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  closeMailTransports();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function attachment(raw: string, filename: string): Buffer | undefined {
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(raw)?.[1];
  const part = boundary ? raw.split(`--${boundary}`).find((p) => p.includes(filename)) : undefined;
  if (!part) return undefined;
  return Buffer.from(
    part
      .split(/\r?\n\r?\n/)
      .slice(1)
      .join('')
      .replace(/\s+/g, ''),
    'base64',
  );
}

describeEachDatabase('payments: sending a statement by email', (get) => {
  let ctx: AppContext;
  beforeAll(() => {
    ctx = {
      ...get().ctx,
      jobs: new JobRegistry(),
      config: { ...get().config, SMTP_URL: smtpUrl, MAIL_FROM: 'Accounts <accounts@duely.test>' },
    };
    registerMailSender(ctx);
  });

  it('emails the statement PDF to the reminder and invoice contacts, in French; the log shows it sent', async () => {
    const actor = systemActor('test');
    const customer = await createCustomer(ctx, actor, {
      legalName: 'Fromagerie Dubois',
      billingAddress: { line1: '5 place du Marché', postalCode: '21000', city: 'Dijon', country: 'FR' },
      language: 'fr',
      currency: 'EUR',
      contacts: [
        { name: 'Luc', email: 'luc@dubois.example', receivesInvoices: true },
        { name: 'Inès', email: 'ines@dubois.example', receivesReminders: true },
      ],
    } as unknown as Parameters<typeof createCustomer>[2]);
    const invoice = await makeDocument(ctx, actor, customer.id, 50000);
    await recordPayment(ctx, actor, {
      method: 'bank_transfer',
      customerId: customer.id,
      amount: 20000,
      currency: 'EUR',
      receivedDate: '2025-02-10',
      reference: invoice.number,
      notes: null,
      payerName: null,
      payerIban: null,
      bankReference: null,
      valueDate: null,
      autoAllocate: true,
    });
    const period = { from: '2025-01-01', to: '2025-03-31' };
    const { messageId, to, filename } = await sendStatement(ctx, actor, customer.id, period, {});
    expect(to).toEqual(['luc@dubois.example', 'ines@dubois.example']);

    await new JobRunner(ctx, {
      concurrency: 1,
      pollMs: 1000,
      backoff: { baseMs: 60_000, jitter: 0 },
    }).runOnce();

    const mail = received.find((r) => r.to.includes('ines@dubois.example'));
    expect(mail).toBeDefined();
    expect(mail!.to).toEqual(['luc@dubois.example', 'ines@dubois.example']);
    expect(mail!.raw).toContain(filename);
    const pdf = attachment(mail!.raw, filename);
    expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
    // The attachment is the statement as downloaded the same day: the same bytes.
    const downloaded = await statementPdf(ctx, customer.id, period);
    expect(pdf?.equals(downloaded.content)).toBe(true);
    const text = (await pdfPages(pdf!)).join(' ');
    expect(text).toContain('RELEVÉ DE COMPTE');
    expect(text).toContain('Solde dû 300,00 €');

    const log = await getMail(ctx.db, messageId);
    expect(log?.state).toBe('sent');
    expect(log?.text).toContain('Veuillez trouver ci-joint le relevé de votre compte');
    const plain = log!.text.replace(/[\u00a0\u202f]/g, ' ');
    expect(plain).toContain('Solde dû au 31 mars 2025 : 300,00 €, dont 300,00 € échu.');
  }, 60_000);
});

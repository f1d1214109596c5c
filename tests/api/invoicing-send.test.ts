/** Sending an invoice delivers its archived PDF to a real SMTP server (smtp-server on a local port). */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCustomer } from '../../src/modules/customers/index.js';
import {
  createDraft,
  invoiceMessages,
  invoicePdf,
  issueDocument,
  sendInvoice,
} from '../../src/modules/invoicing/index.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import type { AppContext } from '../../src/platform/context.js';
import { JobRegistry } from '../../src/platform/jobs/registry.js';
import { JobRunner } from '../../src/platform/jobs/runner.js';
import { closeMailTransports, registerMailSender } from '../../src/platform/mail/sender.js';
import { describeEachDatabase } from '../support/databases.js';

const received: { to: string[]; raw: string }[] = [];
let server: SMTPServer;
let smtpUrl: string;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('nobody@'))
        return callback(Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 }));
      callback();
    },
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

describeEachDatabase('invoicing: sending by email', (get) => {
  let ctx: AppContext;
  beforeAll(() => {
    ctx = {
      ...get().ctx,
      jobs: new JobRegistry(),
      config: { ...get().config, SMTP_URL: smtpUrl, MAIL_FROM: 'Billing <billing@duely.test>' },
    };
    registerMailSender(ctx);
  });

  it('emails the archived PDF to the invoice contacts in their language; the log shows sent and bounced', async () => {
    const actor = systemActor('test');
    const customer = await createCustomer(ctx, actor, {
      legalName: 'Épicerie Fine Laurent',
      billingAddress: {
        line1: '3 rue de la République',
        postalCode: '13001',
        city: 'Marseille',
        country: 'FR',
      },
      language: 'fr',
      contacts: [
        { name: 'Marc', email: 'marc@laurent.example', receivesInvoices: true },
        { name: 'Other', email: 'other@laurent.example' },
      ],
    } as Parameters<typeof createCustomer>[2]);
    const draft = await createDraft(ctx, actor, {
      kind: 'invoice',
      customerId: customer.id,
      purchaseOrder: null,
      orderReference: null,
      notes: null,
      lines: [
        {
          description: 'Huile d’olive 5 L',
          itemCode: null,
          quantity: '4',
          unit: 'pcs',
          unitPrice: '42.50',
          taxCategory: 'S',
          taxRate: '5.5',
          exemptionReason: null,
          exemptionReasonCode: null,
        },
      ],
    });
    const invoice = await issueDocument(ctx, actor, draft.id);
    const { messageId, to } = await sendInvoice(ctx, actor, invoice.id, {});
    expect(to).toEqual(['marc@laurent.example']);
    const bounced = await sendInvoice(ctx, actor, invoice.id, { to: ['nobody@laurent.example'] });

    await new JobRunner(ctx, {
      concurrency: 2,
      pollMs: 1000,
      backoff: { baseMs: 60_000, jitter: 0 },
    }).runOnce();

    const mail = received.find((r) => r.to.includes('marc@laurent.example'));
    expect(mail).toBeDefined();
    expect(mail!.raw).toContain(`Facture_${invoice.number}`);
    expect(mail!.raw).toContain(`notre facture ${invoice.number}`);
    const pdf = attachment(mail!.raw, `${invoice.number}.pdf`);
    const archived = await invoicePdf(ctx, invoice.id);
    expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf?.equals(archived.content)).toBe(true);

    const log = await invoiceMessages(ctx.db, invoice.id);
    const state = Object.fromEntries(log.map((m) => [m.id, m.state]));
    expect(state).toEqual({ [messageId]: 'sent', [bounced.messageId]: 'bounced' });
    expect(log.find((m) => m.id === messageId)!.text).toContain('Montant à régler');
  }, 60_000);
});

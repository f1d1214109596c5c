/** Sending an invoice delivers its archived PDF to a real SMTP server (smtp-server on a local port). */
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
import { attachmentContent, type SmtpTestServer, startSmtpServer } from '../support/smtp.js';

let smtp: SmtpTestServer;

beforeAll(async () => {
  smtp = await startSmtpServer({ answers: [{ to: /^nobody@/, code: 550, message: '5.1.1 No such user' }] });
});

afterAll(async () => {
  closeMailTransports();
  await smtp.close();
});

describeEachDatabase('invoicing: sending by email', (get) => {
  let ctx: AppContext;
  beforeAll(() => {
    ctx = {
      ...get().ctx,
      jobs: new JobRegistry(),
      config: { ...get().config, SMTP_URL: smtp.url, MAIL_FROM: 'Billing <billing@duely.test>' },
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

    const mail = smtp.messages.find((r) => r.to.includes('marc@laurent.example'));
    expect(mail).toBeDefined();
    expect(mail!.raw).toContain(`Facture_${invoice.number}`);
    expect(mail!.raw).toContain(`notre facture ${invoice.number}`);
    const pdf = attachmentContent(mail!.raw, `${invoice.number}.pdf`);
    const archived = await invoicePdf(ctx, invoice.id);
    expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf?.equals(archived.content)).toBe(true);

    const log = await invoiceMessages(ctx.db, invoice.id);
    const state = Object.fromEntries(log.map((m) => [m.id, m.state]));
    expect(state).toEqual({ [messageId]: 'sent', [bounced.messageId]: 'bounced' });
    expect(log.find((m) => m.id === messageId)!.text).toContain('Montant à régler');
  }, 60_000);
});

/** HTTP for invoices, credit notes, their PDFs and mail, customer templates and company settings. */
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { businessDateSchema } from '../../platform/dates.js';
import { decodeCursor, pageOf, pageQuerySchema, toPage } from '../../platform/http/pagination.js';
import { actorOf } from '../../platform/http/principal.js';
import type { App } from '../../platform/http/server.js';
import * as invoices from './invoices-service.js';
import { invoicingPermissions as perms } from './permissions.js';
import {
  createDraftSchema,
  creditSchema,
  invoiceSchema,
  invoiceSummarySchema,
  issueSchema,
  templateSchema,
  updateDraftSchema,
} from './schemas.js';
import { invoiceMessages, sendInvoice, sendSchema } from './send.js';
import {
  companySettingsOutSchema,
  companySettingsSchema,
  readCompanySettings,
  saveCompanySettings,
} from './settings.js';

const idParams = z.object({ id: z.string().min(1).max(100) });
const customerParams = z.object({ customerId: z.string().min(1).max(100) });
const noContent = { 204: z.null().describe('No content') };
const templateLineSchema = z.object({
  description: z.string(),
  itemCode: z.string().nullish(),
  quantity: z.string(),
  unit: z.string(),
  unitPrice: z.string(),
  discountPercent: z.string().optional(),
  taxCategory: z.string(),
  taxRate: z.string().optional(),
  exemptionReason: z.string().nullish(),
  exemptionReasonCode: z.string().nullish(),
});
const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

const mailSchema = z.object({
  id: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()),
  subject: z.string(),
  state: z.enum(['queued', 'sending', 'sent', 'failed', 'bounced', 'held']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number() })),
  events: z.array(z.object({ at: z.string(), event: z.string(), detail: z.string().nullable() })),
});

export function invoicingRoutes(ctx: AppContext) {
  return (app: App) => {
    app.get(
      '/api/settings/company',
      {
        config: { access: perms.readSettings },
        schema: {
          tags: ['settings'],
          summary: 'Company identity, payment details and working calendar printed on documents',
          response: { 200: companySettingsOutSchema },
        },
      },
      async () => readCompanySettings(ctx.db),
    );

    app.put(
      '/api/settings/company',
      {
        config: { access: perms.writeSettings },
        schema: {
          tags: ['settings'],
          summary: 'Replace the company settings (applies to documents issued from now on)',
          body: companySettingsSchema,
          response: { 200: companySettingsOutSchema },
        },
      },
      async (request) => saveCompanySettings(ctx, actorOf(request), request.body),
    );

    const listQuery = pageQuerySchema.extend({
      customerId: z.string().max(100).optional(),
      kind: z.enum(['invoice', 'credit_note']).optional(),
      status: z.enum(['draft', 'issued', 'void']).optional(),
      paymentState: z.enum(['unpaid', 'partially_paid', 'paid']).optional(),
      overdue: booleanQuery.optional(),
      from: businessDateSchema.optional().describe('Issued on or after'),
      to: businessDateSchema.optional().describe('Issued on or before'),
      currency: z.string().trim().toUpperCase().optional(),
      q: z
        .string()
        .trim()
        .max(100)
        .optional()
        .describe('Document number (with or without dashes) or RF reference'),
    });

    app.get(
      '/api/invoices',
      {
        config: { access: perms.read },
        schema: {
          tags: ['invoices'],
          summary: 'List invoices and credit notes, newest first',
          querystring: listQuery,
          response: { 200: pageOf(invoiceSummarySchema) },
        },
      },
      async (request) => {
        const { limit, cursor, ...filter } = request.query;
        const { rows, today } = await invoices.listInvoices(ctx, {
          ...filter,
          limit,
          afterId: decodeCursor<string>(cursor, 'string'),
        });
        return toPage(
          rows,
          limit,
          (row) => row.id,
          (row) => invoices.toSummary(row, today),
        );
      },
    );

    app.post(
      '/api/invoices',
      {
        config: { access: perms.write },
        schema: {
          tags: ['invoices'],
          summary:
            'Create a draft invoice or credit note (by hand, copying a document, or from the customer template)',
          body: createDraftSchema,
          response: { 201: invoiceSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await invoices.createDraft(ctx, actorOf(request), request.body)),
    );

    app.get(
      '/api/invoices/:id',
      {
        config: { access: perms.read },
        schema: {
          tags: ['invoices'],
          summary: 'One invoice or credit note',
          params: idParams,
          response: { 200: invoiceSchema },
        },
      },
      async (request) => invoices.getInvoice(ctx, request.params.id),
    );

    app.patch(
      '/api/invoices/:id',
      {
        config: { access: perms.write },
        schema: {
          tags: ['invoices'],
          summary: 'Change a draft (lines are replaced as a whole); issued documents are immutable',
          params: idParams,
          body: updateDraftSchema,
          response: { 200: invoiceSchema },
        },
      },
      async (request) => invoices.updateDraft(ctx, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/api/invoices/:id',
      {
        config: { access: perms.write },
        schema: { tags: ['invoices'], summary: 'Delete a draft', params: idParams, response: noContent },
      },
      async (request, reply) => {
        await invoices.deleteDraft(ctx, actorOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/invoices/:id/issue',
      {
        config: { access: perms.write },
        schema: {
          tags: ['invoices'],
          summary: 'Issue a draft: number, due dates, snapshots, RF reference, archived PDF',
          params: idParams,
          body: issueSchema.optional(),
          response: { 200: invoiceSchema },
        },
      },
      async (request) => invoices.issueDocument(ctx, actorOf(request), request.params.id, request.body ?? {}),
    );

    app.post(
      '/api/invoices/:id/credit',
      {
        config: { access: perms.write },
        schema: {
          tags: ['invoices'],
          summary:
            'Issue a credit note against an invoice: full (voids it, only if nothing is paid) or partial',
          params: idParams,
          body: creditSchema,
          response: { 201: invoiceSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await invoices.creditInvoice(ctx, actorOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/invoices/:id/send',
      {
        config: { access: perms.write },
        schema: {
          tags: ['invoices'],
          summary: "Email the PDF to the customer's invoice contact(s)",
          params: idParams,
          body: sendSchema.optional(),
          response: { 202: z.object({ messageId: z.string(), to: z.array(z.string()) }) },
        },
      },
      async (request, reply) =>
        reply.code(202).send(await sendInvoice(ctx, actorOf(request), request.params.id, request.body ?? {})),
    );

    app.get(
      '/api/invoices/:id/messages',
      {
        config: { access: perms.read },
        schema: {
          tags: ['invoices'],
          summary: 'The emails sent for this document, with their delivery log',
          params: idParams,
          response: { 200: z.object({ items: z.array(mailSchema) }) },
        },
      },
      async (request) => ({ items: await invoiceMessages(ctx.db, request.params.id) }),
    );

    app.get(
      '/api/invoices/:id/pdf',
      {
        config: { access: perms.read },
        schema: {
          tags: ['invoices'],
          summary: 'The archived PDF (a draft: a preview marked DRAFT, not archived)',
          params: idParams,
        },
      },
      async (request, reply) => {
        const pdf = await invoices.invoicePdf(ctx, request.params.id);
        reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${pdf.filename}"`)
          .header('cache-control', 'no-store');
        if (pdf.sha256) reply.header('x-content-sha256', pdf.sha256);
        return reply.send(pdf.content);
      },
    );

    app.get(
      '/api/invoice-templates/:customerId',
      {
        config: { access: perms.read },
        schema: {
          tags: ['invoices'],
          summary: "A customer's default invoice lines",
          params: customerParams,
          response: { 200: z.object({ lines: z.array(templateLineSchema) }) },
        },
      },
      async (request) => ({ lines: await invoices.getTemplate(ctx, request.params.customerId) }),
    );

    app.put(
      '/api/invoice-templates/:customerId',
      {
        config: { access: perms.write },
        schema: {
          tags: ['invoices'],
          summary: "Replace a customer's default invoice lines",
          params: customerParams,
          body: templateSchema,
          response: { 200: z.object({ lines: z.array(templateLineSchema) }) },
        },
      },
      async (request) => ({
        lines: await invoices.saveTemplate(
          ctx,
          actorOf(request),
          request.params.customerId,
          request.body.lines,
        ),
      }),
    );
  };
}

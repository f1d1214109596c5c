/** HTTP for payments, allocations, refunds, write-offs and the customer account: zod in, service call, zod out. */
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { businessDateSchema } from '../../platform/dates.js';
import { decodeCursor, pageOf, pageQuerySchema, toPage } from '../../platform/http/pagination.js';
import { actorOf } from '../../platform/http/principal.js';
import type { App } from '../../platform/http/server.js';
import * as account from './account-service.js';
import * as payments from './payments-service.js';
import { paymentsPermissions as perms } from './permissions.js';
import {
  allocateSchema,
  allocationResultSchema,
  allocationSchema,
  amountSchema,
  applyCreditNoteSchema,
  applyCreditSchema,
  autoAllocateSchema,
  balanceSchema,
  creditBalanceSchema,
  ledgerSchema,
  methodSchema,
  moneyCurrencySchema,
  paymentDetailSchema,
  paymentSchema,
  recordPaymentSchema,
  refundInputSchema,
  refundSchema,
  reverseResultSchema,
  reverseSchema,
  toAllocation,
  toleranceSchema,
  toPayment,
  writeOffInputSchema,
  writeOffSchema,
} from './schemas.js';
import { customerStatement } from './statement.js';
import { statementCsv } from './statement-csv.js';
import { statementPdf } from './statement-document.js';
import {
  statementFormatSchema,
  statementQuerySchema,
  statementSchema,
  statementSentSchema,
} from './statement-schemas.js';
import { sendStatement, sendStatementSchema } from './statement-send.js';

const idParams = z.object({ id: z.string().min(1).max(100) });
const customerParams = z.object({ customerId: z.string().min(1).max(100) });
const currencyParams = z.object({ currency: moneyCurrencySchema });

const listQuery = pageQuerySchema.extend({
  customerId: z.string().trim().max(100).optional(),
  method: methodSchema.optional(),
  currency: moneyCurrencySchema.optional(),
  status: z.enum(['received', 'reversed']).optional(),
  state: z.enum(['applied', 'partially_applied', 'unapplied', 'reversed']).optional(),
  from: businessDateSchema.optional().describe('Received on or after'),
  to: businessDateSchema.optional().describe('Received on or before'),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('Searches reference, payer, cheque number and bank reference'),
});

const allocationsQuery = z
  .object({
    sourceId: z.string().trim().max(100).optional(),
    targetId: z.string().trim().max(100).optional(),
  })
  .refine((v) => v.sourceId || v.targetId, { message: 'give sourceId or targetId', path: ['sourceId'] });

const allocationsOut = z.object({ allocations: z.array(allocationSchema) });
const perCustomer = (tag: string) => ({ tags: [tag], params: customerParams });

export function paymentsRoutes(ctx: AppContext) {
  return async (app: App) => {
    app.get(
      '/api/payments',
      {
        config: { access: perms.read },
        schema: {
          tags: ['payments'],
          summary: 'List payments, newest first',
          querystring: listQuery,
          response: { 200: pageOf(paymentSchema) },
        },
      },
      async (request) => {
        const { limit, cursor, ...filter } = request.query;
        const rows = await payments.listPayments(ctx, {
          ...filter,
          limit,
          beforeId: decodeCursor<string>(cursor, 'string'),
        });
        return toPage(rows, limit, (row) => row.id, toPayment);
      },
    );

    app.post(
      '/api/payments',
      {
        config: { access: perms.write },
        schema: {
          tags: ['payments'],
          summary: 'Record a payment (send an Idempotency-Key to make re-submission safe)',
          body: recordPaymentSchema,
          response: { 201: paymentDetailSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await payments.recordPayment(ctx, actorOf(request), request.body)),
    );

    app.get(
      '/api/payments/:id',
      {
        config: { access: perms.read },
        schema: {
          tags: ['payments'],
          summary: 'One payment with its allocations',
          params: idParams,
          response: { 200: paymentDetailSchema },
        },
      },
      async (request) => payments.getPayment(ctx, request.params.id),
    );

    app.post(
      '/api/payments/:id/allocations',
      {
        config: { access: perms.write },
        schema: {
          tags: ['payments'],
          summary: 'Allocate a payment to invoices; optionally put the rest on account',
          params: idParams,
          body: allocateSchema,
          response: { 200: allocationResultSchema },
        },
      },
      async (request) => {
        const result = await payments.allocatePayment(ctx, actorOf(request), request.params.id, request.body);
        return { ...result, allocations: result.allocations.map(toAllocation) };
      },
    );

    app.post(
      '/api/payments/:id/auto-allocate',
      {
        config: { access: perms.write },
        schema: {
          tags: ['payments'],
          summary:
            'Allocate by the invoice numbers / RF references in the payment reference, else oldest due first',
          params: idParams,
          body: autoAllocateSchema,
          response: { 200: allocationResultSchema },
        },
      },
      async (request) => {
        const result = await payments.autoAllocatePayment(
          ctx,
          actorOf(request),
          request.params.id,
          request.body,
        );
        return { ...result, allocations: result.allocations.map(toAllocation) };
      },
    );

    app.post(
      '/api/payments/:id/reverse',
      {
        config: { access: perms.write },
        schema: {
          tags: ['payments'],
          summary: 'Reverse a payment (bounced cheque): re-open what it paid, optionally charge a fee',
          params: idParams,
          body: reverseSchema,
          response: { 200: reverseResultSchema },
        },
      },
      async (request) => {
        const result = await payments.reversePayment(ctx, actorOf(request), request.params.id, request.body);
        return { ...result, allocations: result.allocations.map(toAllocation) };
      },
    );

    app.get(
      '/api/allocations',
      {
        config: { access: perms.read },
        schema: {
          tags: ['payments'],
          summary: 'Allocations from a source or to a target (e.g. an invoice)',
          querystring: allocationsQuery,
          response: { 200: allocationsOut },
        },
      },
      async (request) => ({
        allocations: (await payments.listAllocations(ctx, request.query)).map(toAllocation),
      }),
    );

    app.post(
      '/api/write-offs',
      {
        config: { access: perms.write },
        schema: {
          tags: ['payments'],
          summary:
            "Write off an invoice's small open remainder or a payment's small surplus, within tolerance",
          body: writeOffInputSchema,
          response: { 201: writeOffSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await account.writeOff(ctx, actorOf(request), request.body)),
    );

    app.get(
      '/api/write-off-tolerances/:currency',
      {
        config: { access: perms.read },
        schema: {
          tags: ['payments'],
          summary: 'The write-off tolerance of a currency',
          params: currencyParams,
          response: { 200: toleranceSchema },
        },
      },
      async (request) => account.writeOffTolerance(ctx, request.params.currency),
    );

    app.put(
      '/api/write-off-tolerances/:currency',
      {
        config: { access: perms.configure },
        schema: {
          tags: ['payments'],
          summary: 'Set the write-off tolerance of a currency',
          params: currencyParams,
          body: z.strictObject({ amount: amountSchema.or(z.literal(0)) }),
          response: { 200: toleranceSchema },
        },
      },
      async (request) =>
        account.setWriteOffTolerance(ctx, actorOf(request), request.params.currency, request.body.amount),
    );

    app.get(
      '/api/accounts/:customerId/balance',
      {
        config: { access: perms.read },
        schema: {
          ...perCustomer('accounts'),
          summary: "The customer's balance per currency",
          response: { 200: balanceSchema },
        },
      },
      async (request) => account.customerBalance(ctx, request.params.customerId),
    );

    app.get(
      '/api/accounts/:customerId/ledger',
      {
        config: { access: perms.read },
        schema: {
          ...perCustomer('accounts'),
          summary: "The customer's ledger with a running balance",
          querystring: z.object({
            currency: moneyCurrencySchema.optional(),
            from: businessDateSchema.optional(),
            to: businessDateSchema.optional(),
          }),
          response: { 200: ledgerSchema },
        },
      },
      async (request) => account.customerLedger(ctx, request.params.customerId, request.query),
    );

    app.get(
      '/api/accounts/:customerId/credit',
      {
        config: { access: perms.read },
        schema: {
          ...perCustomer('accounts'),
          summary: "The customer's credit on account",
          response: { 200: creditBalanceSchema },
        },
      },
      async (request) => account.customerCredits(ctx, request.params.customerId),
    );

    app.post(
      '/api/accounts/:customerId/credit/apply',
      {
        config: { access: perms.write },
        schema: {
          ...perCustomer('accounts'),
          summary: 'Apply credit on account to invoices (given ones, or oldest due first)',
          body: applyCreditSchema,
          response: { 200: allocationsOut },
        },
      },
      async (request) =>
        account.applyCustomerCredit(ctx, actorOf(request), request.params.customerId, request.body),
    );

    app.post(
      '/api/accounts/:customerId/credit-notes/apply',
      {
        config: { access: perms.write },
        schema: {
          ...perCustomer('accounts'),
          summary: "Apply a credit note's open credit to invoices (given ones, or oldest due first)",
          body: applyCreditNoteSchema,
          response: { 200: allocationsOut },
        },
      },
      async (request) =>
        account.applyCreditNote(ctx, actorOf(request), request.params.customerId, request.body),
    );

    app.post(
      '/api/accounts/:customerId/refunds',
      {
        config: { access: perms.write },
        schema: {
          ...perCustomer('accounts'),
          summary: 'Refund credit on account (or a credit note) to the customer',
          body: refundInputSchema,
          response: { 201: refundSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await account.recordRefund(ctx, actorOf(request), request.params.customerId, request.body)),
    );

    app.get(
      '/api/accounts/:customerId/statement',
      {
        config: { access: perms.read },
        schema: {
          ...perCustomer('accounts'),
          summary:
            'A statement for a period in one currency: opening balance, movements, closing balance, aging as of `to`',
          description:
            "`format=json` (default) for screens, `csv` (text/csv, formula-safe) or `pdf` (A4, in the customer's language) to download.",
          querystring: statementQuerySchema.extend(statementFormatSchema.shape),
          response: { 200: statementSchema },
        },
      },
      async (request, reply) => {
        const { format, ...period } = request.query;
        if (format === 'pdf') {
          const file = await statementPdf(ctx, request.params.customerId, period);
          return reply
            .type('application/pdf')
            .header('content-disposition', `inline; filename="${file.filename}"`)
            .header('cache-control', 'no-store')
            .send(file.content as never); // bytes, not the JSON schema: Fastify sends a Buffer as is
        }
        const statement = await customerStatement(ctx, request.params.customerId, period);
        if (format === 'csv') {
          const name = `statement_${statement.customer.code}_${statement.currency}_${statement.from}_${statement.to}.csv`;
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}"`)
            .header('cache-control', 'no-store')
            .send(statementCsv(statement) as never); // text, not the JSON schema: sent as is
        }
        return statement;
      },
    );

    app.post(
      '/api/accounts/:customerId/statement/send',
      {
        config: { access: perms.write },
        schema: {
          ...perCustomer('accounts'),
          summary:
            "Email the statement PDF (period in the query, as for GET …/statement) to the customer's invoice/reminder contact(s)",
          querystring: statementQuerySchema,
          body: sendStatementSchema.optional(),
          response: { 202: statementSentSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(202)
          .send(
            await sendStatement(
              ctx,
              actorOf(request),
              request.params.customerId,
              request.query,
              request.body ?? {},
            ),
          ),
    );
  };
}

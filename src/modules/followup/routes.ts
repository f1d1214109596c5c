/** HTTP for follow-up: policies, customer settings, item state, pauses, the action log, preview and run. */
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { businessDateSchema } from '../../platform/dates.js';
import { transaction } from '../../platform/db/transaction.js';
import { validationError } from '../../platform/errors.js';
import { actorOf } from '../../platform/http/principal.js';
import type { App } from '../../platform/http/server.js';
import { itemsOf } from './items.js';
import { endPauseById, listPauses, startPause } from './pauses.js';
import { followupPermissions as perms } from './permissions.js';
import * as policies from './policies.js';
import { companyToday, runFollowup } from './run.js';
import {
  customerSettingsInputSchema,
  customerSettingsSchema,
  endPauseSchema,
  itemSchema,
  pauseSchema,
  policyInputSchema,
  policySchema,
  runInputSchema,
  runResultSchema,
  startPauseSchema,
} from './schemas.js';
import { followupStateOf, listFollowupActions } from './state.js';

const tags = ['followup'];
const idParams = z.object({ id: z.string().min(1).max(100) });
const customerParams = z.object({ customerId: z.string().min(1).max(100) });
const runOut = runResultSchema.extend({ actionsTruncated: z.boolean() });

const actionSchema = z.object({
  id: z.string(),
  invoiceId: z.string(),
  customerId: z.string(),
  policyId: z.string(),
  stepId: z.string(),
  stepPosition: z.number(),
  tone: z.string(),
  kind: z.string(),
  runOn: z.string(),
  messageId: z.string().nullable(),
  feeInvoiceId: z.string().nullable(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  taskId: z.string().nullable(),
  holdId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

const scopeQuery = z
  .object({ invoiceId: z.string().min(1).optional(), customerId: z.string().min(1).optional() })
  .refine((v) => v.invoiceId || v.customerId, {
    message: 'give invoiceId or customerId',
    path: ['invoiceId'],
  });

export function followupRoutes(ctx: AppContext) {
  return async (app: App) => {
    app.get(
      '/api/followup/policies',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'Follow-up policies with their steps',
          response: { 200: z.array(policySchema) },
        },
      },
      async () => policies.listPolicies(ctx.db),
    );

    app.post(
      '/api/followup/policies',
      {
        config: { access: perms.policies },
        schema: {
          tags,
          summary:
            'Create a policy (steps in the order they fire, no two on the same day; errors name the step; nothing saved on error)',
          body: policyInputSchema,
          response: { 201: policySchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await policies.createPolicy(ctx, actorOf(request), request.body)),
    );

    app.get(
      '/api/followup/policies/:id',
      {
        config: { access: perms.read },
        schema: { tags, summary: 'One policy', params: idParams, response: { 200: policySchema } },
      },
      async (request) => policies.getPolicy(ctx.db, request.params.id),
    );

    app.put(
      '/api/followup/policies/:id',
      {
        config: { access: perms.policies },
        schema: {
          tags,
          summary:
            'Replace a policy (its steps too); open invoices following it are rescheduled, keeping their progress',
          params: idParams,
          body: policyInputSchema,
          response: { 200: policySchema },
        },
      },
      async (request) => policies.updatePolicy(ctx, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/api/followup/policies/:id',
      {
        config: { access: perms.policies },
        schema: { tags, summary: 'Delete a policy no customer uses (not the default)', params: idParams },
      },
      async (request, reply) => {
        await policies.deletePolicy(ctx, actorOf(request), request.params.id);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/followup/preview',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'What the next run would do (a dry run: nothing is written), optionally for one customer',
          querystring: z.object({
            asOf: businessDateSchema.optional(),
            customerId: z.string().min(1).optional(),
          }),
          response: { 200: runOut },
        },
      },
      async (request) =>
        runFollowup(ctx, { asOf: request.query.asOf, customerId: request.query.customerId, dryRun: true }),
    );

    app.post(
      '/api/followup/run',
      {
        config: { access: perms.run },
        schema: {
          tags,
          summary: 'Run the follow-up now (idempotent: what already ran today is not repeated)',
          body: runInputSchema,
          response: { 200: runOut },
        },
      },
      async (request) =>
        runFollowup(
          ctx,
          { asOf: request.body.asOf, dryRun: request.body.dryRun, customerId: request.body.customerId },
          actorOf(request),
        ),
    );

    app.get(
      '/api/followup/customers/:customerId/settings',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: "A customer's policy (null: the default) and exclusion",
          params: customerParams,
          response: { 200: customerSettingsSchema },
        },
      },
      async (request) => policies.getCustomerSettings(ctx.db, request.params.customerId),
    );

    app.put(
      '/api/followup/customers/:customerId/settings',
      {
        config: { access: perms.settings },
        schema: {
          tags,
          summary:
            "Set a customer's policy or exclude the customer (with a reason); their open invoices are rescheduled",
          params: customerParams,
          body: customerSettingsInputSchema,
          response: { 200: customerSettingsSchema },
        },
      },
      async (request) =>
        policies.setCustomerSettings(ctx, actorOf(request), request.params.customerId, request.body),
    );

    app.get(
      '/api/followup/items',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'Follow-up state of an invoice or of a customer’s invoices (step, next date, paused)',
          querystring: scopeQuery,
          response: { 200: z.array(itemSchema) },
        },
      },
      async (request) => {
        const rows = await itemsOf(ctx.db, request.query);
        const today = companyToday(ctx);
        const state = await followupStateOf(
          ctx.db,
          rows.map((r) => r.invoice_id),
          today,
        );
        return rows.map((r) => ({
          invoiceId: r.invoice_id,
          customerId: r.customer_id,
          currency: r.currency,
          dueDate: r.due_date,
          kind: r.kind,
          policyId: r.policy_id,
          currentStep: Number(r.current_step),
          nextDate: r.next_date,
          lastRunOn: r.last_run_on,
          closedAt: r.closed_at,
          closedReason: r.closed_reason,
          paused: state.get(r.invoice_id)?.paused ?? false,
        }));
      },
    );

    app.get(
      '/api/followup/actions',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary:
            'What the run did for an invoice or a customer (reminders with their message, fees, tasks, holds)',
          querystring: scopeQuery,
          response: { 200: z.array(actionSchema) },
        },
      },
      async (request) => listFollowupActions(ctx.db, request.query),
    );

    app.get(
      '/api/followup/pauses',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary:
            'Pauses of an invoice or a customer, newest first (active=true: only those holding reminders today)',
          querystring: z.object({
            invoiceId: z.string().min(1).optional(),
            customerId: z.string().min(1).optional(),
            active: z
              .enum(['true', 'false'])
              .optional()
              .transform((v) => v === 'true'),
          }),
          response: { 200: z.array(pauseSchema) },
        },
      },
      async (request) => {
        const { invoiceId, customerId, active } = request.query;
        if (!invoiceId && !customerId)
          throw validationError('Give invoiceId or customerId.', [
            { path: 'querystring.invoiceId', message: 'give invoiceId or customerId' },
          ]);
        return listPauses(ctx.db, {
          ...(invoiceId ? { invoiceId } : {}),
          ...(customerId ? { customerId } : {}),
          ...(active ? { activeOn: companyToday(ctx) } : {}),
        });
      },
    );

    app.post(
      '/api/followup/pauses',
      {
        config: { access: perms.pauses },
        schema: {
          tags,
          summary: 'Pause an invoice’s reminders while a payment is being processed',
          body: startPauseSchema,
          response: { 201: pauseSchema },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const pause = await transaction(ctx, actorOf(request), async (tx) => {
          const id = await startPause(tx, {
            invoiceId: body.invoiceId,
            kind: body.kind,
            sourceId: body.sourceId,
            reason: body.reason,
            until: body.until ?? null,
            amount: body.amount ?? null,
            startsOn: companyToday(ctx),
          });
          const rows = await listPauses(tx.db, { invoiceId: body.invoiceId });
          return rows.find((p) => p.id === id)!;
        });
        return reply.code(201).send(pause);
      },
    );

    app.post(
      '/api/followup/pauses/:id/end',
      {
        config: { access: perms.pauses },
        schema: {
          tags,
          summary: 'End a pause; reminders resume on the next run (only the latest due step fires)',
          params: idParams,
          body: endPauseSchema,
          response: { 200: pauseSchema },
        },
      },
      async (request) =>
        transaction(ctx, actorOf(request), (tx) => endPauseById(tx, request.params.id, request.body.reason)),
    );
  };
}

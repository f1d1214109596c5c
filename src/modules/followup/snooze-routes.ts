/** HTTP for manual snoozes of an invoice's reminders. */
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { businessDateSchema } from '../../platform/dates.js';
import { pageOf, pageQuerySchema } from '../../platform/http/pagination.js';
import { actorOf } from '../../platform/http/principal.js';
import type { App } from '../../platform/http/server.js';
import { touchPermissions as perms } from './promises-permissions.js';
import * as snoozes from './snooze.js';

const idParams = z.object({ id: z.string().trim().min(1).max(100) });
const tags = ['follow-up'];

export const snoozeSchema = z.object({
  id: z.string(),
  invoiceId: z.string(),
  number: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  reason: z.string(),
  until: z.string(),
  active: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  endedAt: z.string().nullable(),
  endedBy: z.string().nullable(),
  endReason: z.string().nullable(),
});

const listQuery = pageQuerySchema.extend({
  invoiceId: z.string().max(100).optional(),
  customerId: z.string().max(100).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export function snoozeRoutes(ctx: AppContext) {
  return async (app: App) => {
    app.get(
      '/api/snoozes',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'List snoozes, newest first (filters: invoice, customer, active)',
          querystring: listQuery,
          response: { 200: pageOf(snoozeSchema) },
        },
      },
      async (request) => snoozes.listSnoozes(ctx, request.query),
    );

    app.post(
      '/api/invoices/:id/snooze',
      {
        config: { access: perms.snooze },
        schema: {
          tags,
          summary: 'Snooze an invoice’s reminders until a date (they resume that day), with a reason',
          params: idParams,
          body: z.strictObject({
            reason: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
            until: businessDateSchema.describe('Reminders resume on this date (after today)'),
          }),
          response: { 201: snoozeSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await snoozes.snoozeInvoice(ctx, actorOf(request), request.params.id, request.body)),
    );

    app.post(
      '/api/snoozes/:id/end',
      {
        config: { access: perms.snooze },
        schema: {
          tags,
          summary: 'End a snooze early: reminders resume with the next run',
          params: idParams,
          body: z.strictObject({ reason: z.string().trim().max(500).nullish() }),
          response: { 200: snoozeSchema },
        },
      },
      async (request) =>
        snoozes.endSnooze(ctx, actorOf(request), request.params.id, request.body.reason ?? null),
    );
  };
}

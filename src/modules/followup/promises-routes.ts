/** HTTP for promises to pay: zod in, service call, zod out. */
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { businessDateSchema } from '../../platform/dates.js';
import { pageOf, pageQuerySchema } from '../../platform/http/pagination.js';
import { actorOf } from '../../platform/http/principal.js';
import type { App } from '../../platform/http/server.js';
import * as promises from './promises.js';
import { touchPermissions as perms } from './promises-permissions.js';
import { PROMISE_CHANNELS, PROMISE_STATUSES } from './promises-rules.js';

const id = z.string().trim().min(1, 'is required').max(100);
const idParams = z.object({ id });
const tags = ['follow-up'];

export const recordPromiseSchema = z.strictObject({
  customerId: id,
  invoiceIds: z.array(id).min(1, 'needs at least one invoice').max(100, 'must list at most 100 invoices'),
  amount: z
    .number({ error: 'must be an amount in minor units' })
    .int('must be a whole number of minor units')
    .describe('Minor units of the invoices’ currency; positive'),
  promisedDate: businessDateSchema.describe(
    'The date the customer promised to pay by (company date, today or later)',
  ),
  contactName: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  channel: z.enum(PROMISE_CHANNELS, { error: `must be one of ${PROMISE_CHANNELS.join(', ')}` }),
  note: z.string().trim().max(2000, 'must be at most 2000 characters').nullish(),
});

export const promiseSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  customerCode: z.string().nullable(),
  customerName: z.string().nullable(),
  currency: z.string(),
  amount: z.number(),
  promisedDate: z.string(),
  contactName: z.string(),
  channel: z.enum(PROMISE_CHANNELS),
  note: z.string().nullable(),
  status: z.enum(PROMISE_STATUSES),
  paidAmount: z.number(),
  openAtPromise: z.number(),
  invoices: z.array(z.object({ invoiceId: z.string(), number: z.string(), openAtPromise: z.number() })),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  taskId: z.string().nullable(),
});

const listQuery = pageQuerySchema.extend({
  status: z.enum(PROMISE_STATUSES).optional(),
  customerId: z.string().max(100).optional(),
  invoiceId: z.string().max(100).optional(),
});

export function promisesRoutes(ctx: AppContext) {
  return async (app: App) => {
    app.get(
      '/api/promises',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'List promises to pay, newest first (filters: status, customer, invoice)',
          querystring: listQuery,
          response: { 200: pageOf(promiseSchema) },
        },
      },
      async (request) => promises.listPromises(ctx, request.query),
    );

    app.post(
      '/api/promises',
      {
        config: { access: perms.promise },
        schema: {
          tags,
          summary: 'Record a promise to pay; reminders of its invoices pause through the promised date',
          body: recordPromiseSchema,
          response: { 201: promiseSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await promises.recordPromise(ctx, actorOf(request), request.body)),
    );

    app.get(
      '/api/promises/:id',
      {
        config: { access: perms.read },
        schema: { tags, summary: 'One promise to pay', params: idParams, response: { 200: promiseSchema } },
      },
      async (request) => promises.getPromise(ctx, request.params.id),
    );

    app.post(
      '/api/promises/:id/cancel',
      {
        config: { access: perms.promise },
        schema: {
          tags,
          summary: 'Cancel an open promise (reminders resume)',
          params: idParams,
          body: z.strictObject({ reason: z.string().trim().min(1, 'is required').max(500) }),
          response: { 200: promiseSchema },
        },
      },
      async (request) =>
        promises.cancelPromise(ctx, actorOf(request), request.params.id, request.body.reason),
    );
  };
}

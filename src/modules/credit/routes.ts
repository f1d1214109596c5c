/** HTTP for credit holds and the overdue settings: zod in, service call, zod out. */
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { validationError } from '../../platform/errors.js';
import { encodeCursor, pageOf } from '../../platform/http/pagination.js';
import { actorOf } from '../../platform/http/principal.js';
import type { App } from '../../platform/http/server.js';
import { creditPermissions as perms } from './permissions.js';
import {
  currencyParams,
  customerHoldsSchema,
  evaluationSchema,
  heldCustomerSchema,
  holdSchema,
  listHoldsQuerySchema,
  placeHoldSchema,
  releaseSchema,
  settingInputSchema,
  settingSchema,
} from './schemas.js';
import * as credit from './service.js';

const idParams = z.object({ id: z.string().min(1).max(100) });
const tags = ['credit'];

function decodeAfter(cursor: string | undefined): { placedAt: string; id: string } | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof key === 'string') {
      const [placedAt, id] = key.split('|');
      if (placedAt && id) return { placedAt, id };
    }
  } catch {
    // falls through
  }
  throw validationError('The cursor is invalid; pass back the nextCursor of a previous page unchanged.', [
    { path: 'querystring.cursor', message: 'is not a cursor this endpoint returned' },
  ]);
}

export function creditRoutes(ctx: AppContext) {
  return async (app: App) => {
    app.get(
      '/api/customers/:id/holds',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: "A customer's credit holds: the active ones and the whole history",
          params: idParams,
          response: { 200: customerHoldsSchema },
        },
      },
      async (request) => credit.customerHolds(ctx, request.params.id),
    );

    app.post(
      '/api/customers/:id/holds',
      {
        config: { access: perms.manage },
        schema: {
          tags,
          summary: 'Put the customer on a manual credit hold, with a reason',
          params: idParams,
          body: placeHoldSchema,
          response: { 201: holdSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await credit.placeManualHold(ctx, actorOf(request), request.params.id, request.body.reason)),
    );

    app.post(
      '/api/customers/:id/holds/evaluate',
      {
        config: { access: perms.manage },
        schema: {
          tags,
          summary: "Re-evaluate the customer's credit-limit and overdue-balance holds now",
          params: idParams,
          response: { 200: evaluationSchema },
        },
      },
      async (request) => credit.evaluateNow(ctx, actorOf(request), request.params.id),
    );

    app.post(
      '/api/holds/:id/release',
      {
        config: { access: perms.manage },
        schema: {
          tags,
          summary:
            'Release a hold, with a reason (an automatic hold whose cause remains is placed again by the next evaluation)',
          params: idParams,
          body: releaseSchema,
          response: { 200: holdSchema },
        },
      },
      async (request) =>
        credit.releaseHoldById(ctx, actorOf(request), request.params.id, request.body.reason),
    );

    app.get(
      '/api/holds',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'Active holds with their customers, oldest first (filter: cause)',
          querystring: listHoldsQuerySchema,
          response: { 200: pageOf(heldCustomerSchema) },
        },
      },
      async (request) => {
        const { limit, cursor, cause } = request.query;
        const rows = await credit.listHeldCustomers(ctx, { cause, after: decodeAfter(cursor), limit });
        const items = rows.slice(0, limit);
        const last = items[items.length - 1];
        return {
          items,
          nextCursor: rows.length > limit && last ? encodeCursor(`${last.placedAt}|${last.id}`) : null,
        };
      },
    );

    app.get(
      '/api/credit/settings',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'The overdue-balance thresholds per currency',
          response: { 200: z.object({ items: z.array(settingSchema) }) },
        },
      },
      async () => ({ items: await credit.listSettings(ctx) }),
    );

    app.put(
      '/api/credit/settings/:currency',
      {
        config: { access: perms.settings },
        schema: {
          tags,
          summary: 'Set the overdue-balance threshold of a currency (customers above it go on hold)',
          params: currencyParams,
          body: settingInputSchema,
          response: { 200: settingSchema },
        },
      },
      async (request) => credit.saveSetting(ctx, actorOf(request), request.params.currency, request.body),
    );

    app.delete(
      '/api/credit/settings/:currency',
      {
        config: { access: perms.settings },
        schema: {
          tags,
          summary: "Remove a currency's overdue threshold (the overdue rule is off for it)",
          params: currencyParams,
        },
      },
      async (request, reply) => {
        await credit.deleteSetting(ctx, actorOf(request), request.params.currency);
        return reply.code(204).send();
      },
    );
  };
}

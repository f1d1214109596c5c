/** HTTP for sales orders: zod in, service call, zod out. */
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { decodeCursor, pageOf, pageQuerySchema, toPage } from '../../platform/http/pagination.js';
import { actorOf } from '../../platform/http/principal.js';
import type { App } from '../../platform/http/server.js';
import { ordersPermissions as perms } from './permissions.js';
import {
  createOrderSchema,
  invoiceFromOrderSchema,
  listQuerySchema,
  orderSchema,
  updateOrderSchema,
} from './schemas.js';
import * as orders from './service.js';

const idParams = z.object({ id: z.string().min(1).max(100) });
const tags = ['orders'];

export function ordersRoutes(ctx: AppContext) {
  return async (app: App) => {
    app.get(
      '/api/orders',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary:
            'List orders, newest first (filters: status, customer, order date range, backordered only)',
          querystring: pageQuerySchema.extend(listQuerySchema.shape),
          response: { 200: pageOf(orderSchema) },
        },
      },
      async (request) => {
        const { limit, cursor, status, customerId, from, to, backordered } = request.query;
        const rows = await orders.listOrders(ctx, {
          status,
          customerId,
          from,
          to,
          backorderedOnly: backordered,
          before: decodeCursor<string>(cursor, 'string'),
          limit,
        });
        return toPage(
          rows,
          limit,
          (o) => o.id,
          (o) => o,
        );
      },
    );

    app.post(
      '/api/orders',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Create a draft order (prices from the products; address defaults to the customer’s)',
          body: createOrderSchema,
          response: { 201: orderSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await orders.createOrder(ctx, actorOf(request), request.body)),
    );

    app.get(
      '/api/orders/:id',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'One order with its lines and their ordered, reserved, shipped and backordered units',
          params: idParams,
          response: { 200: orderSchema },
        },
      },
      async (request) => orders.getOrder(ctx, request.params.id),
    );

    app.patch(
      '/api/orders/:id',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Change a draft order (only the fields given; lines replace all lines)',
          params: idParams,
          body: updateOrderSchema,
          response: { 200: orderSchema },
        },
      },
      async (request) => orders.updateOrder(ctx, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/orders/:id/confirm',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Confirm a draft: number it, reserve stock per line, backorder what is short',
          params: idParams,
          response: { 200: orderSchema },
        },
      },
      async (request) => orders.confirmOrder(ctx, actorOf(request), request.params.id),
    );

    app.post(
      '/api/orders/:id/cancel',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Cancel a draft or confirmed order, releasing its reservations',
          params: idParams,
          response: { 200: orderSchema },
        },
      },
      async (request) => orders.cancelOrder(ctx, actorOf(request), request.params.id),
    );

    app.post(
      '/api/orders/:id/invoice',
      {
        config: { access: perms.invoice },
        schema: {
          tags,
          summary: 'Create an invoice draft from a confirmed order (its lines and prices) and link it',
          params: idParams,
          body: invoiceFromOrderSchema,
          response: { 201: z.object({ invoiceId: z.string(), order: orderSchema }) },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await orders.invoiceOrder(ctx, actorOf(request), request.params.id, request.body)),
    );
  };
}

/** HTTP for shipments: zod in, service call, zod out. Carriers and tracking have their own routes. */
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { decodeCursor, pageOf, pageQuerySchema, toPage } from '../../platform/http/pagination.js';
import { actorOf } from '../../platform/http/principal.js';
import type { App } from '../../platform/http/server.js';
import { shipmentDocumentContent } from './documents-service.js';
import { shipmentsPermissions as perms } from './permissions.js';
import {
  cancelShipmentSchema,
  createShipmentSchema,
  invoiceFromShipmentSchema,
  listShipmentsQuerySchema,
  packShipmentSchema,
  replacementShipmentSchema,
  shipmentDocumentSchema,
  shipmentSchema,
  shipShipmentSchema,
} from './schemas.js';
import { listShipments, loadShipment } from './shipments-read.js';
import * as shipments from './shipments-service.js';

const idParams = z.object({ id: z.string().min(1).max(100) });
const tags = ['shipments'];

export function shipmentsRoutes(ctx: AppContext) {
  const prefix = ctx.config.GS1_COMPANY_PREFIX.length;
  return async (app: App) => {
    app.get(
      '/api/shipments',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'List shipments, newest first (filters: status, carrier, order, customer)',
          querystring: pageQuerySchema.extend(listShipmentsQuerySchema.shape),
          response: { 200: pageOf(shipmentSchema) },
        },
      },
      async (request) => {
        const { limit, cursor, status, carrierId, orderId, customerId } = request.query;
        const rows = await listShipments(ctx, {
          status,
          carrierId,
          orderId,
          customerId,
          before: decodeCursor<string>(cursor, 'string'),
          limit,
        });
        return toPage(
          rows,
          limit,
          (s) => s.id,
          (s) => s,
        );
      },
    );

    app.post(
      '/api/shipments',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Create a draft shipment from an order (the lines given, or every open line)',
          body: createShipmentSchema,
          response: { 201: shipmentSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await shipments.createShipment(ctx, actorOf(request), request.body)),
    );

    app.post(
      '/api/shipments/replacements',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary:
            'Create a replacement shipment (a reship, e.g. for a dispute): not counted against the order',
          body: replacementShipmentSchema,
          response: { 201: shipmentSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await shipments.createReplacementShipment(ctx, actorOf(request), request.body)),
    );

    app.get(
      '/api/shipments/:id',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'One shipment with its lines, packages, tracking numbers (and links) and documents',
          params: idParams,
          response: { 200: shipmentSchema },
        },
      },
      async (request) => loadShipment(ctx.db, request.params.id, prefix),
    );

    app.post(
      '/api/shipments/:id/pick',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Mark a draft shipment picked',
          params: idParams,
          response: { 200: shipmentSchema },
        },
      },
      async (request) => shipments.pickShipment(ctx, actorOf(request), request.params.id),
    );

    app.post(
      '/api/shipments/:id/pack',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Pack a picked shipment: packages with weight, dimensions and contents; each gets an SSCC',
          params: idParams,
          body: packShipmentSchema,
          response: { 200: shipmentSchema },
        },
      },
      async (request) => shipments.packShipment(ctx, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/shipments/:id/ship',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary:
            'Ship a packed shipment: carrier, service, tracking numbers; stock dispatched and the order updated in one transaction',
          params: idParams,
          body: shipShipmentSchema,
          response: { 200: shipmentSchema },
        },
      },
      async (request) => shipments.shipShipment(ctx, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/shipments/:id/cancel',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Cancel a shipment that has not shipped (it took nothing, so nothing is freed)',
          params: idParams,
          body: cancelShipmentSchema.nullish(),
          response: { 200: shipmentSchema },
        },
      },
      async (request) =>
        shipments.cancelShipment(ctx, actorOf(request), request.params.id, request.body ?? { reason: null }),
    );

    app.post(
      '/api/shipments/:id/invoice',
      {
        config: { access: perms.invoice },
        schema: {
          tags,
          summary: 'Create an invoice draft with the shipped quantities at the order’s prices',
          params: idParams,
          body: invoiceFromShipmentSchema,
          response: { 201: z.object({ invoiceId: z.string(), shipment: shipmentSchema }) },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await shipments.invoiceShipment(ctx, actorOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/shipments/:id/documents',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'The archived documents of a shipment (pick list, packing list, labels, bill of lading)',
          params: idParams,
          response: { 200: z.object({ items: z.array(shipmentDocumentSchema) }) },
        },
      },
      async (request) => ({ items: (await loadShipment(ctx.db, request.params.id, prefix)).documents }),
    );

    app.get(
      '/api/shipments/:id/documents/:documentId',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary:
            'Download one archived document exactly as issued (inline for printing; ?download=1 to save)',
          params: z.object({ id: z.string().min(1).max(100), documentId: z.string().min(1).max(100) }),
          querystring: z.object({ download: z.enum(['0', '1']).optional() }),
        },
      },
      async (request, reply) => {
        const found = await shipmentDocumentContent(ctx.db, request.params.id, request.params.documentId);
        if (!found) throw notFound('shipment document', request.params.documentId);
        const disposition = request.query.download === '1' ? 'attachment' : 'inline';
        reply
          .type(found.document.contentType)
          .header('content-disposition', `${disposition}; filename="${found.document.filename}"`)
          .header('cache-control', 'no-store')
          .header('x-content-sha256', found.document.sha256);
        return reply.send(found.content);
      },
    );
  };
}

/** HTTP for carrier tracking: the carriers' webhook, a shipment's tracking, manual entry, CSV import, unmatched review. */
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { actorOf } from '../../../platform/http/principal.js';
import type { App } from '../../../platform/http/server.js';
import { applyTrackingImport, previewTrackingImport, TRACKING_CSV_NOTE } from './csv.js';
import { trackingPermissions as perms } from './permissions.js';
import {
  dismissUnmatchedSchema,
  ingestResultSchema,
  manualEventSchema,
  resolveUnmatchedSchema,
  shipmentTrackingSchema,
  unmatchedDetailSchema,
  unmatchedSchema,
} from './schemas.js';
import * as tracking from './service.js';
import { receiveTrackingWebhook } from './webhook.js';

const tags = ['tracking'];
const idParams = z.object({ id: z.string().min(1).max(100) });

const csvBody = z.union([
  z.string().describe('The CSV file (Content-Type: text/csv)'),
  z.strictObject({ csv: z.string() }),
]);
const csvText = (body: z.infer<typeof csvBody>) => (typeof body === 'string' ? body : body.csv);

const lineErrorSchema = z.object({
  line: z.number().int(),
  field: z.string().nullable(),
  message: z.string(),
});
const importSchema = z.object({
  mode: z.enum(['preview', 'apply']),
  valid: z.boolean(),
  counts: z.object({
    lines: z.number().int(),
    apply: z.number().int(),
    duplicate: z.number().int(),
    unmatched: z.number().int(),
    invalid: z.number().int(),
  }),
  lines: z.array(
    z.object({
      line: z.number().int(),
      carrier: z.string().nullable(),
      trackingNumber: z.string().nullable(),
      eventId: z.string().nullable(),
      occurredAt: z.string().nullable(),
      status: z.string().nullable(),
      substatus: z.string().nullable(),
      flagged: z.boolean(),
      shipmentId: z.string().nullable(),
      action: z.enum(['apply', 'duplicate', 'unmatched', 'invalid']),
      errors: z.array(z.object({ field: z.string().nullable(), message: z.string() })),
    }),
  ),
  errors: z.array(lineErrorSchema),
});

export function trackingRoutes(ctx: AppContext) {
  return async (app: App) => {
    app.get(
      '/api/shipments/:id/tracking',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary:
            'A shipment’s tracking: current state, the event timeline and the customer updates recorded',
          params: idParams,
          response: { 200: shipmentTrackingSchema },
        },
      },
      async (request) => tracking.shipmentTracking(ctx, request.params.id),
    );

    app.post(
      '/api/shipments/:id/tracking/events',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary:
            'Enter one tracking event by hand (applied like a carrier’s: deduplicated, never moves back)',
          params: idParams,
          body: manualEventSchema,
          response: { 201: ingestResultSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await tracking.addManualEvent(ctx, actorOf(request), request.params.id, request.body)),
    );

    app.get(
      '/api/tracking/unmatched',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'Tracking numbers that matched no shipment, one row per carrier and number, latest first',
          querystring: z.object({
            state: z.enum(['open', 'resolved', 'dismissed']).default('open'),
            carrierId: z.string().max(100).optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(200),
          }),
          response: { 200: z.object({ items: z.array(unmatchedSchema) }) },
        },
      },
      async (request) => ({ items: await tracking.listUnmatched(ctx.db, request.query) }),
    );

    app.get(
      '/api/tracking/unmatched/:id',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'One unmatched tracking number with its events',
          params: idParams,
          response: { 200: unmatchedDetailSchema },
        },
      },
      async (request) => tracking.getUnmatched(ctx, request.params.id),
    );

    app.post(
      '/api/tracking/unmatched/:id/resolve',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Link the unmatched tracking number to a shipment and apply its events there',
          params: idParams,
          body: resolveUnmatchedSchema,
          response: { 200: ingestResultSchema },
        },
      },
      async (request) => tracking.resolveUnmatched(ctx, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/tracking/unmatched/:id/dismiss',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Close an unmatched tracking number without applying its events',
          params: idParams,
          body: dismissUnmatchedSchema,
          response: { 200: z.object({ dismissed: z.number().int() }) },
        },
      },
      async (request) => tracking.dismissUnmatched(ctx, actorOf(request), request.params.id, request.body),
    );

    // The CSV import takes the file itself as a text/csv body; the parser is scoped to this plugin.
    await app.register(async (scoped: App) => {
      scoped.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, done) =>
        done(null, body),
      );
      scoped.post(
        '/api/tracking/import',
        {
          config: { access: perms.write },
          schema: {
            tags,
            summary:
              'Import tracking events from CSV (body text/csv, or JSON {"csv": "…"}); mode=preview changes nothing, mode=apply imports all lines or none',
            description: TRACKING_CSV_NOTE,
            consumes: ['text/csv', 'application/json'],
            querystring: z.object({ mode: z.enum(['preview', 'apply']).default('preview') }),
            body: csvBody,
            response: { 200: importSchema },
          },
        },
        async (request) =>
          request.query.mode === 'apply'
            ? applyTrackingImport(ctx, actorOf(request), csvText(request.body))
            : previewTrackingImport(ctx, csvText(request.body)),
      );
    });

    // The webhook verifies an HMAC over the exact bytes received: in this scope every body is kept raw.
    await app.register(async (scoped: App) => {
      scoped.removeAllContentTypeParsers();
      scoped.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      scoped.post(
        '/api/webhooks/tracking/:carrierCode',
        {
          config: { access: 'public' },
          schema: {
            tags,
            summary:
              'A carrier’s tracking updates (Duely generic JSON, AfterShip or EasyPost, as set on the carrier), signed with its webhook secret',
            description:
              'Authenticated by the signature header of the carrier’s format (x-duely-signature, aftership-hmac-sha256 or x-hmac-signature) over the raw body; a bad signature is a 401 and nothing is stored.',
            security: [],
            params: z.object({ carrierCode: z.string().min(1).max(40) }),
            response: { 200: ingestResultSchema },
          },
        },
        async (request) => {
          const body = request.body;
          const result = await receiveTrackingWebhook(ctx, {
            carrierCode: request.params.carrierCode,
            rawBody: Buffer.isBuffer(body) ? body : Buffer.alloc(0),
            headers: request.headers,
            ip: request.ip,
            requestId: request.id,
          });
          return {
            received: result.received,
            applied: result.applied,
            duplicates: result.duplicates,
            unmatched: result.unmatched,
            flagged: result.flagged,
          };
        },
      );
    });
  };
}

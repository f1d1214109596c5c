/** HTTP for dispatch delays: read the computed states, evaluate on demand, and the rules' settings. */
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import { validationError } from '../../../platform/errors.js';
import { definePermission } from '../../../platform/http/access.js';
import { decodeCursor, pageOf, toPage } from '../../../platform/http/pagination.js';
import { actorOf } from '../../../platform/http/principal.js';
import type { App } from '../../../platform/http/server.js';
import {
  delayDetailSchema,
  delayListQuerySchema,
  delaySettingsSchema,
  delayViewSchema,
  entityTypeSchema,
  evaluateBodySchema,
} from './schemas.js';
import * as delays from './service.js';

export const delaysPermissions = {
  /** Delay states: every staff role (like orders and shipments). */
  read: definePermission('delays.read', ['admin', 'finance', 'sales', 'support', 'auditor', 'logistics']),
  /** Evaluating now: logistics and admin. */
  evaluate: definePermission('delays.evaluate', ['admin', 'logistics']),
  /** The rules' thresholds and the customer notices: admin. */
  settings: definePermission('delays.settings', ['admin']),
} as const;
const perms = delaysPermissions;
const tags = ['delays'];

export function delaysRoutes(ctx: AppContext) {
  return async (app: App) => {
    app.get(
      '/api/delays',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'Computed delay states of orders and shipments (default: at risk, late and stalled ones)',
          querystring: delayListQuerySchema,
          response: { 200: pageOf(delayViewSchema) },
        },
      },
      async (request) => {
        const { limit, cursor, entityType, state, customerId, orderId } = request.query;
        const rows = await delays.listDelayStates(ctx, {
          entityType,
          states: state ?? ['at_risk', 'late', 'stalled'],
          customerId,
          orderId,
          after: decodeCursor<string>(cursor, 'string'),
          limit,
        });
        return toPage(
          rows,
          limit,
          (r) => r.entityId,
          (r) => r,
        );
      },
    );

    app.get(
      '/api/delays/:entityType/:id',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'The delay state of one order or shipment, with the customer notices sent',
          params: z.object({ entityType: entityTypeSchema, id: z.string().min(1).max(100) }),
          response: { 200: delayDetailSchema },
        },
      },
      async (request) => delays.delayDetail(ctx, request.params.entityType, request.params.id),
    );

    app.post(
      '/api/delays/evaluate',
      {
        config: { access: perms.evaluate },
        schema: {
          tags,
          summary: 'Evaluate one order or shipment now, or (empty body) everything the daily run covers',
          body: evaluateBodySchema,
          response: {
            200: z.object({
              evaluated: z.number().int(),
              changed: z.number().int(),
              state: delayViewSchema.nullable().optional(),
            }),
          },
        },
      },
      async (request) => {
        const { entityType, id } = request.body;
        if ((entityType === undefined) !== (id === undefined))
          throw validationError('Give both entityType and id, or neither.', [
            { path: entityType === undefined ? 'entityType' : 'id', message: 'is required with the other' },
          ]);
        if (entityType && id) {
          const before = (await delays.delayStatesOf(ctx.db, entityType, [id])).get(id)?.state ?? 'on_time';
          const state = await delays.evaluateDelay(ctx, entityType, id, actorOf(request));
          if (!state)
            throw validationError(`No ${entityType} with id "${id}".`, [
              { path: 'id', message: `is not a ${entityType}` },
            ]);
          return { evaluated: 1, changed: state.state === before ? 0 : 1, state };
        }
        return delays.evaluateAllDelays(ctx, actorOf(request));
      },
    );

    app.get(
      '/api/delays/settings',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'Thresholds of the delay rules and the customer notice setting',
          response: { 200: delaySettingsSchema },
        },
      },
      async () => delays.getDelaySettings(ctx),
    );

    app.put(
      '/api/delays/settings',
      {
        config: { access: perms.settings },
        schema: {
          tags,
          summary: 'Change the delay thresholds and which new states email the customer',
          body: delaySettingsSchema,
          response: { 200: delaySettingsSchema },
        },
      },
      async (request) => delays.saveDelaySettings(ctx, actorOf(request), request.body),
    );
  };
}

/** HTTP for the carrier registry. The webhook secret appears only in the response that set it. */
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { actorOf } from '../../platform/http/principal.js';
import type { App } from '../../platform/http/server.js';
import {
  carrierSchema,
  createCarrier,
  createCarrierSchema,
  getCarrier,
  listCarriers,
  carriersPermissions as perms,
  setSecretSchema,
  setWebhookSecret,
  updateCarrier,
  updateCarrierSchema,
} from './carriers.js';

const tags = ['carriers'];
const idParams = z.object({ id: z.string().min(1).max(100) });
const withSecretSchema = z.object({
  carrier: carrierSchema,
  webhookSecret: z.string().describe('Shown this once: configure it at the sender; Duely keeps it sealed'),
});

export function carriersRoutes(ctx: AppContext) {
  return async (app: App) => {
    app.get(
      '/api/carriers',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'The carrier registry, by code',
          querystring: z.object({ active: z.enum(['true', 'false', 'all']).default('all') }),
          response: { 200: z.object({ items: z.array(carrierSchema) }) },
        },
      },
      async (request) => ({
        items: await listCarriers(ctx, {
          active: request.query.active === 'all' ? undefined : request.query.active === 'true',
        }),
      }),
    );

    app.post(
      '/api/carriers',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Add a carrier; its webhook secret (given or generated) is returned this once',
          body: createCarrierSchema,
          response: { 201: withSecretSchema },
        },
      },
      async (request, reply) => {
        const { carrier, webhookSecret } = await createCarrier(ctx, actorOf(request), request.body);
        return reply.code(201).send({ carrier, webhookSecret: webhookSecret! });
      },
    );

    app.get(
      '/api/carriers/:id',
      {
        config: { access: perms.read },
        schema: { tags, summary: 'One carrier', params: idParams, response: { 200: carrierSchema } },
      },
      async (request) => getCarrier(ctx, request.params.id),
    );

    app.patch(
      '/api/carriers/:id',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Change a carrier (name, SCAC, tracking URL template, webhook format, active)',
          params: idParams,
          body: updateCarrierSchema,
          response: { 200: carrierSchema },
        },
      },
      async (request) => updateCarrier(ctx, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/carriers/:id/webhook-secret',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Set or rotate the webhook secret (omit "secret" to generate one); returned this once',
          params: idParams,
          body: setSecretSchema,
          response: { 200: withSecretSchema },
        },
      },
      async (request) => {
        const { carrier, webhookSecret } = await setWebhookSecret(
          ctx,
          actorOf(request),
          request.params.id,
          request.body,
        );
        return { carrier, webhookSecret: webhookSecret! };
      },
    );
  };
}

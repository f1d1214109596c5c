/** Operators' view of the background machinery: jobs (retry the dead ones) and the mail delivery log. */
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { transaction } from '../db/transaction.js';
import { conflict, notFound } from '../errors.js';
import { definePermission } from '../http/access.js';
import { decodeCursor, encodeCursor, pageOf, pageQuerySchema } from '../http/pagination.js';
import { actorOf } from '../http/principal.js';
import type { App } from '../http/server.js';
import { getJob, listJobs, retryDeadJob } from '../jobs/queue.js';
import { getMail, listMail, retryFailedMail } from '../mail/admin.js';

export const operatePlatform = definePermission('platform.operate', ['admin']);

const jobSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.enum(['queued', 'running', 'done', 'dead']),
  attempts: z.number(),
  maxAttempts: z.number(),
  runAt: z.string(),
  dedupeKey: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

const mailStates = z.enum(['queued', 'sending', 'sent', 'failed', 'bounced', 'held']);
const mailSchema = z.object({
  id: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  state: mailStates,
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
const mailDetailSchema = mailSchema.extend({
  cc: z.array(z.string()),
  text: z.string(),
  html: z.string().nullable(),
  smtpMessageId: z.string().nullable(),
  related: z.object({ type: z.string(), id: z.string() }).nullable(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number() })),
  events: z.array(z.object({ at: z.string(), event: z.string(), detail: z.string().nullable() })),
});

const idParams = z.object({ id: z.string().min(1).max(100) });

export function adminRoutes(ctx: AppContext) {
  return (app: App) => {
    app.get(
      '/api/jobs',
      {
        config: { access: operatePlatform },
        schema: {
          tags: ['operations'],
          summary: 'Background jobs, newest first',
          querystring: pageQuerySchema.extend({
            state: jobSchema.shape.state.optional(),
            name: z.string().max(200).optional(),
          }),
          response: { 200: pageOf(jobSchema) },
        },
      },
      async (request) => {
        const { limit, cursor, state, name } = request.query;
        const page = await listJobs(ctx.db, {
          limit,
          cursor: cursor ?? null,
          ...(state ? { state } : {}),
          ...(name ? { name } : {}),
        });
        return { items: page.items.map((job) => jobSchema.parse(job)), nextCursor: page.nextCursor };
      },
    );

    app.post(
      '/api/jobs/:id/retry',
      {
        config: { access: operatePlatform },
        schema: {
          tags: ['operations'],
          summary: 'Run a dead job again',
          params: idParams,
          response: { 200: jobSchema },
        },
      },
      async (request) => {
        const { id } = request.params;
        const job = await transaction(ctx, actorOf(request), async (tx) => {
          const retried = await retryDeadJob(tx.db, tx.now, id);
          if (!retried) {
            if (!(await getJob(tx.db, id))) throw notFound('job', id);
            throw conflict(`Job ${id} is not dead; only dead jobs can be retried.`);
          }
          tx.audit({ action: 'job.retried', entityType: 'job', entityId: id, after: { name: retried.name } });
          return retried;
        });
        return jobSchema.parse(job);
      },
    );

    app.get(
      '/api/mail',
      {
        config: { access: operatePlatform },
        schema: {
          tags: ['operations'],
          summary: 'Mail outbox and delivery log, newest first',
          querystring: pageQuerySchema.extend({ state: mailStates.optional() }),
          response: { 200: pageOf(mailSchema) },
        },
      },
      async (request) => {
        const { limit, cursor, state } = request.query;
        const page = await listMail(ctx.db, {
          limit,
          cursor: decodeCursor<string>(cursor, 'string') ?? null,
          ...(state ? { state } : {}),
        });
        return { items: page.items, nextCursor: page.nextCursor && encodeCursor(page.nextCursor) };
      },
    );

    app.get(
      '/api/mail/:id',
      {
        config: { access: operatePlatform },
        schema: {
          tags: ['operations'],
          summary: 'One message with its delivery events',
          params: idParams,
          response: { 200: mailDetailSchema },
        },
      },
      async (request) => {
        const mail = await getMail(ctx.db, request.params.id);
        if (!mail) throw notFound('mail message', request.params.id);
        return mail;
      },
    );

    app.post(
      '/api/mail/:id/retry',
      {
        config: { access: operatePlatform },
        schema: {
          tags: ['operations'],
          summary: 'Send a failed message again',
          params: idParams,
          response: { 200: mailSchema },
        },
      },
      async (request) => {
        const { id } = request.params;
        const retried = await retryFailedMail(ctx, actorOf(request), id);
        const mail = await getMail(ctx.db, id);
        if (!mail) throw notFound('mail message', id);
        if (!retried)
          throw conflict(`Message ${id} is ${mail.state}; only failed messages can be sent again.`);
        return mail;
      },
    );
  };
}

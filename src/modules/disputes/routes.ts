/** HTTP for dispute cases: zod in, service call, zod out; attachments as raw bodies. */
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { validationError } from '../../platform/errors.js';
import { decodeCursor, pageOf, toPage } from '../../platform/http/pagination.js';
import { actorOf } from '../../platform/http/principal.js';
import type { App } from '../../platform/http/server.js';
import { disputesPermissions as perms } from './permissions.js';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, OPEN_STATUSES } from './rules.js';
import {
  attachmentSchema,
  commentSchema,
  disputeDetailSchema,
  disputeSchema,
  listQuerySchema,
  openDisputeSchema,
  resolveSchema,
  statusChangeSchema,
  updateDisputeSchema,
} from './schemas.js';
import * as disputes from './service.js';

const idParams = z.object({ id: z.string().min(1).max(100) });
const tags = ['disputes'];

export function disputesRoutes(ctx: AppContext) {
  return async (app: App) => {
    app.get(
      '/api/disputes',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary:
            'List dispute cases, newest first (filters: customer, invoice, status, open only, owner, reason)',
          querystring: listQuerySchema,
          response: { 200: pageOf(disputeSchema) },
        },
      },
      async (request) => {
        const { limit, cursor, status, open, ...filter } = request.query;
        const rows = await disputes.listDisputes(ctx.db, {
          ...filter,
          status: open ? OPEN_STATUSES : status,
          before: decodeCursor<string>(cursor, 'string'),
          limit,
        });
        return toPage(
          rows,
          limit,
          (d) => d.id,
          (d) => d,
        );
      },
    );

    app.post(
      '/api/disputes',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary:
            "Open a case on an invoice or an amount of it (at most what is open); pauses that invoice's follow-up",
          body: openDisputeSchema,
          response: { 201: disputeDetailSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await disputes.openDispute(ctx, actorOf(request), request.body)),
    );

    app.get(
      '/api/disputes/:id',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'One case with its timeline, attachments and the statuses it may move to',
          params: idParams,
          response: { 200: disputeDetailSchema },
        },
      },
      async (request) => disputes.getDispute(ctx.db, request.params.id),
    );

    app.patch(
      '/api/disputes/:id',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Change the owner or deadline of an open case',
          params: idParams,
          body: updateDisputeSchema,
          response: { 200: disputeDetailSchema },
        },
      },
      async (request) => disputes.updateDispute(ctx, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/disputes/:id/comments',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Add a comment to the timeline',
          params: idParams,
          body: commentSchema,
          response: { 201: disputeDetailSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await disputes.addComment(ctx, actorOf(request), request.params.id, request.body.body)),
    );

    app.post(
      '/api/disputes/:id/status',
      {
        config: { access: perms.write },
        schema: {
          tags,
          summary: 'Move an open case to investigating (resolve or reject through /resolve)',
          params: idParams,
          body: statusChangeSchema,
          response: { 200: disputeDetailSchema },
        },
      },
      async (request) => disputes.changeStatus(ctx, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/disputes/:id/resolve',
      {
        config: { access: perms.resolve },
        schema: {
          tags,
          summary:
            'Resolve by credit note, write-off (within tolerance) or reship (a replacement shipment), or reject (follow-up resumes)',
          params: idParams,
          body: resolveSchema,
          response: { 200: disputeDetailSchema },
        },
      },
      async (request) => disputes.resolveDispute(ctx, actorOf(request), request.params.id, request.body),
    );

    app.get(
      '/api/disputes/:id/attachments/:attachmentId',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'Download an attachment (the stored bytes; SHA-256 in x-content-sha256)',
          params: idParams.extend({ attachmentId: z.string().min(1).max(100) }),
        },
      },
      async (request, reply) => {
        const { attachment, content } = await disputes.getAttachment(
          ctx,
          request.params.id,
          request.params.attachmentId,
        );
        reply
          .type(attachment.contentType)
          .header('content-disposition', `attachment; filename="${attachment.filename}"`)
          .header('x-content-sha256', attachment.sha256)
          .header('cache-control', 'no-store');
        return reply.send(content);
      },
    );

    // Uploads take the file itself as the body (its Content-Type); the parser is scoped to this plugin.
    await app.register(async (scoped: App) => {
      // Any type arrives as bytes (text/plain and JSON included): the file is stored as sent.
      scoped.removeAllContentTypeParsers();
      scoped.addContentTypeParser(
        '*',
        { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES + 1 },
        (_request, body, done) => done(null, body),
      );
      scoped.post(
        '/api/disputes/:id/attachments',
        {
          config: { access: perms.write },
          bodyLimit: MAX_ATTACHMENT_BYTES + 1,
          schema: {
            tags,
            summary: `Attach a file: the body is the file, its Content-Type one of ${ATTACHMENT_TYPES.join(', ')}; at most 5 MiB`,
            params: idParams,
            querystring: z.object({ filename: z.string().trim().min(1, 'is required').max(255) }),
            consumes: [...ATTACHMENT_TYPES],
            response: { 201: attachmentSchema },
          },
        },
        async (request, reply) => {
          const body = request.body;
          if (!Buffer.isBuffer(body))
            throw validationError('Send the file itself as the request body, with its Content-Type.', [
              { path: 'body', message: 'must be the file content' },
            ]);
          const attachment = await disputes.addAttachment(ctx, actorOf(request), request.params.id, {
            filename: request.query.filename,
            contentType: request.headers['content-type'] ?? '',
            content: body,
          });
          return reply.code(201).send(attachment);
        },
      );
    });
  };
}

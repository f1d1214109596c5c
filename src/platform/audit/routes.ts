import { z } from 'zod';
import type { AppContext } from '../context.js';
import { addDays, businessDateSchema } from '../dates.js';
import { definePermission } from '../http/access.js';
import { decodeCursor, pageOf, pageQuerySchema, toPage } from '../http/pagination.js';
import type { App } from '../http/server.js';
import { queryAudit } from './query.js';

export const readAudit = definePermission('audit.read', ['admin', 'auditor']);

export const auditEntrySchema = z.object({
  seq: z.number(),
  id: z.string(),
  at: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

const auditQuery = pageQuerySchema.extend({
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(200).optional(),
  actorId: z.string().max(200).optional(),
  from: businessDateSchema.optional(),
  to: businessDateSchema.optional(),
});

export function auditRoutes(ctx: AppContext) {
  return (app: App) => {
    app.get(
      '/api/audit',
      {
        config: { access: readAudit },
        schema: {
          tags: ['audit'],
          summary: 'The audit trail, newest first (from/to are UTC dates, inclusive)',
          querystring: auditQuery,
          response: { 200: pageOf(auditEntrySchema) },
        },
      },
      async (request) => {
        const { limit, cursor, from, to, ...filter } = request.query;
        const rows = await queryAudit(ctx.db, {
          ...filter,
          fromAt: from ? `${from}T00:00:00.000Z` : undefined,
          beforeAt: to ? `${addDays(to, 1)}T00:00:00.000Z` : undefined,
          beforeSeq: decodeCursor<number>(cursor, 'number'),
          limit,
        });
        return toPage(
          rows,
          limit,
          (row) => row.seq,
          (row) => row,
        );
      },
    );
  };
}

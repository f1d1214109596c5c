/** HTTP for a customer's follow-up timeline (JSON pages and CSV). */
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http/server.js';
import { touchPermissions as perms } from './promises-permissions.js';
import { customerTimeline, customerTimelineCsv, TIMELINE_KINDS } from './timeline.js';

const idParams = z.object({ id: z.string().trim().min(1).max(100) });
const tags = ['follow-up'];

const kindsQuery = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.enum(TIMELINE_KINDS, { error: `must be among ${TIMELINE_KINDS.join(', ')}` })))
  .optional();

export const timelineEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  title: z.string(),
  detail: z.string().nullable(),
  invoiceId: z.string().nullable(),
  invoiceNumber: z.string().nullable(),
  record: z.object({ type: z.string(), id: z.string() }).nullable(),
  amount: z.object({ amount: z.number(), currency: z.string() }).nullable(),
  by: z.string().nullable(),
  message: z
    .object({
      id: z.string(),
      to: z.array(z.string()),
      subject: z.string(),
      text: z.string(),
      state: z.string(),
      sentAt: z.string().nullable(),
    })
    .nullable(),
});

export function timelineRoutes(ctx: AppContext) {
  return async (app: App) => {
    app.get(
      '/api/customers/:id/timeline',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary:
            'Every follow-up touch of a customer, newest first: reminders (with the message), fees, interest, tasks, calls, notes, promises, snoozes, disputes, holds, shipments and tracking',
          params: idParams,
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(500).default(50),
            cursor: z.string().max(500).optional(),
            kinds: kindsQuery,
          }),
          response: {
            200: z.object({ items: z.array(timelineEntrySchema), nextCursor: z.string().nullable() }),
          },
        },
      },
      async (request) => customerTimeline(ctx, request.params.id, request.query),
    );

    app.get(
      '/api/customers/:id/timeline.csv',
      {
        config: { access: perms.read },
        schema: {
          tags,
          summary: 'A customer’s whole follow-up timeline as CSV',
          params: idParams,
          querystring: z.object({ kinds: kindsQuery }),
        },
      },
      async (request, reply) => {
        const csv = await customerTimelineCsv(ctx, request.params.id, request.query.kinds);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="timeline-${request.params.id}.csv"`)
          .send(csv);
      },
    );
  };
}

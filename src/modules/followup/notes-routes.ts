/** HTTP for the contact log: calls and notes on a customer. */
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { actorOf } from '../../platform/http/principal.js';
import type { App } from '../../platform/http/server.js';
import * as notes from './notes.js';
import { CALL_OUTCOMES, NOTE_KINDS } from './notes.js';
import { touchPermissions as perms } from './promises-permissions.js';

const idParams = z.object({ id: z.string().trim().min(1).max(100) });
const tags = ['follow-up'];

export const noteSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  invoiceId: z.string().nullable(),
  invoiceNumber: z.string().nullable(),
  kind: z.enum(NOTE_KINDS),
  outcome: z.enum(CALL_OUTCOMES).nullable(),
  contactName: z.string().nullable(),
  text: z.string(),
  occurredAt: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});

export const logNoteSchema = z.strictObject({
  kind: z.enum(NOTE_KINDS, { error: `must be one of ${NOTE_KINDS.join(', ')}` }),
  invoiceId: z.string().trim().min(1).max(100).nullish(),
  outcome: z.enum(CALL_OUTCOMES, { error: `must be one of ${CALL_OUTCOMES.join(', ')}` }).nullish(),
  contactName: z.string().trim().max(200, 'must be at most 200 characters').nullish(),
  text: z.string().trim().min(1, 'is required').max(5000, 'must be at most 5000 characters'),
  occurredAt: z.iso.datetime({ offset: true, error: 'must be an ISO date-time' }).nullish(),
});

export function notesRoutes(ctx: AppContext) {
  return async (app: App) => {
    app.post(
      '/api/customers/:id/notes',
      {
        config: { access: perms.log },
        schema: {
          tags,
          summary: 'Log a call (with its outcome) or a note on a customer, optionally on one of its invoices',
          params: idParams,
          body: logNoteSchema,
          response: { 201: noteSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await notes.logNote(ctx, actorOf(request), request.params.id, request.body)),
    );
  };
}

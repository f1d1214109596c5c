/** HTTP for customers and their contacts, and the CSV import and export: zod in, service call, zod out. */
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { dateInZone } from '../../platform/dates.js';
import { validationError } from '../../platform/errors.js';
import { decodeCursor, pageOf, pageQuerySchema, toPage } from '../../platform/http/pagination.js';
import { actorOf } from '../../platform/http/principal.js';
import type { App } from '../../platform/http/server.js';
import { applyImport, CSV_FORMAT_NOTE, exportCustomers, previewImport } from './csv.js';
import * as customers from './customers-service.js';
import { customersPermissions as perms } from './permissions.js';
import {
  contactInputSchema,
  contactPatchSchema,
  contactSchema,
  createCustomerSchema,
  customerSchema,
  updateCustomerSchema,
} from './schemas.js';

const idParams = z.object({ id: z.string().min(1).max(100) });
const contactParams = z.object({ id: z.string().min(1).max(100), contactId: z.string().min(1).max(100) });
const noContent = { 204: z.null().describe('No content') };

const filterQuery = z.object({
  q: z.string().trim().max(200).optional().describe('Searches name, code, tax id and contact emails'),
  tag: z.string().trim().max(50).optional(),
  ownerId: z.string().trim().max(100).optional(),
  currency: z.string().trim().max(3).optional(),
  status: z.enum(['active', 'archived', 'all']).default('active'),
});
const listQuery = pageQuerySchema.extend(filterQuery.shape);

const lineErrorSchema = z.object({
  line: z.number().int(),
  field: z.string().nullable(),
  message: z.string(),
});
const importResultSchema = z.object({
  mode: z.enum(['preview', 'apply']),
  valid: z.boolean(),
  counts: z.object({
    lines: z.number().int(),
    create: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    invalid: z.number().int(),
  }),
  lines: z.array(
    z.object({
      line: z.number().int(),
      code: z.string().nullable(),
      legalName: z.string().nullable(),
      action: z.enum(['create', 'update', 'unchanged', 'invalid']),
      changes: z.array(z.string()),
      errors: z.array(z.object({ field: z.string().nullable(), message: z.string() })),
      customerId: z.string().optional(),
    }),
  ),
  errors: z.array(lineErrorSchema),
});

/** The list's cursor: the sort key and id of the last customer returned. */
function afterOf(cursor: string | undefined): { sortName: string; id: string } | undefined {
  const key = decodeCursor<string>(cursor, 'string');
  if (key === undefined) return undefined;
  try {
    const [sortName, id] = JSON.parse(key) as unknown[];
    if (typeof sortName === 'string' && typeof id === 'string') return { sortName, id };
  } catch {
    // falls through
  }
  throw validationError('The cursor is invalid; pass back the nextCursor of a previous page unchanged.', [
    { path: 'cursor', message: 'is not a cursor this endpoint returned' },
  ]);
}

export function customersRoutes(ctx: AppContext) {
  return async (app: App) => {
    app.get(
      '/api/customers',
      {
        config: { access: perms.read },
        schema: {
          tags: ['customers'],
          summary: 'List customers by name, with search and filters (status defaults to active)',
          querystring: listQuery,
          response: { 200: pageOf(customerSchema) },
        },
      },
      async (request) => {
        const { limit, cursor, ...filter } = request.query;
        const rows = await customers.listCustomers(ctx, { ...filter, limit, after: afterOf(cursor) });
        return toPage(
          rows,
          limit,
          (row) => JSON.stringify([row.sortName, row.customer.id]),
          (row) => row.customer,
        );
      },
    );

    app.get(
      '/api/customers/export.csv',
      {
        config: { access: perms.read },
        schema: {
          tags: ['customers'],
          summary: 'Export customers as CSV (the import columns), with the list filters',
          description: CSV_FORMAT_NOTE,
          querystring: filterQuery,
        },
      },
      async (request, reply) => {
        const day = dateInZone(ctx.clock.now(), ctx.config.TIMEZONE);
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="customers-${day}.csv"`)
          .header('cache-control', 'no-store');
        return reply.send(Readable.from(exportCustomers(ctx, request.query)));
      },
    );

    app.get(
      '/api/customers/tags',
      {
        config: { access: perms.read },
        schema: {
          tags: ['customers'],
          summary: 'The tags in use, for filters',
          response: { 200: z.object({ tags: z.array(z.string()) }) },
        },
      },
      async () => ({ tags: await customers.tagsInUse(ctx) }),
    );

    app.post(
      '/api/customers',
      {
        config: { access: perms.write },
        schema: {
          tags: ['customers'],
          summary: 'Create a customer (a code is generated when none is given)',
          body: createCustomerSchema,
          response: { 201: customerSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await customers.createCustomer(ctx, actorOf(request), request.body)),
    );

    app.get(
      '/api/customers/:id',
      {
        config: { access: perms.read },
        schema: {
          tags: ['customers'],
          summary: 'One customer',
          params: idParams,
          response: { 200: customerSchema },
        },
      },
      async (request) => customers.getCustomer(ctx, request.params.id),
    );

    app.patch(
      '/api/customers/:id',
      {
        config: { access: perms.write },
        schema: {
          tags: ['customers'],
          summary: 'Change a customer (only the fields given)',
          params: idParams,
          body: updateCustomerSchema,
          response: { 200: customerSchema },
        },
      },
      async (request) => customers.updateCustomer(ctx, actorOf(request), request.params.id, request.body),
    );

    app.post(
      '/api/customers/:id/archive',
      {
        config: { access: perms.write },
        schema: {
          tags: ['customers'],
          summary: 'Archive a customer',
          params: idParams,
          response: { 200: customerSchema },
        },
      },
      async (request) => customers.archiveCustomer(ctx, actorOf(request), request.params.id),
    );

    app.post(
      '/api/customers/:id/unarchive',
      {
        config: { access: perms.write },
        schema: {
          tags: ['customers'],
          summary: 'Make an archived customer active again',
          params: idParams,
          response: { 200: customerSchema },
        },
      },
      async (request) => customers.unarchiveCustomer(ctx, actorOf(request), request.params.id),
    );

    app.post(
      '/api/customers/:id/contacts',
      {
        config: { access: perms.write },
        schema: {
          tags: ['customers'],
          summary: 'Add a contact',
          params: idParams,
          body: contactInputSchema,
          response: { 201: contactSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await customers.addContact(ctx, actorOf(request), request.params.id, request.body)),
    );

    app.patch(
      '/api/customers/:id/contacts/:contactId',
      {
        config: { access: perms.write },
        schema: {
          tags: ['customers'],
          summary: 'Change a contact',
          params: contactParams,
          body: contactPatchSchema,
          response: { 200: contactSchema },
        },
      },
      async (request) =>
        customers.updateContact(
          ctx,
          actorOf(request),
          request.params.id,
          request.params.contactId,
          request.body,
        ),
    );

    app.delete(
      '/api/customers/:id/contacts/:contactId',
      {
        config: { access: perms.write },
        schema: {
          tags: ['customers'],
          summary: 'Remove a contact',
          params: contactParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        await customers.removeContact(ctx, actorOf(request), request.params.id, request.params.contactId);
        return reply.code(204).send(null);
      },
    );

    // The import takes the file itself as a text/csv body; the parser is scoped to this route's plugin.
    await app.register(async (scoped: App) => {
      scoped.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, done) =>
        done(null, body),
      );
      scoped.post(
        '/api/customers/import',
        {
          config: { access: perms.write },
          schema: {
            tags: ['customers'],
            summary:
              'Import customers from CSV: send the file as the body with Content-Type text/csv (or JSON {"csv": "…"}); mode=preview changes nothing, mode=apply imports all lines or none',
            description: CSV_FORMAT_NOTE,
            consumes: ['text/csv', 'application/json'],
            querystring: z.object({ mode: z.enum(['preview', 'apply']).default('preview') }),
            body: z.union([
              z.string().describe('The CSV file (Content-Type: text/csv)'),
              z.strictObject({ csv: z.string() }),
            ]),
            response: { 200: importResultSchema },
          },
        },
        async (request) => {
          const text = typeof request.body === 'string' ? request.body : request.body.csv;
          return request.query.mode === 'apply'
            ? applyImport(ctx, actorOf(request), text)
            : previewImport(ctx, text);
        },
      );
    });
  };
}

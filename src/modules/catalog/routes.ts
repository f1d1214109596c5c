/** HTTP for products, warehouses and stock (levels, movements, receipts, adjustments, CSV): zod in, service call, zod out. */
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { dateInZone } from '../../platform/dates.js';
import { validationError } from '../../platform/errors.js';
import { decodeCursor, pageOf, pageQuerySchema, toPage } from '../../platform/http/pagination.js';
import { actorOf } from '../../platform/http/principal.js';
import type { App } from '../../platform/http/server.js';
import {
  applyCountImport,
  applyProductImport,
  COUNT_CSV_NOTE,
  exportCounts,
  exportProducts,
  PRODUCT_CSV_NOTE,
  previewCountImport,
  previewProductImport,
} from './csv.js';
import { catalogPermissions as perms } from './permissions.js';
import * as products from './products-service.js';
import {
  adjustmentInputSchema,
  createProductSchema,
  createWarehouseSchema,
  movementKindSchema,
  movementSchema,
  productSchema,
  receiptInputSchema,
  stockLevelSchema,
  updateProductSchema,
  updateWarehouseSchema,
  warehouseSchema,
} from './schemas.js';
import * as stock from './stock.js';

const idParams = z.object({ id: z.string().min(1).max(100) });
const noContent = { 204: z.null().describe('No content') };
const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

const productFilter = z.object({
  q: z.string().trim().max(200).optional().describe('Searches SKU, name and GTIN'),
  gtin: z.string().trim().max(14).optional(),
  active: z.enum(['true', 'false', 'all']).default('all'),
});
const activeOf = (v: 'true' | 'false' | 'all') => (v === 'all' ? undefined : v === 'true');

const lineErrorSchema = z.object({
  line: z.number().int(),
  field: z.string().nullable(),
  message: z.string(),
});
const problemsSchema = z.array(z.object({ field: z.string().nullable(), message: z.string() }));

const productImportSchema = z.object({
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
      sku: z.string().nullable(),
      name: z.string().nullable(),
      action: z.enum(['create', 'update', 'unchanged', 'invalid']),
      changes: z.array(z.string()),
      errors: problemsSchema,
      productId: z.string().optional(),
    }),
  ),
  errors: z.array(lineErrorSchema),
});

const countImportSchema = z.object({
  mode: z.enum(['preview', 'apply']),
  valid: z.boolean(),
  counts: z.object({
    lines: z.number().int(),
    adjust: z.number().int(),
    unchanged: z.number().int(),
    invalid: z.number().int(),
  }),
  lines: z.array(
    z.object({
      line: z.number().int(),
      sku: z.string().nullable(),
      warehouse: z.string().nullable(),
      onHand: z.number().int().nullable(),
      reserved: z.number().int().nullable(),
      counted: z.number().int().nullable(),
      difference: z.number().int().nullable(),
      action: z.enum(['adjust', 'unchanged', 'invalid']),
      errors: problemsSchema,
    }),
  ),
  errors: z.array(lineErrorSchema),
  countId: z.string().optional(),
});

const moveResultSchema = z.object({
  movement: movementSchema,
  level: z.object({ onHand: z.number().int(), reserved: z.number().int(), available: z.number().int() }),
});

const csvBody = z.union([
  z.string().describe('The CSV file (Content-Type: text/csv)'),
  z.strictObject({ csv: z.string() }),
]);
const csvText = (body: z.infer<typeof csvBody>) => (typeof body === 'string' ? body : body.csv);

function levelAfter(cursor: string | undefined): { sku: string; code: string } | undefined {
  const key = decodeCursor<string>(cursor, 'string');
  if (key === undefined) return undefined;
  try {
    const [sku, code] = JSON.parse(key) as unknown[];
    if (typeof sku === 'string' && typeof code === 'string') return { sku, code };
  } catch {
    // falls through
  }
  throw validationError('The cursor is invalid; pass back the nextCursor of a previous page unchanged.', [
    { path: 'cursor', message: 'is not a cursor this endpoint returned' },
  ]);
}

function attachment(
  reply: { type(t: string): unknown; header(k: string, v: string): unknown },
  name: string,
) {
  reply.type('text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${name}"`);
  reply.header('cache-control', 'no-store');
}

export function catalogRoutes(ctx: AppContext) {
  return async (app: App) => {
    const today = () => dateInZone(ctx.clock.now(), ctx.config.TIMEZONE);

    // ── Products ──
    app.get(
      '/api/products',
      {
        config: { access: perms.read },
        schema: {
          tags: ['catalog'],
          summary: 'List products by SKU, with search and filters',
          querystring: pageQuerySchema.extend(productFilter.shape),
          response: { 200: pageOf(productSchema) },
        },
      },
      async (request) => {
        const { limit, cursor, active, ...filter } = request.query;
        const rows = await products.listProducts(ctx, {
          ...filter,
          active: activeOf(active),
          after: decodeCursor<string>(cursor, 'string'),
          limit,
        });
        return toPage(
          rows,
          limit,
          (p) => p.sku,
          (p) => p,
        );
      },
    );

    app.get(
      '/api/products/export.csv',
      {
        config: { access: perms.read },
        schema: {
          tags: ['catalog'],
          summary: 'Export products as CSV (the import columns), with the list filters',
          description: PRODUCT_CSV_NOTE,
          querystring: productFilter,
        },
      },
      async (request, reply) => {
        attachment(reply, `products-${today()}.csv`);
        const { active, ...filter } = request.query;
        return reply.send(Readable.from(exportProducts(ctx, { ...filter, active: activeOf(active) })));
      },
    );

    app.post(
      '/api/products',
      {
        config: { access: perms.write },
        schema: {
          tags: ['catalog'],
          summary: 'Create a product',
          body: createProductSchema,
          response: { 201: productSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await products.createProduct(ctx, actorOf(request), request.body)),
    );

    app.get(
      '/api/products/:id',
      {
        config: { access: perms.read },
        schema: {
          tags: ['catalog'],
          summary: 'One product',
          params: idParams,
          response: { 200: productSchema },
        },
      },
      async (request) => products.getProduct(ctx, request.params.id),
    );

    app.patch(
      '/api/products/:id',
      {
        config: { access: perms.write },
        schema: {
          tags: ['catalog'],
          summary: 'Change a product (only the fields given; active: false retires it)',
          params: idParams,
          body: updateProductSchema,
          response: { 200: productSchema },
        },
      },
      async (request) => products.updateProduct(ctx, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/api/products/:id',
      {
        config: { access: perms.write },
        schema: {
          tags: ['catalog'],
          summary: 'Delete a product that never had stock (409 otherwise: deactivate it instead)',
          params: idParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        await products.deleteProduct(ctx, actorOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );

    // ── Warehouses ──
    app.get(
      '/api/warehouses',
      {
        config: { access: perms.read },
        schema: {
          tags: ['catalog'],
          summary: 'All warehouses, by code',
          response: { 200: z.object({ items: z.array(warehouseSchema) }) },
        },
      },
      async () => ({ items: await products.listWarehouses(ctx) }),
    );

    app.post(
      '/api/warehouses',
      {
        config: { access: perms.write },
        schema: {
          tags: ['catalog'],
          summary: 'Create a warehouse',
          body: createWarehouseSchema,
          response: { 201: warehouseSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await products.createWarehouse(ctx, actorOf(request), request.body)),
    );

    app.get(
      '/api/warehouses/:id',
      {
        config: { access: perms.read },
        schema: {
          tags: ['catalog'],
          summary: 'One warehouse',
          params: idParams,
          response: { 200: warehouseSchema },
        },
      },
      async (request) => products.getWarehouse(ctx, request.params.id),
    );

    app.patch(
      '/api/warehouses/:id',
      {
        config: { access: perms.write },
        schema: {
          tags: ['catalog'],
          summary: 'Change a warehouse (only the fields given)',
          params: idParams,
          body: updateWarehouseSchema,
          response: { 200: warehouseSchema },
        },
      },
      async (request) => products.updateWarehouse(ctx, actorOf(request), request.params.id, request.body),
    );

    app.delete(
      '/api/warehouses/:id',
      {
        config: { access: perms.write },
        schema: {
          tags: ['catalog'],
          summary: 'Delete a warehouse that never had stock (409 otherwise: deactivate it instead)',
          params: idParams,
          response: noContent,
        },
      },
      async (request, reply) => {
        await products.deleteWarehouse(ctx, actorOf(request), request.params.id);
        return reply.code(204).send(null);
      },
    );

    // ── Stock ──
    const levelFilter = z.object({
      productId: z.string().trim().max(100).optional(),
      warehouseId: z.string().trim().max(100).optional(),
      q: z.string().trim().max(200).optional().describe('Searches the product SKU, name and GTIN'),
      short: booleanQuery.optional().describe('Only levels with nothing available'),
    });

    app.get(
      '/api/stock/levels',
      {
        config: { access: perms.read },
        schema: {
          tags: ['catalog'],
          summary: 'Stock levels (on hand, reserved, available) per product and warehouse, by SKU',
          querystring: pageQuerySchema.extend(levelFilter.shape),
          response: { 200: pageOf(stockLevelSchema) },
        },
      },
      async (request) => {
        const { limit, cursor, ...filter } = request.query;
        const rows = await stock.listLevels(ctx, { ...filter, after: levelAfter(cursor), limit });
        return toPage(
          rows,
          limit,
          (r) => r.cursorKey,
          ({ cursorKey: _, ...level }) => level,
        );
      },
    );

    app.get(
      '/api/stock/movements',
      {
        config: { access: perms.read },
        schema: {
          tags: ['catalog'],
          summary: 'The stock movement ledger, newest first',
          querystring: pageQuerySchema.extend({
            productId: z.string().trim().max(100).optional(),
            warehouseId: z.string().trim().max(100).optional(),
            kind: movementKindSchema.optional(),
            referenceType: z.string().trim().max(50).optional(),
            referenceId: z.string().trim().max(100).optional(),
          }),
          response: { 200: pageOf(movementSchema) },
        },
      },
      async (request) => {
        const { limit, cursor, ...filter } = request.query;
        const rows = await stock.listMovements(ctx, {
          ...filter,
          before: decodeCursor<string>(cursor, 'string'),
          limit,
        });
        return toPage(
          rows,
          limit,
          (m) => m.id,
          (m) => m,
        );
      },
    );

    app.post(
      '/api/stock/receipts',
      {
        config: { access: perms.write },
        schema: {
          tags: ['catalog'],
          summary: 'Receive stock into a warehouse (a receipt movement)',
          body: receiptInputSchema,
          response: { 201: moveResultSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await stock.receiveStock(ctx, actorOf(request), request.body)),
    );

    app.post(
      '/api/stock/adjustments',
      {
        config: { access: perms.write },
        schema: {
          tags: ['catalog'],
          summary:
            'Adjust on hand up or down with a reason; refused (409) if it would take available below zero, unless override (audited)',
          body: adjustmentInputSchema,
          response: { 201: moveResultSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await stock.adjustStock(ctx, actorOf(request), request.body)),
    );

    app.get(
      '/api/stock/counts.csv',
      {
        config: { access: perms.read },
        schema: {
          tags: ['catalog'],
          summary: 'Stock levels as a count sheet (CSV: sku, warehouse, on_hand, reserved, available)',
          description: COUNT_CSV_NOTE,
          querystring: z.object({ warehouseId: z.string().trim().max(100).optional() }),
        },
      },
      async (request, reply) => {
        attachment(reply, `stock-counts-${today()}.csv`);
        return reply.send(Readable.from(exportCounts(ctx, request.query)));
      },
    );

    // The imports take the file itself as a text/csv body; the parser is scoped to this plugin.
    await app.register(async (scoped: App) => {
      scoped.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, done) =>
        done(null, body),
      );
      scoped.post(
        '/api/products/import',
        {
          config: { access: perms.write },
          schema: {
            tags: ['catalog'],
            summary:
              'Import products from CSV (body text/csv, or JSON {"csv": "…"}); mode=preview changes nothing, mode=apply imports all lines or none',
            description: PRODUCT_CSV_NOTE,
            consumes: ['text/csv', 'application/json'],
            querystring: z.object({ mode: z.enum(['preview', 'apply']).default('preview') }),
            body: csvBody,
            response: { 200: productImportSchema },
          },
        },
        async (request) =>
          request.query.mode === 'apply'
            ? applyProductImport(ctx, actorOf(request), csvText(request.body))
            : previewProductImport(ctx, csvText(request.body)),
      );
      scoped.post(
        '/api/stock/counts/import',
        {
          config: { access: perms.write },
          schema: {
            tags: ['catalog'],
            summary:
              'Import a stock count (CSV): preview shows each difference; apply writes "stock count" adjustments for all lines or none',
            description: COUNT_CSV_NOTE,
            consumes: ['text/csv', 'application/json'],
            querystring: z.object({
              mode: z.enum(['preview', 'apply']).default('preview'),
              override: booleanQuery
                .default(false)
                .describe('Allow a count below what is reserved (audited)'),
            }),
            body: csvBody,
            response: { 200: countImportSchema },
          },
        },
        async (request) =>
          request.query.mode === 'apply'
            ? applyCountImport(ctx, actorOf(request), csvText(request.body), request.query.override)
            : previewCountImport(ctx, csvText(request.body), request.query.override),
      );
    });
  };
}

/** HTTP for the receivables reports: zod in, service call, zod out (CSV for the exports). */
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import type { App } from '../../platform/http/server.js';
import { agingCsv, openItemsCsv } from './csv.js';
import { reportsPermissions as perms } from './permissions.js';
import {
  agingCsvQuerySchema,
  agingQuerySchema,
  agingReportSchema,
  DSO_DEFINITION,
  drillDownQuerySchema,
  drillDownSchema,
  dsoQuerySchema,
  dsoSchema,
  openItemsCsvQuerySchema,
  openItemsPageSchema,
  openItemsQuerySchema,
} from './schemas.js';
import * as reports from './service.js';

const AGING_NOTE =
  'Open amounts as of the date: invoices issued on or before it, less what was settled on or before it ' +
  '(payments, credit notes, write-offs by their dates). Buckets by days past due (date − due date): ' +
  'current (not yet due), then one per limit of `buckets`, then beyond the last. Each currency apart, ' +
  'never added together. Credit notes are not bucketed: their unused credit is `unappliedCredit` (negative).';

export function reportsRoutes(ctx: AppContext) {
  return (app: App) => {
    const csv = (reply: FastifyReply, name: string) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}-${reports.todayOf(ctx)}.csv"`)
        .header('cache-control', 'no-store');

    app.get(
      '/api/reports/aging',
      {
        config: { access: perms.read },
        schema: {
          tags: ['reports'],
          summary: 'Receivables aging as of a date: totals per currency and a page of customers',
          description: AGING_NOTE,
          querystring: agingQuerySchema,
          response: { 200: agingReportSchema },
        },
      },
      async (request) => reports.agingReport(ctx, request.query),
    );

    app.get(
      '/api/reports/aging/invoices',
      {
        config: { access: perms.read },
        schema: {
          tags: ['reports'],
          summary: "Drill-down: a customer's documents open at the date, in one bucket (or credit)",
          description: `${AGING_NOTE} The amounts of a bucket's documents add up to the report's cell.`,
          querystring: drillDownQuerySchema,
          response: { 200: drillDownSchema },
        },
      },
      async (request) => reports.agingDrillDown(ctx, request.query),
    );

    app.get(
      '/api/reports/aging.csv',
      {
        config: { access: perms.read },
        schema: {
          tags: ['reports'],
          summary: 'The aging report as CSV: every customer row, then a total row per currency',
          description: AGING_NOTE,
          querystring: agingCsvQuerySchema,
        },
      },
      async (request, reply) => {
        const body = await agingCsv(ctx, request.query);
        return csv(reply, 'aging').send(body);
      },
    );

    app.get(
      '/api/reports/open-items',
      {
        config: { access: perms.read },
        schema: {
          tags: ['reports'],
          summary: 'Issued documents with something open today, oldest due first, with filters',
          description: 'Credit notes (unused credit) have negative open amounts.',
          querystring: openItemsQuerySchema,
          response: { 200: openItemsPageSchema },
        },
      },
      async (request) => reports.openItems(ctx, request.query),
    );

    app.get(
      '/api/reports/open-items.csv',
      {
        config: { access: perms.read },
        schema: {
          tags: ['reports'],
          summary: 'The open items matching the filters, as CSV',
          querystring: openItemsCsvQuerySchema,
        },
      },
      async (request, reply) => {
        // Validate the filters before the response starts streaming, so a bad request is a 400.
        await reports.openItems(ctx, { ...request.query, limit: 1 });
        return csv(reply, 'open-items').send(Readable.from(openItemsCsv(ctx, request.query)));
      },
    );

    app.get(
      '/api/reports/dso',
      {
        config: { access: perms.read },
        schema: {
          tags: ['reports'],
          summary: 'Days sales outstanding per currency for a period',
          description: DSO_DEFINITION,
          querystring: dsoQuerySchema,
          response: { 200: dsoSchema },
        },
      },
      async (request) => reports.dso(ctx, request.query),
    );
  };
}

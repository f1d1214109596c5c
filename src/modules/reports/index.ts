/**
 * The reports module's public surface: receivables aging as of any date (with drill-down), open items,
 * DSO, and their CSV exports. It owns no tables: the figures come from the invoicing module's grouped
 * queries and the names from the customers module.
 */
import type { DuelyModule } from '../module.js';
import { reportsRoutes } from './routes.js';

export { bucketDefinitions, CREDIT_KEY, DEFAULT_BUCKET_DAYS, parseBucketDays } from './buckets.js';
export { agingCsv, agingCsvRows, csvLine, openItemsCsv } from './csv.js';
export { reportsPermissions } from './permissions.js';
export type { AgingCurrency, AgingCustomer, AgingReport, DrillDown, Dso, OpenItemRow } from './schemas.js';
export { DSO_DEFINITION } from './schemas.js';
export type { AgingInput, DrillDownInput, OpenItemsInput } from './service.js';
export { agingDrillDown, agingReport, dso, openItems, todayOf } from './service.js';

export const reportsModule: DuelyModule = {
  name: 'reports',
  routes: (ctx) => reportsRoutes(ctx),
};

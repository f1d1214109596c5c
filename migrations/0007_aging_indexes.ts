import { sql } from 'kysely';
import type { Migration } from '../src/platform/db/migration.js';

/**
 * Indexes for the receivables reports (src/modules/invoicing/aging.ts), on invoicing's own tables.
 *
 * - `invoices_open_aging`: the open items only (partial: issued with something open — about a tenth of
 *   all documents), covering every column the aging report reads, in the order it groups them
 *   (currency, customer). The as-of-today report is an index-only scan of it.
 * - `invoices_open_due`: the open items by due date, the order of the open-items list (a page reads a page).
 * - `invoice_settlements_date`: settlements by date, covering the amount. A back-dated report adds the
 *   settlements dated after the as-of date back onto today's open amounts; this finds just those.
 */
export const agingIndexes: Migration = {
  name: '0007_aging_indexes',
  async up(db) {
    await db.schema
      .createIndex('invoices_open_aging')
      .on('invoices')
      .columns(['currency', 'customer_id', 'due_date', 'kind', 'open_amount', 'issue_date'])
      .where(sql<boolean>`status = 'issued' and open_amount > 0`)
      .execute();
    await db.schema
      .createIndex('invoices_open_due')
      .on('invoices')
      .columns(['due_date', 'id'])
      .where(sql<boolean>`status = 'issued' and open_amount > 0`)
      .execute();
    await db.schema
      .createIndex('invoice_settlements_date')
      .on('invoice_settlements')
      .columns(['date', 'invoice_id', 'amount'])
      .execute();
  },
};

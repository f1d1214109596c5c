import { sql } from 'kysely';
import type { Migration } from '../src/platform/db/migration.js';

/**
 * Tables of the orders module: sales orders and their lines. Per line the ordered, reserved, shipped
 * and backordered units are kept so that, for an open line, ordered = shipped + reserved + backordered.
 */
export const orders: Migration = {
  name: '0009_orders',
  async up(db) {
    await db.schema
      .createTable('sales_orders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // Allocated from the gapless SO series at confirmation; null while a draft.
      .addColumn('number', 'text', (c) => c.unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('order_date', 'text', (c) => c.notNull())
      .addColumn('currency', 'text')
      .addColumn('net_total', 'bigint', (c) => c.notNull())
      .addColumn('shipping_address', 'text', (c) => c.notNull())
      .addColumn('requested_delivery_date', 'text')
      .addColumn('promised_ship_date', 'text')
      .addColumn('incoterm', 'text')
      .addColumn('incoterm_place', 'text')
      .addColumn('customer_reference', 'text')
      .addColumn('notes', 'text')
      .addColumn('invoice_id', 'text')
      .addColumn('confirmed_at', 'text')
      .addColumn('first_shipped_at', 'text')
      .addColumn('shipped_at', 'text')
      .addColumn('delivered_at', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('cancelled_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('sales_orders_customer')
      .on('sales_orders')
      .columns(['customer_id', 'id'])
      .execute();
    await db.schema.createIndex('sales_orders_status').on('sales_orders').columns(['status', 'id']).execute();
    await db.schema
      .createIndex('sales_orders_date')
      .on('sales_orders')
      .columns(['order_date', 'id'])
      .execute();

    await db.schema
      .createTable('sales_order_lines')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('order_id', 'text', (c) => c.notNull().references('sales_orders.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('sku', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('warehouse_id', 'text', (c) => c.notNull())
      .addColumn('unit_price', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('ordered', 'bigint', (c) => c.notNull())
      .addColumn('reserved', 'bigint', (c) => c.notNull())
      .addColumn('shipped', 'bigint', (c) => c.notNull())
      .addColumn('backordered', 'bigint', (c) => c.notNull())
      // The last line of defence for "shipped never exceeds ordered" (the service's guarded UPDATE is the first).
      .addCheckConstraint('sales_order_lines_shipped_le_ordered', sql`shipped >= 0 and shipped <= ordered`)
      .execute();
    await db.schema
      .createIndex('sales_order_lines_order')
      .on('sales_order_lines')
      .columns(['order_id', 'position'])
      .execute();
    await db.schema
      .createIndex('sales_order_lines_backordered')
      .on('sales_order_lines')
      .columns(['backordered', 'order_id'])
      .execute();
  },
};

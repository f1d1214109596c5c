import type { Migration } from '../src/platform/db/migration.js';

/**
 * Tables of the catalog module: products, warehouses, the append-only stock movement ledger and the
 * stock levels maintained from it in the same transaction as each movement.
 */
export const catalog: Migration = {
  name: '0008_catalog',
  async up(db) {
    await db.schema
      .createTable('products')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('sku', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      // Lower-cased, accent-free SKU, name and GTIN: what search looks in.
      .addColumn('search_text', 'text', (c) => c.notNull())
      .addColumn('gtin', 'text')
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('weight_g', 'integer')
      .addColumn('length_mm', 'integer')
      .addColumn('width_mm', 'integer')
      .addColumn('height_mm', 'integer')
      .addColumn('hs_code', 'text')
      .addColumn('country_of_origin', 'text')
      .addColumn('price_amount', 'bigint')
      .addColumn('price_currency', 'text')
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('products_gtin').on('products').column('gtin').execute();
    await db.schema.createIndex('products_active_sku').on('products').columns(['active', 'sku']).execute();

    await db.schema
      .createTable('warehouses')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('line1', 'text', (c) => c.notNull())
      .addColumn('line2', 'text')
      .addColumn('postal_code', 'text')
      .addColumn('city', 'text', (c) => c.notNull())
      .addColumn('region', 'text')
      .addColumn('country', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    // Append-only: rows are inserted, never updated or deleted.
    await db.schema
      .createTable('stock_movements')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
      .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      // Signed by its effect: + adds to on hand (receipt, return, adjustment up) or reserved (reservation).
      .addColumn('quantity', 'bigint', (c) => c.notNull())
      .addColumn('on_hand_delta', 'bigint', (c) => c.notNull())
      .addColumn('reserved_delta', 'bigint', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('reference_type', 'text')
      .addColumn('reference_id', 'text')
      // 1: allowed to take available below zero by an audited override.
      .addColumn('override', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('stock_movements_product')
      .on('stock_movements')
      .columns(['product_id', 'warehouse_id', 'id'])
      .execute();
    await db.schema
      .createIndex('stock_movements_reference')
      .on('stock_movements')
      .columns(['reference_type', 'reference_id'])
      .execute();
    await db.schema
      .createIndex('stock_movements_warehouse')
      .on('stock_movements')
      .columns(['warehouse_id', 'id'])
      .execute();

    await db.schema
      .createTable('stock_levels')
      .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
      .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
      .addColumn('on_hand', 'bigint', (c) => c.notNull())
      .addColumn('reserved', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('stock_levels_pk', ['product_id', 'warehouse_id'])
      .execute();
    await db.schema
      .createIndex('stock_levels_warehouse')
      .on('stock_levels')
      .columns(['warehouse_id', 'product_id'])
      .execute();
  },
};

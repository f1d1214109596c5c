import type { Migration } from '../src/platform/db/migration.js';

/**
 * Tables of the customers module: customers, their tags and contacts, and the counter behind
 * generated customer codes (C-00001, …).
 */
export const customers: Migration = {
  name: '0003_customers',
  async up(db) {
    await db.schema
      .createTable('customers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('legal_name', 'text', (c) => c.notNull())
      // Lower-cased, accent-free legal name: the list's sort key.
      .addColumn('sort_name', 'text', (c) => c.notNull())
      // Lower-cased, accent-free code, name, tax id and contact emails: what search looks in.
      .addColumn('search_text', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('billing_line1', 'text', (c) => c.notNull())
      .addColumn('billing_line2', 'text')
      .addColumn('billing_postal_code', 'text')
      .addColumn('billing_city', 'text', (c) => c.notNull())
      .addColumn('billing_region', 'text')
      .addColumn('billing_country', 'text', (c) => c.notNull())
      // All shipping columns null: ship to the billing address.
      .addColumn('shipping_line1', 'text')
      .addColumn('shipping_line2', 'text')
      .addColumn('shipping_postal_code', 'text')
      .addColumn('shipping_city', 'text')
      .addColumn('shipping_region', 'text')
      .addColumn('shipping_country', 'text')
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('payment_terms', 'text', (c) => c.notNull())
      .addColumn('credit_limit', 'bigint')
      .addColumn('tax_id', 'text')
      .addColumn('notes', 'text')
      .addColumn('owner_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('customers_status_sort')
      .on('customers')
      .columns(['status', 'sort_name', 'id'])
      .execute();
    await db.schema.createIndex('customers_sort').on('customers').columns(['sort_name', 'id']).execute();
    await db.schema
      .createIndex('customers_owner')
      .on('customers')
      .columns(['owner_id', 'sort_name'])
      .execute();
    await db.schema.createIndex('customers_tax_id').on('customers').column('tax_id').execute();

    await db.schema
      .createTable('customer_tags')
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
      .addColumn('tag', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('customer_tags_pk', ['customer_id', 'tag'])
      .execute();
    await db.schema
      .createIndex('customer_tags_tag')
      .on('customer_tags')
      .columns(['tag', 'customer_id'])
      .execute();

    await db.schema
      .createTable('customer_contacts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('role', 'text')
      .addColumn('receives_invoices', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('receives_reminders', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('customer_contacts_customer')
      .on('customer_contacts')
      .columns(['customer_id', 'id'])
      .execute();

    // One row per counter; generated codes take the next value under the row's lock.
    await db.schema
      .createTable('customer_counters')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .execute();
    await db.insertInto('customer_counters').values({ name: 'code', value: 0 }).execute();
  },
};

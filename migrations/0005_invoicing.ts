import type { Migration } from '../src/platform/db/migration.js';
import { columnTypes } from '../src/platform/db/migration.js';

/**
 * Tables of the invoicing module (invoices and credit notes, their lines, VAT breakdown and dated
 * settlement history, the company settings printed on documents) and of the platform's archive of
 * issued documents (platform/documents).
 */
export const invoicing: Migration = {
  name: '0005_invoicing',
  async up(db, dialect) {
    const { binary } = columnTypes(dialect);

    await db.schema
      .createTable('archived_documents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_type', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('content', binary, (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('archived_documents_owner')
      .on('archived_documents')
      .columns(['owner_type', 'owner_id', 'id'])
      .execute();

    // One row (id 1): the company's identity and payment details as JSON, validated by the module.
    await db.schema
      .createTable('company_settings')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('settings', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('invoices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      // Null while draft; unique once issued (NULLs do not collide on either database).
      .addColumn('number', 'text', (c) => c.unique())
      .addColumn('series', 'text')
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('issue_date', 'text')
      .addColumn('due_date', 'text')
      .addColumn('payment_terms', 'text')
      .addColumn('instalments', 'text')
      .addColumn('early_discount', 'text')
      .addColumn('buyer', 'text')
      .addColumn('seller', 'text')
      .addColumn('rf_reference', 'text')
      .addColumn('purchase_order', 'text')
      .addColumn('order_reference', 'text')
      .addColumn('net_total', 'bigint', (c) => c.notNull())
      .addColumn('tax_total', 'bigint', (c) => c.notNull())
      .addColumn('gross_total', 'bigint', (c) => c.notNull())
      .addColumn('open_amount', 'bigint', (c) => c.notNull())
      .addColumn('related_invoice_id', 'text')
      .addColumn('notes', 'text')
      .addColumn('pdf_document_id', 'text')
      .addColumn('pdf_sha256', 'text')
      .addColumn('issued_at', 'text')
      .addColumn('voided_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('invoices_open').on('invoices').columns(['status', 'open_amount']).execute();
    await db.schema
      .createIndex('invoices_customer_due')
      .on('invoices')
      .columns(['customer_id', 'due_date'])
      .execute();
    await db.schema
      .createIndex('invoices_status_issue')
      .on('invoices')
      .columns(['status', 'issue_date', 'id'])
      .execute();
    await db.schema.createIndex('invoices_rf').on('invoices').column('rf_reference').execute();
    await db.schema.createIndex('invoices_related').on('invoices').column('related_invoice_id').execute();

    await db.schema
      .createTable('invoice_lines')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('item_code', 'text')
      .addColumn('quantity', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('unit_price', 'text', (c) => c.notNull())
      .addColumn('discount_percent', 'text', (c) => c.notNull())
      .addColumn('tax_category', 'text', (c) => c.notNull())
      .addColumn('tax_rate', 'text', (c) => c.notNull())
      .addColumn('exemption_reason', 'text')
      .addColumn('exemption_reason_code', 'text')
      .addColumn('net_amount', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('invoice_lines_invoice')
      .on('invoice_lines')
      .columns(['invoice_id', 'position'])
      .execute();

    await db.schema
      .createTable('invoice_tax_breakdown')
      .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('rate', 'text', (c) => c.notNull())
      .addColumn('taxable_amount', 'bigint', (c) => c.notNull())
      .addColumn('tax_amount', 'bigint', (c) => c.notNull())
      .addColumn('exemption_reason', 'text')
      .addColumn('exemption_reason_code', 'text')
      .addPrimaryKeyConstraint('invoice_tax_breakdown_pk', ['invoice_id', 'position'])
      .execute();

    // The invoice's own dated history of what settled it: + settles, − reopens. Σ amount = gross − open.
    await db.schema
      .createTable('invoice_settlements')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
      .addColumn('allocation_id', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('invoice_settlements_invoice')
      .on('invoice_settlements')
      .columns(['invoice_id', 'date'])
      .execute();
    await db.schema
      .createIndex('invoice_settlements_allocation')
      .on('invoice_settlements')
      .column('allocation_id')
      .execute();

    // Default lines per customer, for drafts made "from the customer's template".
    await db.schema
      .createTable('invoice_templates')
      .addColumn('customer_id', 'text', (c) => c.primaryKey())
      .addColumn('lines', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};

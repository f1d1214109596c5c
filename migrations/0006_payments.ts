import type { Migration } from '../src/platform/db/migration.js';

/**
 * Tables of the payments module: payments of every method, the allocations that link a source of
 * value (payment, credit note, customer credit, write-off) to a target (invoice, refund, write-off,
 * customer credit), customer credit on account, refunds, write-offs, customer charges (bounce fees)
 * and the write-off tolerance per currency. Allocations are append-only: reversing writes negative rows.
 */
export const payments: Migration = {
  name: '0006_payments',
  async up(db) {
    await db.schema
      .createTable('payments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      // amount − Σ its allocations; maintained in the transaction of each allocation, never negative.
      .addColumn('unapplied_amount', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('received_date', 'text', (c) => c.notNull())
      .addColumn('reference', 'text')
      .addColumn('notes', 'text')
      .addColumn('payer_name', 'text')
      .addColumn('payer_iban', 'text')
      .addColumn('bank_reference', 'text')
      .addColumn('value_date', 'text')
      .addColumn('cheque_number', 'text')
      .addColumn('drawee_bank', 'text')
      .addColumn('deposit_date', 'text')
      .addColumn('provider_reference', 'text')
      .addColumn('receipt_number', 'text')
      .addColumn('reversal_date', 'text')
      .addColumn('reversal_reason', 'text')
      .addColumn('reversed_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('payments_customer')
      .on('payments')
      .columns(['customer_id', 'received_date', 'id'])
      .execute();
    await db.schema
      .createIndex('payments_received')
      .on('payments')
      .columns(['received_date', 'id'])
      .execute();

    await db.schema
      .createTable('allocations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('source_type', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      // Signed: a reversing row is negative and names the row it reverses.
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('reverses_id', 'text', (c) => c.unique().references('allocations.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .execute();
    await db.schema
      .createIndex('allocations_source')
      .on('allocations')
      .columns(['source_id', 'id'])
      .execute();
    await db.schema
      .createIndex('allocations_target')
      .on('allocations')
      .columns(['target_id', 'id'])
      .execute();
    await db.schema
      .createIndex('allocations_customer')
      .on('allocations')
      .columns(['customer_id', 'date', 'id'])
      .execute();

    // One row per amount put on account (an over-payment); it is used up by allocations from it.
    await db.schema
      .createTable('customer_credits')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('origin_type', 'text', (c) => c.notNull())
      .addColumn('origin_id', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('remaining_amount', 'bigint', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('customer_credits_customer')
      .on('customer_credits')
      .columns(['customer_id', 'currency', 'id'])
      .execute();

    await db.schema
      .createTable('refunds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('reference', 'text')
      .addColumn('notes', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .execute();
    await db.schema
      .createIndex('refunds_customer')
      .on('refunds')
      .columns(['customer_id', 'date', 'id'])
      .execute();

    await db.schema
      .createTable('write_offs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      // 'invoice': an invoice's small remainder is written off; 'payment': a payment's small surplus is kept.
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .execute();
    await db.schema
      .createIndex('write_offs_customer')
      .on('write_offs')
      .columns(['customer_id', 'date', 'id'])
      .execute();

    // Amounts the customer owes outside invoices (a bounced-cheque fee); invoicing may bill them later.
    await db.schema
      .createTable('customer_charges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('origin_type', 'text')
      .addColumn('origin_id', 'text')
      // Set when the charge has been put on an invoice (then the invoice carries it, not the charge).
      .addColumn('invoiced_document_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .execute();
    await db.schema
      .createIndex('customer_charges_customer')
      .on('customer_charges')
      .columns(['customer_id', 'date', 'id'])
      .execute();

    await db.schema
      .createTable('write_off_tolerances')
      .addColumn('currency', 'text', (c) => c.primaryKey())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};

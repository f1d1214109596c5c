import type { Migration } from '../src/platform/db/migration.js';

/**
 * The follow-up desk's own records (module `followup`, helper files promises*, snooze*, notes*):
 * promises to pay and the invoices they cover, manual snoozes, and the calls and notes logged by hand.
 * The pauses these cause live in the follow-up pauses table (0013); these tables are their sources.
 */
export const promises: Migration = {
  name: '0016_promises',
  async up(db) {
    await db.schema
      .createTable('followup_promises')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      // Minor units of the currency; > 0.
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('promised_date', 'text', (c) => c.notNull())
      .addColumn('contact_name', 'text', (c) => c.notNull())
      // call | email | portal | other
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      // open | kept | broken | cancelled
      .addColumn('status', 'text', (c) => c.notNull())
      // Σ open amounts of the covered invoices when the promise was made: what is paid since is measured against it.
      .addColumn('open_at_promise', 'bigint', (c) => c.notNull())
      .addColumn('paid_amount', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_by_label', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .addColumn('close_reason', 'text')
      .addColumn('task_id', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('followup_promises_due')
      .on('followup_promises')
      .columns(['status', 'promised_date'])
      .execute();
    await db.schema
      .createIndex('followup_promises_customer')
      .on('followup_promises')
      .columns(['customer_id', 'id'])
      .execute();

    await db.schema
      .createTable('followup_promise_invoices')
      .addColumn('promise_id', 'text', (c) => c.notNull().references('followup_promises.id'))
      .addColumn('invoice_id', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('open_at_promise', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('followup_promise_invoices_pk', ['promise_id', 'invoice_id'])
      .execute();
    await db.schema
      .createIndex('followup_promise_invoices_invoice')
      .on('followup_promise_invoices')
      .columns(['invoice_id', 'promise_id'])
      .execute();

    await db.schema
      .createTable('followup_snoozes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('invoice_id', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('until', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_by_label', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('ended_at', 'text')
      .addColumn('ended_by_label', 'text')
      .addColumn('end_reason', 'text')
      .execute();
    await db.schema
      .createIndex('followup_snoozes_invoice')
      .on('followup_snoozes')
      .columns(['invoice_id', 'id'])
      .execute();
    await db.schema
      .createIndex('followup_snoozes_customer')
      .on('followup_snoozes')
      .columns(['customer_id', 'id'])
      .execute();

    await db.schema
      .createTable('followup_notes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('invoice_id', 'text')
      .addColumn('invoice_number', 'text')
      // call | note
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text')
      .addColumn('contact_name', 'text')
      .addColumn('text', 'text', (c) => c.notNull())
      // When the call happened (UTC instant); defaults to when it was logged.
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_by_label', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('followup_notes_customer')
      .on('followup_notes')
      .columns(['customer_id', 'occurred_at'])
      .execute();
  },
};

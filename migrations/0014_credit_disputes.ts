import { sql } from 'kysely';
import type { Migration } from '../src/platform/db/migration.js';

/**
 * Tables of the credit module (credit holds and the overdue-balance rule per currency) and of the
 * disputes module (cases on invoices, their timeline and attachments).
 *
 * - `credit_holds`: one row per hold, from placing to release; never deleted. At most one ACTIVE hold
 *   per (customer, cause, source key): a partial unique index (`released_at is null`), on both
 *   databases. `source_key` is '' when the cause has no further source (so the index sees it).
 * - `credit_settings`: per currency, the overdue balance above which a customer goes on hold and how
 *   many days past due an invoice must be to count. No row: the overdue rule is off for that currency.
 * - `disputes`: a case on (an amount of) one invoice; `resolution_claimed_at` is the guard that lets
 *   one resolution run at a time (the credit note, write-off or replacement shipment is made by
 *   another module in its own transaction between the claim and the final update).
 * - `dispute_events`: the case's append-only timeline (opened, comments, status changes, attachments,
 *   owner/deadline changes, resolution).
 * - `dispute_attachments`: metadata of the files; the bytes are in the platform archive
 *   (`archived_documents`, owner `dispute`), immutable with their SHA-256.
 */
export const creditDisputes: Migration = {
  name: '0014_credit_disputes',
  async up(db) {
    await db.schema
      .createTable('credit_holds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('cause', 'text', (c) => c.notNull())
      .addColumn('source_key', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('placed_at', 'text', (c) => c.notNull())
      .addColumn('placed_by', 'text')
      .addColumn('released_at', 'text')
      .addColumn('released_by', 'text')
      .addColumn('release_reason', 'text')
      // Set (guarded) when the customer's sales owner has been told by email; delivery is at least once.
      .addColumn('owner_notified_at', 'text')
      .addCheckConstraint(
        'credit_holds_cause',
        sql`cause in ('policy_step', 'credit_limit', 'overdue_balance', 'manual')`,
      )
      .execute();
    await db.schema
      .createIndex('credit_holds_active_cause')
      .on('credit_holds')
      .columns(['customer_id', 'cause', 'source_key'])
      .unique()
      .where(sql<boolean>`released_at is null`)
      .execute();
    await db.schema
      .createIndex('credit_holds_customer')
      .on('credit_holds')
      .columns(['customer_id', 'placed_at', 'id'])
      .execute();
    await db.schema
      .createIndex('credit_holds_active')
      .on('credit_holds')
      .columns(['placed_at', 'id'])
      .where(sql<boolean>`released_at is null`)
      .execute();

    await db.schema
      .createTable('credit_settings')
      .addColumn('currency', 'text', (c) => c.primaryKey())
      .addColumn('overdue_threshold', 'bigint', (c) => c.notNull())
      .addColumn('overdue_after_days', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addCheckConstraint('credit_settings_positive', sql`overdue_threshold >= 0 and overdue_after_days >= 0`)
      .execute();

    await db.schema
      .createTable('disputes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('invoice_id', 'text', (c) => c.notNull())
      .addColumn('invoice_number', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('owner_user_id', 'text')
      .addColumn('deadline', 'text')
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('resolution', 'text')
      .addColumn('resolution_note', 'text')
      .addColumn('resolution_ref', 'text')
      .addColumn('resolution_claimed_at', 'text')
      .addColumn('opened_at', 'text', (c) => c.notNull())
      .addColumn('opened_by', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('closed_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('disputes_amount_positive', sql`amount > 0`)
      .execute();
    await db.schema
      .createIndex('disputes_customer')
      .on('disputes')
      .columns(['customer_id', 'opened_at', 'id'])
      .execute();
    await db.schema.createIndex('disputes_invoice').on('disputes').columns(['invoice_id', 'id']).execute();
    await db.schema
      .createIndex('disputes_open_deadline')
      .on('disputes')
      .columns(['deadline', 'id'])
      .where(sql<boolean>`status in ('open', 'investigating')`)
      .execute();
    await db.schema.createIndex('disputes_status').on('disputes').columns(['status', 'id']).execute();

    await db.schema
      .createTable('dispute_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('dispute_id', 'text', (c) => c.notNull().references('disputes.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text')
      .addColumn('body', 'text')
      // JSON: details of the event (attachment metadata, resolution reference, old/new owner …).
      .addColumn('data', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_label', 'text')
      .execute();
    await db.schema
      .createIndex('dispute_events_dispute')
      .on('dispute_events')
      .columns(['dispute_id', 'at', 'id'])
      .execute();

    await db.schema
      .createTable('dispute_attachments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('dispute_id', 'text', (c) => c.notNull().references('disputes.id'))
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('uploaded_at', 'text', (c) => c.notNull())
      .addColumn('uploaded_by', 'text')
      .execute();
    await db.schema
      .createIndex('dispute_attachments_dispute')
      .on('dispute_attachments')
      .columns(['dispute_id', 'uploaded_at', 'id'])
      .execute();
  },
};

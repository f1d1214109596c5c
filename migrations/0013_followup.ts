import type { Migration } from '../src/platform/db/migration.js';

/**
 * Tables of the follow-up module: policies and their ordered steps, per-customer settings, one
 * follow-up item per open invoice (carrying its next follow-up date, indexed, so a run reads only what
 * is due), the log of what each step did (unique dedupe key: an action never runs twice) and the pauses
 * (disputes, promises, payments being processed, snoozes) — records with a start and an end, never a flag.
 */
export const followup: Migration = {
  name: '0013_followup',
  async up(db) {
    await db.schema
      .createTable('followup_policies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('description', 'text')
      // 1 on exactly one policy: the one customers without their own policy follow.
      .addColumn('is_default', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('followup_policy_steps')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('policy_id', 'text', (c) => c.notNull().references('followup_policies.id'))
      // 1, 2, 3… in the order the steps fire.
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      // Days from the due date: negative before it, positive after it.
      .addColumn('offset_days', 'integer', (c) => c.notNull())
      .addColumn('tone', 'text', (c) => c.notNull())
      // JSON array of actions, validated by the module (zod) on write.
      .addColumn('actions', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('followup_policy_steps_position')
      .on('followup_policy_steps')
      .columns(['policy_id', 'position'])
      .unique()
      .execute();

    await db.schema
      .createTable('followup_customer_settings')
      .addColumn('customer_id', 'text', (c) => c.primaryKey())
      // Null: the default policy.
      .addColumn('policy_id', 'text', (c) => c.references('followup_policies.id'))
      .addColumn('excluded', 'integer', (c) => c.notNull())
      .addColumn('exclusion_reason', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('followup_items')
      .addColumn('invoice_id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull())
      // 'invoice', or 'fee' for the fee and interest invoices the run itself issued (no fee on a fee).
      .addColumn('kind', 'text', (c) => c.notNull())
      // The policy the item was last scheduled with (null: the customer is excluded).
      .addColumn('policy_id', 'text')
      // Position of the last step that fired (0: none yet).
      .addColumn('current_step', 'integer', (c) => c.notNull())
      // When the next step is due; null when nothing is left to do (closed, excluded, last step done).
      .addColumn('next_date', 'text')
      .addColumn('last_run_on', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('closed_reason', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // The run's only entry point: what is due on or before a date.
    await db.schema
      .createIndex('followup_items_next')
      .on('followup_items')
      .columns(['next_date', 'invoice_id'])
      .execute();
    await db.schema
      .createIndex('followup_items_customer')
      .on('followup_items')
      .columns(['customer_id', 'invoice_id'])
      .execute();

    await db.schema
      .createTable('followup_actions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // `${invoiceId}:${stepId}:${actionIndex}`: each action of each step runs once per invoice.
      .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
      .addColumn('invoice_id', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('policy_id', 'text', (c) => c.notNull())
      .addColumn('step_id', 'text', (c) => c.notNull())
      .addColumn('step_position', 'integer', (c) => c.notNull())
      .addColumn('tone', 'text', (c) => c.notNull())
      // reminder | task | late_fee | interest | credit_hold
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('run_on', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text')
      .addColumn('fee_invoice_id', 'text')
      .addColumn('amount', 'bigint')
      .addColumn('currency', 'text')
      .addColumn('task_id', 'text')
      .addColumn('hold_id', 'text')
      // JSON: what the action did (recipients, language, days late, rate, through date…).
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('followup_actions_customer')
      .on('followup_actions')
      .columns(['customer_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('followup_actions_invoice')
      .on('followup_actions')
      .columns(['invoice_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('followup_pauses')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('invoice_id', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      // dispute | promise | payment_processing | snooze
      .addColumn('kind', 'text', (c) => c.notNull())
      // The record that caused it (dispute id, promise id, payment id, snooze id).
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      // The disputed or promised part, when not the whole invoice (minor units).
      .addColumn('amount', 'bigint')
      .addColumn('starts_on', 'text', (c) => c.notNull())
      // The day follow-up resumes by itself (exclusive); null: until ended.
      .addColumn('until', 'text')
      .addColumn('ended_at', 'text')
      .addColumn('ended_reason', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('followup_pauses_invoice')
      .on('followup_pauses')
      .columns(['invoice_id', 'ended_at'])
      .execute();
    await db.schema
      .createIndex('followup_pauses_source')
      .on('followup_pauses')
      .columns(['kind', 'source_id'])
      .execute();
    await db.schema
      .createIndex('followup_pauses_customer')
      .on('followup_pauses')
      .columns(['customer_id', 'created_at'])
      .execute();

    // The default policy every customer follows until given their own (editable like any other).
    const now = new Date().toISOString();
    await db
      .insertInto('followup_policies')
      .values({
        id: DEFAULT_POLICY_ID,
        name: 'Standard',
        description:
          'A friendly note before the due date, reminders after it, a call, then a final notice and a credit hold.',
        is_default: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const steps: [string, number, string, unknown[]][] = [
      ['Before due', -3, 'friendly', [{ type: 'reminder' }]],
      ['First reminder', 7, 'friendly', [{ type: 'reminder' }]],
      [
        'Second reminder and call',
        21,
        'firm',
        [
          { type: 'reminder' },
          {
            type: 'task',
            department: 'finance',
            title: 'Call the customer about the overdue invoice',
            priority: 'normal',
          },
        ],
      ],
      ['Final notice', 45, 'final', [{ type: 'reminder' }, { type: 'credit_hold' }]],
    ];
    await db
      .insertInto('followup_policy_steps')
      .values(
        steps.map(([name, offset, tone, actions], i) => ({
          id: `${DEFAULT_POLICY_ID}_step${i + 1}`,
          policy_id: DEFAULT_POLICY_ID,
          position: i + 1,
          name,
          offset_days: offset,
          tone,
          actions: JSON.stringify(actions),
        })),
      )
      .execute();
  },
};

/** The id of the seeded "Standard" policy. */
export const DEFAULT_POLICY_ID = 'fpo_standard';

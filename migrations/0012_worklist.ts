import type { Migration } from '../src/platform/db/migration.js';

/**
 * Tables of the worklist module: tasks for people, their comments, the lead of each role (who receives
 * escalations) and the record of digests sent (one per user and local day).
 *
 * "Only one open task per cause": `open_key` holds the dedupe key while the task is open and is null
 * once it is done or closed. A plain unique index on it gives the guarantee on both SQLite and
 * PostgreSQL (both treat nulls as distinct), with no partial index needed.
 */
export const worklist: Migration = {
  name: '0012_worklist',
  async up(db) {
    await db.schema
      .createTable('tasks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('dedupe_key', 'text', (c) => c.notNull())
      .addColumn('open_key', 'text', (c) => c.unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('department', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('record_type', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text')
      .addColumn('owner_role', 'text')
      .addColumn('owner_user_id', 'text')
      .addColumn('priority', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text')
      .addColumn('snoozed_until', 'text')
      .addColumn('snooze_reason', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('resolution', 'text')
      .addColumn('escalated_at', 'text')
      .addColumn('escalated_to', 'text')
      // Priority rank, due date and id in one sortable string: the worklist's order and its cursor.
      .addColumn('rank_key', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('done_at', 'text')
      .addColumn('done_by', 'text')
      .execute();
    await db.schema.createIndex('tasks_status_rank').on('tasks').columns(['status', 'rank_key']).execute();
    await db.schema
      .createIndex('tasks_department')
      .on('tasks')
      .columns(['department', 'status', 'rank_key'])
      .execute();
    await db.schema
      .createIndex('tasks_owner_user')
      .on('tasks')
      .columns(['owner_user_id', 'status', 'rank_key'])
      .execute();
    await db.schema.createIndex('tasks_due').on('tasks').columns(['status', 'due_date']).execute();
    await db.schema.createIndex('tasks_record').on('tasks').columns(['record_type', 'record_id']).execute();
    await db.schema.createIndex('tasks_dedupe').on('tasks').columns(['dedupe_key']).execute();

    await db.schema
      .createTable('task_comments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
      .addColumn('author_id', 'text')
      .addColumn('author_label', 'text')
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('task_comments_task')
      .on('task_comments')
      .columns(['task_id', 'id'])
      .execute();

    await db.schema
      .createTable('worklist_leads')
      .addColumn('role', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('worklist_digests')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('local_date', 'text', (c) => c.notNull())
      .addColumn('message_id', 'text')
      .addColumn('sent_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('worklist_digests_pk', ['user_id', 'local_date'])
      .execute();
  },
};

/**
 * The worklist API other modules call inside their own transaction (`tx`): open a task once per cause
 * (its dedupe key), close the tasks of a cause that went away, and read tasks.
 *
 * `openTask` is idempotent while a task with the key is open, also under concurrency: the insert
 * skips on the unique `open_key` (ON CONFLICT DO NOTHING — on PostgreSQL the second inserter waits
 * for the first to commit, then skips), and the open task is read back.
 */
import type { AnyDb } from '../../platform/db/database.js';
import type { Tx } from '../../platform/db/transaction.js';
import { decodeCursor, encodeCursor, type Page } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { DEPARTMENT_ROLE, rankKey } from './rules.js';
import { type Task, type TaskInput, taskInputSchema, toTask } from './schemas.js';
import * as store from './store.js';

export async function openTask(tx: Tx, input: TaskInput): Promise<{ id: string; created: boolean }> {
  const t = taskInputSchema.parse(input);
  const existing = await store.findOpenByKey(tx.db, t.dedupeKey);
  if (existing) return { id: existing.id, created: false };
  const id = newId('task');
  const priority = t.priority ?? 'normal';
  const ownerUserId = t.ownerUserId ?? null;
  const ownerRole = t.ownerRole ?? (ownerUserId ? null : DEPARTMENT_ROLE[t.department]);
  const row: store.TaskRow = {
    id,
    dedupe_key: t.dedupeKey,
    open_key: t.dedupeKey,
    kind: t.kind,
    department: t.department,
    title: t.title,
    reason: t.reason,
    record_type: t.recordType,
    record_id: t.recordId,
    customer_id: t.customerId ?? null,
    owner_role: ownerRole,
    owner_user_id: ownerUserId,
    priority,
    due_date: t.dueDate ?? null,
    snoozed_until: null,
    snooze_reason: null,
    status: 'open',
    resolution: null,
    escalated_at: null,
    escalated_to: null,
    rank_key: rankKey(priority, t.dueDate ?? null, id),
    created_at: tx.now,
    updated_at: tx.now,
    done_at: null,
    done_by: null,
  };
  if (await store.insertTaskIfNoneOpen(tx.db, row)) {
    tx.audit({ action: 'task.opened', entityType: 'task', entityId: id, after: toTask(row) });
    return { id, created: true };
  }
  // Another transaction opened it between our read and our insert (it has committed: we skipped on it).
  const winner = await store.findOpenByKey(tx.db, t.dedupeKey);
  if (!winner) throw new Error(`openTask: the open task for "${t.dedupeKey}" vanished`);
  return { id: winner.id, created: false };
}

/** Closes (status `closed`) every open task of a cause; returns how many it closed. */
export async function closeTasks(
  tx: Tx,
  by: { dedupeKey: string } | { dedupeKeyPrefix: string },
  resolution: string,
): Promise<number> {
  if ('dedupeKeyPrefix' in by && by.dedupeKeyPrefix.length === 0)
    throw new Error('closeTasks: an empty key prefix would close every task');
  const open = await store.openTasksBy(tx.db, by);
  let closed = 0;
  for (const row of open) {
    const changes = { status: 'closed', resolution, updated_at: tx.now, done_at: tx.now, done_by: null };
    if (await store.closeIfOpen(tx.db, row.id, changes)) {
      closed++;
      tx.audit({
        action: 'task.closed',
        entityType: 'task',
        entityId: row.id,
        before: { status: 'open' },
        after: { status: 'closed', resolution },
      });
    }
  }
  return closed;
}

export interface TaskListFilter extends Omit<store.TaskFilter, 'after' | 'limit'> {
  limit?: number;
  cursor?: string | undefined;
}

/** Tasks in worklist order (most urgent, then earliest due), a page at a time (`nextCursor`). */
export async function listTasks(db: AnyDb, filter: TaskListFilter = {}): Promise<Page<Task>> {
  const limit = filter.limit ?? 100;
  const { cursor, ...rest } = filter;
  const rows = await store.listTasks(db, { ...rest, after: decodeCursor<string>(cursor, 'string'), limit });
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(toTask),
    nextCursor: rows.length > limit && last ? encodeCursor(last.rank_key) : null,
  };
}

/** Every task (open or not) linked to a record, newest first. */
export async function tasksOfRecord(db: AnyDb, recordType: string, recordId: string): Promise<Task[]> {
  return (await store.tasksOfRecord(db, recordType, recordId)).map(toTask);
}

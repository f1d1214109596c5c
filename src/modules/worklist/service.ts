/**
 * Working the worklist: read tasks (filters, pages, CSV), assign them to a user or a role, snooze them
 * with a reason, comment, mark done and reopen — one task or many at once, every change audited in its
 * transaction. A change needs the role of the task's department, or admin (rules.ts).
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { Role } from '../../platform/auth/roles.js';
import type { AppContext } from '../../platform/context.js';
import { toCsv } from '../../platform/csv.js';
import { dateInZone } from '../../platform/dates.js';
import { type Tx, transaction } from '../../platform/db/transaction.js';
import { conflict, type FieldError, forbidden, notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { getUser } from '../users/index.js';
import {
  DEPARTMENT_LABELS,
  type Department,
  mayWriteDepartment,
  rankKey,
  type TaskPriority,
} from './rules.js';
import {
  type AssignInput,
  type ListQuery,
  type SnoozeInput,
  type Task,
  type TaskComment,
  toComment,
  toTask,
} from './schemas.js';
import * as store from './store.js';
import { listTasks, type TaskListFilter } from './tasks.js';

export const today = (ctx: AppContext) => dateInZone(ctx.clock.now(), ctx.config.TIMEZONE);

/** Turns the list query of the HTTP API into a store filter, as seen by `actor` on `day`. */
export function filterOf(query: ListQuery, actor: Actor, day: string): TaskListFilter {
  return {
    status: query.status ?? ['open'],
    department: query.department,
    kind: query.kind,
    ownerUserId: query.ownerUserId,
    ownerRole: query.ownerRole,
    mine: query.mine ? { userId: actor.userId ?? '', roles: actor.roles } : undefined,
    recordType: query.recordType,
    recordId: query.recordId,
    customerId: query.customerId,
    dueBy: query.due === 'today' ? day : undefined,
    overdueAsOf: query.due === 'overdue' ? day : undefined,
    hideSnoozedAsOf: query.snoozed === 'hide' ? day : undefined,
    onlySnoozedAsOf: query.snoozed === 'only' ? day : undefined,
  };
}

export async function listForActor(
  ctx: AppContext,
  actor: Actor,
  query: ListQuery,
  page: { limit: number; cursor?: string | undefined },
) {
  return listTasks(ctx.db, { ...filterOf(query, actor, today(ctx)), ...page });
}

export async function getTask(ctx: AppContext, id: string): Promise<Task & { comments: TaskComment[] }> {
  const row = await store.findTask(ctx.db, id);
  if (!row) throw notFound('task', id);
  const comments = await store.commentsOf(ctx.db, id);
  return { ...toTask(row), comments: comments.map(toComment) };
}

/** All tasks of the filter as CSV, in worklist order. */
export async function* exportTasks(ctx: AppContext, actor: Actor, query: ListQuery): AsyncGenerator<string> {
  yield toCsv([
    [
      'id',
      'status',
      'priority',
      'department',
      'kind',
      'title',
      'reason',
      'record_type',
      'record_id',
      'customer_id',
      'owner_role',
      'owner_user_id',
      'due_date',
      'snoozed_until',
      'snooze_reason',
      'escalated_at',
      'created_at',
      'done_at',
      'resolution',
    ],
  ]);
  let cursor: string | undefined;
  const filter = filterOf(query, actor, today(ctx));
  do {
    const page = await listTasks(ctx.db, { ...filter, limit: 500, cursor });
    yield toCsv(
      page.items.map((t) => [
        t.id,
        t.status,
        t.priority,
        t.department,
        t.kind,
        t.title,
        t.reason,
        t.recordType,
        t.recordId,
        t.customerId,
        t.ownerRole,
        t.ownerUserId,
        t.dueDate,
        t.snoozedUntil,
        t.snoozeReason,
        t.escalatedAt,
        t.createdAt,
        t.doneAt,
        t.resolution,
      ]),
    );
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

// ── Changes ──────────────────────────────────────────────────────────────────────────────────────

function assertMayWrite(actor: Actor, row: store.TaskRow, path?: string): void {
  if (actor.type === 'system' || mayWriteDepartment(actor.roles, row.department as Department)) return;
  const label = DEPARTMENT_LABELS[row.department as Department] ?? row.department;
  throw forbidden(
    `Task ${row.id} belongs to ${label}; only that department's role or an administrator may change it${path ? ` (${path})` : ''}.`,
  );
}

async function loadForWrite(tx: Tx, actor: Actor, id: string, path?: string): Promise<store.TaskRow> {
  const row = await store.lockTask(tx.db, tx.dialect, id);
  if (!row) {
    if (path) throw validationError(`No task with id "${id}".`, [{ path, message: 'is not a task' }]);
    throw notFound('task', id);
  }
  assertMayWrite(actor, row, path);
  return row;
}

function audited(tx: Tx, action: string, before: store.TaskRow, changes: Partial<store.TaskRow>) {
  const after = { ...before, ...changes };
  tx.audit({ action, entityType: 'task', entityId: before.id, before: toTask(before), after: toTask(after) });
  return after;
}

async function checkOwner(ctx: AppContext, userId: string | null | undefined, path = 'ownerUserId') {
  if (!userId) return;
  const user = await getUser(ctx, userId).catch(() => null);
  if (user?.status !== 'active')
    throw validationError(`No active user with id "${userId}".`, [
      { path, message: 'is not an active user' },
    ]);
}

function assignChanges(row: store.TaskRow, input: AssignInput, now: string): Partial<store.TaskRow> {
  const ownerUserId = input.ownerUserId === undefined ? row.owner_user_id : input.ownerUserId;
  const ownerRole = input.ownerRole === undefined ? row.owner_role : (input.ownerRole as Role | null);
  return { owner_user_id: ownerUserId, owner_role: ownerRole, updated_at: now };
}

function assertOpen(row: store.TaskRow, path?: string): void {
  if (row.status === 'open') return;
  const message = `is ${row.status}; reopen it first`;
  throw conflict(`Task ${row.id} is ${row.status}; only an open task can be changed this way.`, [
    { path: path ?? 'id', message },
  ]);
}

function snoozeChanges(ctx: AppContext, input: SnoozeInput, now: string, path = ''): Partial<store.TaskRow> {
  if (input.until <= today(ctx))
    throw validationError('A snooze must end after today.', [
      { path: `${path}until`, message: `must be after ${today(ctx)}` },
    ]);
  return { snoozed_until: input.until, snooze_reason: input.reason, updated_at: now };
}

export async function assignTask(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: AssignInput,
): Promise<Task> {
  await checkOwner(ctx, input.ownerUserId);
  return transaction(ctx, actor, async (tx) => {
    const row = await loadForWrite(tx, actor, id);
    assertOpen(row);
    const changes = assignChanges(row, input, tx.now);
    await store.updateTask(tx.db, id, changes);
    return toTask(audited(tx, 'task.assigned', row, changes));
  });
}

export async function snoozeTask(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: SnoozeInput,
): Promise<Task> {
  return transaction(ctx, actor, async (tx) => {
    const row = await loadForWrite(tx, actor, id);
    assertOpen(row);
    const changes = snoozeChanges(ctx, input, tx.now);
    await store.updateTask(tx.db, id, changes);
    return toTask(audited(tx, 'task.snoozed', row, changes));
  });
}

export async function commentTask(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: string,
): Promise<TaskComment> {
  return transaction(ctx, actor, async (tx) => {
    await loadForWrite(tx, actor, id);
    const comment: store.CommentRow = {
      id: newId('task_comment'),
      task_id: id,
      author_id: actor.userId ?? actor.id,
      author_label: actor.label,
      body,
      created_at: tx.now,
    };
    await store.insertComment(tx.db, comment);
    await store.updateTask(tx.db, id, { updated_at: tx.now });
    tx.audit({ action: 'task.commented', entityType: 'task', entityId: id, after: toComment(comment) });
    return toComment(comment);
  });
}

export async function markDone(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { resolution?: string | undefined },
): Promise<Task> {
  return transaction(ctx, actor, async (tx) => {
    const row = await loadForWrite(tx, actor, id);
    assertOpen(row);
    const changes = {
      status: 'done',
      resolution: input.resolution || 'Done',
      done_at: tx.now,
      done_by: actor.userId ?? actor.id,
      updated_at: tx.now,
    };
    await store.closeIfOpen(tx.db, id, changes);
    return toTask(audited(tx, 'task.done', row, { ...changes, open_key: null }));
  });
}

/** Opens a done or closed task again — unless a newer task for the same cause is open already. */
export async function reopenTask(ctx: AppContext, actor: Actor, id: string): Promise<Task> {
  return transaction(ctx, actor, async (tx) => {
    const row = await loadForWrite(tx, actor, id);
    if (row.status === 'open')
      throw conflict(`Task ${id} is already open.`, [{ path: 'id', message: 'is open' }]);
    const other = await store.findOpenByKey(tx.db, row.dedupe_key);
    if (other)
      throw conflict(`Task ${other.id} is already open for the same cause; work on that one.`, [
        { path: 'id', message: `another task (${other.id}) is open for this cause` },
      ]);
    const changes: Partial<store.TaskRow> = {
      status: 'open',
      open_key: row.dedupe_key,
      resolution: null,
      done_at: null,
      done_by: null,
      updated_at: tx.now,
    };
    await store.updateTask(tx.db, id, changes);
    return toTask(audited(tx, 'task.reopened', row, changes));
  });
}

/** Loads every selected task for a bulk change; any missing, forbidden or closed one fails all of them. */
async function loadAllForWrite(tx: Tx, actor: Actor, ids: readonly string[]): Promise<store.TaskRow[]> {
  const errors: FieldError[] = [];
  const rows: store.TaskRow[] = [];
  const seen = new Set<string>();
  for (const [i, id] of ids.entries()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const row = await store.lockTask(tx.db, tx.dialect, id);
    if (!row) errors.push({ path: `ids.${i}`, message: 'is not a task' });
    else if (row.status !== 'open') errors.push({ path: `ids.${i}`, message: `is ${row.status}, not open` });
    else rows.push(row);
    if (row) assertMayWrite(actor, row, `ids.${i}`);
  }
  if (errors.length)
    throw validationError('Some selected tasks cannot be changed; nothing was changed.', errors);
  return rows;
}

export async function bulkAssign(
  ctx: AppContext,
  actor: Actor,
  input: AssignInput & { ids: string[] },
): Promise<{ updated: number; tasks: Task[] }> {
  await checkOwner(ctx, input.ownerUserId);
  return transaction(ctx, actor, async (tx) => {
    const rows = await loadAllForWrite(tx, actor, input.ids);
    const tasks: Task[] = [];
    for (const row of rows) {
      const changes = assignChanges(row, input, tx.now);
      await store.updateTask(tx.db, row.id, changes);
      tasks.push(toTask(audited(tx, 'task.assigned', row, changes)));
    }
    return { updated: tasks.length, tasks };
  });
}

export async function bulkSnooze(
  ctx: AppContext,
  actor: Actor,
  input: SnoozeInput & { ids: string[] },
): Promise<{ updated: number; tasks: Task[] }> {
  return transaction(ctx, actor, async (tx) => {
    const changes = snoozeChanges(ctx, input, tx.now);
    const rows = await loadAllForWrite(tx, actor, input.ids);
    const tasks: Task[] = [];
    for (const row of rows) {
      await store.updateTask(tx.db, row.id, changes);
      tasks.push(toTask(audited(tx, 'task.snoozed', row, changes)));
    }
    return { updated: tasks.length, tasks };
  });
}

/** Changes a task's priority (and so its place in the list); used by escalation. */
export function priorityChanges(
  row: store.TaskRow,
  priority: TaskPriority,
  now: string,
): Partial<store.TaskRow> {
  return { priority, rank_key: rankKey(priority, row.due_date, row.id), updated_at: now };
}

// ── Leads ────────────────────────────────────────────────────────────────────────────────────────

export async function listLeads(ctx: AppContext) {
  const rows = await store.listLeads(ctx.db);
  return { leads: rows.map((r) => ({ role: r.role as Role, userId: r.user_id, updatedAt: r.updated_at })) };
}

export async function setLead(ctx: AppContext, actor: Actor, role: Role, userId: string | null) {
  await checkOwner(ctx, userId, 'userId');
  await transaction(ctx, actor, async (tx) => {
    const before = await store.findLead(tx.db, role);
    await store.setLead(tx.db, role, userId, tx.now);
    tx.audit({
      action: 'worklist.lead_set',
      entityType: 'worklist_lead',
      entityId: role,
      before: before ? { userId: before.user_id } : null,
      after: userId ? { userId } : null,
    });
  });
  return listLeads(ctx);
}

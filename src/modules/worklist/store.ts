/** The worklist module's queries. Only this module touches tasks, task_comments, worklist_leads and worklist_digests. */
import { type Kysely, sql } from 'kysely';
import { type AnyDb, type Dialect, tables } from '../../platform/db/database.js';
import type { WorklistTables } from './tables.js';

export type TaskRow = WorklistTables['tasks'];
export type CommentRow = WorklistTables['task_comments'];

const q = (db: AnyDb): Kysely<WorklistTables> => tables<WorklistTables>(db);

export const findTask = (db: AnyDb, id: string) =>
  q(db).selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();

/** The task row, locked until the transaction ends (PostgreSQL; SQLite's writer lock already serialises). */
export function lockTask(db: AnyDb, dialect: Dialect, id: string): Promise<TaskRow | undefined> {
  let query = q(db).selectFrom('tasks').selectAll().where('id', '=', id);
  if (dialect === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

export const findOpenByKey = (db: AnyDb, key: string) =>
  q(db).selectFrom('tasks').selectAll().where('open_key', '=', key).executeTakeFirst();

/** Inserts the task unless an open one holds its dedupe key; true when this call inserted it. */
export async function insertTaskIfNoneOpen(db: AnyDb, row: TaskRow): Promise<boolean> {
  const result = await q(db)
    .insertInto('tasks')
    .values(row)
    .onConflict((oc) => oc.column('open_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export const updateTask = (db: AnyDb, id: string, changes: Partial<TaskRow>) =>
  q(db).updateTable('tasks').set(changes).where('id', '=', id).execute();

/** Open tasks with this dedupe key or key prefix. */
export function openTasksBy(db: AnyDb, by: { dedupeKey: string } | { dedupeKeyPrefix: string }) {
  let query = q(db).selectFrom('tasks').selectAll().where('status', '=', 'open');
  if ('dedupeKey' in by) query = query.where('open_key', '=', by.dedupeKey);
  else {
    const like = `${by.dedupeKeyPrefix.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    query = query.where(sql<boolean>`open_key like ${like} escape '\\'`);
  }
  return query.orderBy('id').execute();
}

/** Closes one task if it is still open; false when it was not. */
export async function closeIfOpen(
  db: AnyDb,
  id: string,
  changes: Partial<TaskRow> & { status: string },
): Promise<boolean> {
  const result = await q(db)
    .updateTable('tasks')
    .set({ ...changes, open_key: null })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface TaskFilter {
  status?: readonly string[] | undefined;
  department?: readonly string[] | undefined;
  kind?: readonly string[] | undefined;
  ownerUserId?: string | undefined;
  ownerRole?: string | undefined;
  /** "Mine": assigned to this user, or unassigned to a user and owned by one of these roles. */
  mine?: { userId: string; roles: readonly string[] } | undefined;
  recordType?: string | undefined;
  recordId?: string | undefined;
  customerId?: string | undefined;
  /** Only tasks due on or before this date. */
  dueBy?: string | undefined;
  /** Only open tasks due before this date (overdue as of it). */
  overdueAsOf?: string | undefined;
  /** Leave out tasks snoozed past this date. */
  hideSnoozedAsOf?: string | undefined;
  /** Only tasks snoozed past this date. */
  onlySnoozedAsOf?: string | undefined;
  /** The rank key of the last task of the previous page. */
  after?: string | undefined;
  limit: number;
}

/** Tasks in worklist order (priority, due date, age), `limit + 1` rows. */
export async function listTasks(db: AnyDb, filter: TaskFilter): Promise<TaskRow[]> {
  let query = q(db).selectFrom('tasks').selectAll();
  if (filter.status?.length) query = query.where('status', 'in', [...filter.status]);
  if (filter.department?.length) query = query.where('department', 'in', [...filter.department]);
  if (filter.kind?.length) query = query.where('kind', 'in', [...filter.kind]);
  if (filter.ownerUserId) query = query.where('owner_user_id', '=', filter.ownerUserId);
  if (filter.ownerRole) query = query.where('owner_role', '=', filter.ownerRole);
  const mine = filter.mine;
  if (mine)
    query = query.where((eb) =>
      eb.or([
        eb('owner_user_id', '=', mine.userId),
        mine.roles.length
          ? eb.and([eb('owner_user_id', 'is', null), eb('owner_role', 'in', [...mine.roles])])
          : eb.val(false),
      ]),
    );
  if (filter.recordType) query = query.where('record_type', '=', filter.recordType);
  if (filter.recordId) query = query.where('record_id', '=', filter.recordId);
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.dueBy) query = query.where('due_date', '<=', filter.dueBy);
  if (filter.overdueAsOf)
    query = query.where('status', '=', 'open').where('due_date', '<', filter.overdueAsOf);
  const hide = filter.hideSnoozedAsOf;
  if (hide)
    query = query.where((eb) => eb.or([eb('snoozed_until', 'is', null), eb('snoozed_until', '<=', hide)]));
  if (filter.onlySnoozedAsOf) query = query.where('snoozed_until', '>', filter.onlySnoozedAsOf);
  if (filter.after !== undefined) query = query.where('rank_key', '>', filter.after);
  return query
    .orderBy('rank_key')
    .limit(filter.limit + 1)
    .execute();
}

export const tasksOfRecord = (db: AnyDb, recordType: string, recordId: string) =>
  q(db)
    .selectFrom('tasks')
    .selectAll()
    .where('record_type', '=', recordType)
    .where('record_id', '=', recordId)
    .orderBy('id', 'desc')
    .execute();

/** Open, unsnoozed tasks past their due date that were never escalated, oldest due first. */
export const overdueUnescalated = (db: AnyDb, today: string, limit: number) =>
  q(db)
    .selectFrom('tasks')
    .selectAll()
    .where('status', '=', 'open')
    .where('due_date', '<', today)
    .where('escalated_at', 'is', null)
    .where((eb) => eb.or([eb('snoozed_until', 'is', null), eb('snoozed_until', '<=', today)]))
    .orderBy('due_date')
    .orderBy('id')
    .limit(limit)
    .execute();

/** Records the escalation only if none was recorded yet; false when another worker got there first. */
export async function markEscalated(db: AnyDb, id: string, changes: Partial<TaskRow>): Promise<boolean> {
  const result = await q(db)
    .updateTable('tasks')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where('escalated_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Open tasks of these departments due on or before `today` (for digests). */
export const openDueTasksOf = (db: AnyDb, departments: readonly string[], today: string) =>
  q(db)
    .selectFrom('tasks')
    .selectAll()
    .where('status', '=', 'open')
    .where('department', 'in', [...departments])
    .where('due_date', '<=', today)
    .orderBy('rank_key')
    .execute();

export const commentsOf = (db: AnyDb, taskId: string) =>
  q(db).selectFrom('task_comments').selectAll().where('task_id', '=', taskId).orderBy('id').execute();

export const insertComment = (db: AnyDb, row: CommentRow) =>
  q(db).insertInto('task_comments').values(row).execute();

export const listLeads = (db: AnyDb) =>
  q(db).selectFrom('worklist_leads').selectAll().orderBy('role').execute();

export const findLead = (db: AnyDb, role: string) =>
  q(db).selectFrom('worklist_leads').selectAll().where('role', '=', role).executeTakeFirst();

export async function setLead(db: AnyDb, role: string, userId: string | null, now: string): Promise<void> {
  await q(db).deleteFrom('worklist_leads').where('role', '=', role).execute();
  if (userId)
    await q(db).insertInto('worklist_leads').values({ role, user_id: userId, updated_at: now }).execute();
}

/** Claims one user's digest for one local day; false when it was already claimed (sent). */
export async function claimDigest(
  db: AnyDb,
  userId: string,
  localDate: string,
  now: string,
): Promise<boolean> {
  const result = await q(db)
    .insertInto('worklist_digests')
    .values({ user_id: userId, local_date: localDate, message_id: null, sent_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'local_date']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export const setDigestMessage = (db: AnyDb, userId: string, localDate: string, messageId: string) =>
  q(db)
    .updateTable('worklist_digests')
    .set({ message_id: messageId })
    .where('user_id', '=', userId)
    .where('local_date', '=', localDate)
    .execute();

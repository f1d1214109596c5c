/** The worklist's shapes at the HTTP boundary and the Task type other modules see. */
import { z } from 'zod';
import { ROLES, roleSchema } from '../../platform/auth/roles.js';
import { businessDateSchema } from '../../platform/dates.js';
import { pageQuerySchema } from '../../platform/http/pagination.js';
import { DEPARTMENTS, TASK_PRIORITIES, TASK_STATUSES } from './rules.js';
import type { CommentRow, TaskRow } from './store.js';

export const departmentSchema = z.enum(DEPARTMENTS);
export const prioritySchema = z.enum(TASK_PRIORITIES);
export const taskStatusSchema = z.enum(TASK_STATUSES);

export const taskSchema = z.object({
  id: z.string(),
  dedupeKey: z.string(),
  kind: z.string(),
  department: departmentSchema,
  title: z.string(),
  reason: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  customerId: z.string().nullable(),
  ownerRole: roleSchema.nullable(),
  ownerUserId: z.string().nullable(),
  priority: prioritySchema,
  dueDate: z.string().nullable(),
  snoozedUntil: z.string().nullable(),
  snoozeReason: z.string().nullable(),
  status: taskStatusSchema,
  resolution: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  escalatedTo: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
});
export type Task = z.infer<typeof taskSchema>;

export const toTask = (row: TaskRow): Task => ({
  id: row.id,
  dedupeKey: row.dedupe_key,
  kind: row.kind,
  department: row.department as Task['department'],
  title: row.title,
  reason: row.reason,
  recordType: row.record_type,
  recordId: row.record_id,
  customerId: row.customer_id,
  ownerRole: row.owner_role as Task['ownerRole'],
  ownerUserId: row.owner_user_id,
  priority: row.priority as Task['priority'],
  dueDate: row.due_date,
  snoozedUntil: row.snoozed_until,
  snoozeReason: row.snooze_reason,
  status: row.status as Task['status'],
  resolution: row.resolution,
  escalatedAt: row.escalated_at,
  escalatedTo: row.escalated_to ? (JSON.parse(row.escalated_to) as string[]) : [],
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  doneAt: row.done_at,
  doneBy: row.done_by,
});

export const commentSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  authorId: z.string().nullable(),
  authorLabel: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
});
export type TaskComment = z.infer<typeof commentSchema>;

export const toComment = (row: CommentRow): TaskComment => ({
  id: row.id,
  taskId: row.task_id,
  authorId: row.author_id,
  authorLabel: row.author_label,
  body: row.body,
  createdAt: row.created_at,
});

export const taskDetailSchema = taskSchema.extend({ comments: z.array(commentSchema) });

/** What another module passes to openTask. */
export const taskInputSchema = z.object({
  dedupeKey: z.string().min(1).max(300),
  kind: z.string().min(1).max(100),
  department: departmentSchema,
  title: z.string().trim().min(1).max(300),
  reason: z.string().trim().min(1).max(2000),
  recordType: z.string().min(1).max(50),
  recordId: z.string().min(1).max(100),
  customerId: z.string().max(100).nullable().optional(),
  ownerRole: roleSchema.nullable().optional(),
  ownerUserId: z.string().max(100).nullable().optional(),
  priority: prioritySchema.optional(),
  dueDate: businessDateSchema.optional(),
});
export type TaskInput = z.input<typeof taskInputSchema>;

/** A comma-separated list in a query string, each value one of `allowed` (any when omitted). */
const csvList = (allowed?: readonly string[]) =>
  z
    .string()
    .max(1000)
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : undefined,
    )
    .refine((v) => v === undefined || allowed === undefined || v.every((s) => allowed.includes(s)), {
      message: `must be one or more of ${allowed?.join(', ')}, comma-separated`,
    });

export const listQuerySchema = z.object({
  status: csvList(TASK_STATUSES),
  department: csvList(DEPARTMENTS),
  kind: csvList(),
  ownerUserId: z.string().max(100).optional(),
  ownerRole: roleSchema.optional(),
  /** `true`: assigned to me, or to one of my roles and to no one in particular. */
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  recordType: z.string().max(50).optional(),
  recordId: z.string().max(100).optional(),
  customerId: z.string().max(100).optional(),
  /** `today`: due today or earlier; `overdue`: past due; `none`: no filter. */
  due: z.enum(['today', 'overdue']).optional(),
  /** `hide` (default): leave snoozed tasks out; `only`: only snoozed ones; `include`: both. */
  snoozed: z.enum(['hide', 'only', 'include']).default('hide'),
});
export const listPageQuerySchema = pageQuerySchema.extend(listQuerySchema.shape);
export type ListQuery = z.infer<typeof listQuerySchema>;

const ownerFields = {
  ownerUserId: z.string().min(1).max(100).nullable().optional(),
  ownerRole: roleSchema.nullable().optional(),
};
const requireOwner = (v: {
  ownerUserId?: string | null | undefined;
  ownerRole?: string | null | undefined;
}) => v.ownerUserId !== undefined || v.ownerRole !== undefined;

export const assignSchema = z
  .strictObject(ownerFields)
  .refine(requireOwner, { message: 'give ownerUserId or ownerRole (null to clear)', path: ['ownerUserId'] });
export type AssignInput = z.infer<typeof assignSchema>;

export const snoozeSchema = z.strictObject({
  until: businessDateSchema,
  reason: z.string().trim().min(1, 'is required').max(500),
});
export type SnoozeInput = z.infer<typeof snoozeSchema>;

export const commentInputSchema = z.strictObject({ body: z.string().trim().min(1, 'is required').max(5000) });

export const doneSchema = z.strictObject({ resolution: z.string().trim().max(500).optional() });

export const bulkIdsSchema = z.array(z.string().min(1).max(100)).min(1, 'select at least one task').max(500);

export const bulkAssignSchema = z
  .strictObject({ ids: bulkIdsSchema, ...ownerFields })
  .refine(requireOwner, { message: 'give ownerUserId or ownerRole (null to clear)', path: ['ownerUserId'] });

export const bulkSnoozeSchema = z.strictObject({ ids: bulkIdsSchema, ...snoozeSchema.shape });

export const bulkResultSchema = z.object({ updated: z.number().int(), tasks: z.array(taskSchema) });

export const leadsSchema = z.object({
  leads: z.array(z.object({ role: roleSchema, userId: z.string(), updatedAt: z.string() })),
});
export const setLeadSchema = z.strictObject({ userId: z.string().min(1).max(100).nullable() });
export const roleParams = z.object({ role: z.enum(ROLES) });

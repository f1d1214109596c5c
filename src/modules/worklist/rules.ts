/**
 * The worklist's rules, free of I/O: departments and the roles that work them, the order of the list
 * (priority, then due date), what escalation does to a priority, and which tasks a digest lists.
 */
import type { Role } from '../../platform/auth/roles.js';

export const DEPARTMENTS = ['finance', 'logistics', 'sales', 'customer_service'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export const TASK_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const TASK_STATUSES = ['open', 'done', 'closed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** The role that works each department; admin may act on every department. */
export const DEPARTMENT_ROLE: Record<Department, Role> = {
  finance: 'finance',
  logistics: 'logistics',
  sales: 'sales',
  customer_service: 'support',
};

export const DEPARTMENT_LABELS: Record<Department, string> = {
  finance: 'Finance',
  logistics: 'Logistics',
  sales: 'Sales',
  customer_service: 'Customer service',
};

/** Roles that may change a task of a department: the department's role and admin. */
export function rolesWritingDepartment(department: Department): Role[] {
  return ['admin', DEPARTMENT_ROLE[department]];
}

export function mayWriteDepartment(roles: readonly Role[], department: Department): boolean {
  return roles.some((r) => rolesWritingDepartment(department).includes(r));
}

/** Departments whose daily digest a user with these roles receives (admin receives none by role alone). */
export function departmentsOfRoles(roles: readonly Role[]): Department[] {
  return DEPARTMENTS.filter((d) => roles.includes(DEPARTMENT_ROLE[d]));
}

const PRIORITY_RANK: Record<TaskPriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };
const NO_DUE_DATE = '9999-12-31';

/**
 * The sort key of a task: most urgent first, then earliest due date (none last), then oldest first.
 * One string so that a single indexed column gives both the order and the page cursor.
 */
export function rankKey(priority: TaskPriority, dueDate: string | null, id: string): string {
  return `${PRIORITY_RANK[priority]}|${dueDate ?? NO_DUE_DATE}|${id}`;
}

/** Escalating raises the priority one step, at least to high. */
export function escalatedPriority(priority: TaskPriority): TaskPriority {
  return priority === 'urgent' ? 'urgent' : priority === 'high' ? 'urgent' : 'high';
}

/** An open task is overdue once today is after its due date. */
export function isOverdue(task: { status: string; dueDate: string | null }, today: string): boolean {
  return task.status === 'open' && task.dueDate !== null && task.dueDate < today;
}

export function isSnoozed(task: { snoozedUntil: string | null }, today: string): boolean {
  return task.snoozedUntil !== null && task.snoozedUntil > today;
}

export interface DigestTask {
  id: string;
  title: string;
  reason: string;
  dueDate: string | null;
  priority: string;
  snoozedUntil: string | null;
}

/** What a digest lists: open tasks due today, and those that slipped (overdue), snoozed ones left out. */
export function digestSections<T extends DigestTask>(
  tasks: readonly T[],
  today: string,
): { dueToday: T[]; overdue: T[] } {
  const active = tasks.filter((t) => !isSnoozed(t, today) && t.dueDate !== null);
  return {
    dueToday: active.filter((t) => t.dueDate === today),
    overdue: active
      .filter((t) => (t.dueDate as string) < today)
      .sort((a, b) => (a.dueDate as string).localeCompare(b.dueDate as string)),
  };
}

/** The text of one user's digest for one day. */
export function digestText(
  name: string,
  departments: readonly Department[],
  today: string,
  sections: { dueToday: DigestTask[]; overdue: DigestTask[] },
  baseUrl: string,
): { subject: string; text: string } {
  const labels = departments.map((d) => DEPARTMENT_LABELS[d]).join(', ');
  const line = (t: DigestTask) =>
    `- ${t.title}${t.dueDate ? ` (due ${t.dueDate})` : ''} — ${t.reason}\n  ${baseUrl}/?task=${t.id}`;
  const parts = [`Hello ${name},`, '', `Your worklist for ${today} (${labels}).`, ''];
  parts.push(`Due today (${sections.dueToday.length}):`);
  parts.push(...(sections.dueToday.length ? sections.dueToday.map(line) : ['- nothing']));
  parts.push('', `Slipped — overdue (${sections.overdue.length}):`);
  parts.push(...(sections.overdue.length ? sections.overdue.map(line) : ['- nothing']));
  parts.push('', `Open your worklist: ${baseUrl}/`);
  return {
    subject: `Duely worklist ${today}: ${sections.dueToday.length} due today, ${sections.overdue.length} overdue`,
    text: parts.join('\n'),
  };
}

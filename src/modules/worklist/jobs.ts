/**
 * The worklist's background work: escalation of overdue tasks to the role's lead (once per task, guarded
 * by `escalated_at`), and the daily digest per department (once per user and local day, claimed in
 * `worklist_digests` before the mail is queued in the same transaction).
 */
import { systemActor } from '../../platform/auth/actor.js';
import type { Role } from '../../platform/auth/roles.js';
import type { AppContext } from '../../platform/context.js';
import { transaction } from '../../platform/db/transaction.js';
import { queueMail } from '../../platform/mail/outbox.js';
import { getUser, listUsers } from '../users/index.js';
import {
  DEPARTMENT_ROLE,
  DEPARTMENTS,
  type Department,
  departmentsOfRoles,
  digestSections,
  digestText,
  escalatedPriority,
  type TaskPriority,
} from './rules.js';
import { toTask } from './schemas.js';
import { priorityChanges, today } from './service.js';
import * as store from './store.js';

export const ESCALATE_JOB = 'worklist.escalate';
export const DIGEST_JOB = 'worklist.digest';

const actor = systemActor('worklist');
const BATCH = 200;

interface Person {
  id: string;
  email: string;
  name: string;
  roles: readonly Role[];
}

async function activeUsersWithRole(ctx: AppContext, role: Role): Promise<Person[]> {
  const out: Person[] = [];
  let afterId: string | undefined;
  for (;;) {
    const rows = await listUsers(ctx, { role, status: 'active', afterId, limit: 500 });
    out.push(...rows.slice(0, 500).map((u) => ({ id: u.id, email: u.email, name: u.name, roles: u.roles })));
    if (rows.length <= 500) return out;
    afterId = rows[499]?.id;
  }
}

/** Who receives an escalation of a role's task: its lead when one is set and active, else every admin. */
async function leadsOf(ctx: AppContext, role: Role, cache: Map<string, Person[]>): Promise<Person[]> {
  const cached = cache.get(role);
  if (cached) return cached;
  let people: Person[] = [];
  const lead = await store.findLead(ctx.db, role);
  if (lead) {
    const user = await getUser(ctx, lead.user_id).catch(() => null);
    if (user && user.status === 'active') people = [user];
  }
  if (people.length === 0) people = await activeUsersWithRole(ctx, 'admin');
  cache.set(role, people);
  return people;
}

/** Escalates every open, unsnoozed task past its due date that was never escalated. Returns how many. */
export async function escalateOverdue(ctx: AppContext): Promise<number> {
  const day = today(ctx);
  const base = ctx.config.BASE_URL.replace(/\/$/, '');
  const cache = new Map<string, Person[]>();
  let escalated = 0;
  for (;;) {
    // Each round reads afresh: a task escalated here (or by another worker) no longer matches.
    const due = await store.overdueUnescalated(ctx.db, day, BATCH);
    if (due.length === 0) return escalated;
    for (const row of due) {
      const role = (row.owner_role ?? DEPARTMENT_ROLE[row.department as Department]) as Role;
      const leads = await leadsOf(ctx, role, cache);
      const done = await transaction(ctx, actor, async (tx) => {
        const priority = escalatedPriority(row.priority as TaskPriority);
        const changes = {
          ...priorityChanges(row, priority, tx.now),
          escalated_at: tx.now,
          escalated_to: JSON.stringify(leads.map((p) => p.id)),
        };
        if (!(await store.markEscalated(tx.db, row.id, changes))) return false;
        tx.audit({
          action: 'task.escalated',
          entityType: 'task',
          entityId: row.id,
          before: toTask(row),
          after: toTask({ ...row, ...changes }),
        });
        for (const lead of leads) {
          await queueMail(tx, {
            to: [lead.email],
            subject: `Escalated: ${row.title} (due ${row.due_date})`,
            text: [
              `Hello ${lead.name},`,
              '',
              `This ${role} task is overdue since ${row.due_date} and was escalated to you.`,
              '',
              `${row.title}`,
              `Why: ${row.reason}`,
              `Owner: ${row.owner_user_id ? `user ${row.owner_user_id}` : `role ${role}`}`,
              `Priority is now ${priority}.`,
              '',
              `${base}/?task=${row.id}`,
            ].join('\n'),
            related: { type: 'task', id: row.id },
          });
        }
        return true;
      });
      if (done) escalated++;
    }
  }
}

/** Sends today's digest to every active user of a department who has something due or overdue. */
export async function sendDigests(ctx: AppContext): Promise<number> {
  const day = today(ctx);
  const base = ctx.config.BASE_URL.replace(/\/$/, '');
  const people = new Map<string, Person>();
  for (const department of DEPARTMENTS)
    for (const p of await activeUsersWithRole(ctx, DEPARTMENT_ROLE[department])) people.set(p.id, p);
  let sent = 0;
  for (const person of people.values()) {
    const departments = departmentsOfRoles(person.roles);
    const rows = await store.openDueTasksOf(ctx.db, departments, day);
    const sections = digestSections(rows.map(toTask), day);
    if (sections.dueToday.length === 0 && sections.overdue.length === 0) continue;
    const mail = digestText(person.name, departments, day, sections, base);
    const queued = await transaction(ctx, actor, async (tx) => {
      if (!(await store.claimDigest(tx.db, person.id, day, tx.now))) return false;
      const messageId = await queueMail(tx, {
        to: [person.email],
        subject: mail.subject,
        text: mail.text,
        related: { type: 'user', id: person.id },
      });
      await store.setDigestMessage(tx.db, person.id, day, messageId);
      return true;
    });
    if (queued) sent++;
  }
  return sent;
}

export function registerWorklistJobs(ctx: AppContext): void {
  ctx.jobs.register({
    name: ESCALATE_JOB,
    maxAttempts: 5,
    handler: async ({ ctx: jobCtx }) => {
      const n = await escalateOverdue(jobCtx);
      if (n > 0) jobCtx.logger.info({ escalated: n }, 'worklist tasks escalated');
    },
  });
  ctx.jobs.register({
    name: DIGEST_JOB,
    maxAttempts: 5,
    handler: async ({ ctx: jobCtx }) => {
      const n = await sendDigests(jobCtx);
      jobCtx.logger.info({ digests: n }, 'worklist digests queued');
    },
  });
}

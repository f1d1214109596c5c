import { describe, expect, it } from 'vitest';
import {
  closeTasks,
  escalateOverdue,
  listTasks,
  openTask,
  sendDigests,
  type TaskInput,
  tasksOfRecord,
} from '../../src/modules/worklist/index.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import { transaction } from '../../src/platform/db/transaction.js';
import { bearer, describeEachApp } from '../support/app.js';
import { runTogether } from '../support/child-process.js';

const system = systemActor('test');
let n = 0;
const input = (over: Partial<TaskInput> = {}): TaskInput => ({
  dedupeKey: `test:${++n}`,
  kind: 'shipment_late',
  department: 'logistics',
  title: `Task ${n}`,
  reason: 'Because a test said so',
  recordType: 'shipment',
  recordId: `shp_${n}`,
  ...over,
});

describeEachApp('worklist', (get) => {
  const open = (task: TaskInput) => transaction(get().ctx, system, (tx) => openTask(tx, task));
  const mails = async (to: string) =>
    (await get().ctx.db.selectFrom('mail_messages').selectAll().execute()).filter((m) =>
      (JSON.parse(m.to_addresses) as string[]).includes(to),
    );

  describe('one open task per cause', () => {
    it('opening the same key twice gives the same task; a new key a new one', async () => {
      const task = input();
      const first = await open(task);
      const second = await open({ ...task, title: 'Another title' });
      expect(first.created).toBe(true);
      expect(second).toEqual({ id: first.id, created: false });
      const other = await open(input());
      expect(other.created).toBe(true);
      expect(other.id).not.toBe(first.id);
      const [row] = await tasksOfRecord(get().ctx.db, 'shipment', task.recordId);
      expect(row).toMatchObject({ id: first.id, status: 'open', ownerRole: 'logistics', priority: 'normal' });
    });

    it('processes racing to open one cause leave exactly one open task', async () => {
      const key = `race:${Date.now()}`;
      const results = await runTogether<{ created: number; ids: string[] }>(
        [0, 1, 2, 3].map(() => ({
          script: 'tests/api/worklist-open.child.ts',
          args: [get().url, key, '5'],
          timeoutMs: 120_000,
        })),
      );
      expect(results.reduce((s, r) => s + r.created, 0)).toBe(1);
      expect(new Set(results.flatMap((r) => r.ids)).size).toBe(1);
      const rows = await get().ctx.db.selectFrom('tasks').selectAll().where('dedupe_key', '=', key).execute();
      expect(rows).toHaveLength(1);
    });

    it('closes by key and by key prefix; the cause can then open a new task', async () => {
      const a = input({ dedupeKey: 'delay:ord_1:late' });
      const b = input({ dedupeKey: 'delay:ord_1:stalled' });
      const c = input({ dedupeKey: 'delay:ord_2:late' });
      const [ta, tb, tc] = [await open(a), await open(b), await open(c)];
      const byKey = await transaction(get().ctx, system, (tx) =>
        closeTasks(tx, { dedupeKey: 'delay:ord_1:late' }, 'Shipped'),
      );
      expect(byKey).toBe(1);
      const byPrefix = await transaction(get().ctx, system, (tx) =>
        closeTasks(tx, { dedupeKeyPrefix: 'delay:ord_1:' }, 'Delivered'),
      );
      expect(byPrefix).toBe(1);
      const again = await transaction(get().ctx, system, (tx) =>
        closeTasks(tx, { dedupeKeyPrefix: 'delay:ord_1:' }, 'Delivered'),
      );
      expect(again).toBe(0);
      const closed = await get()
        .ctx.db.selectFrom('tasks')
        .selectAll()
        .where('id', 'in', [ta.id, tb.id, tc.id])
        .execute();
      const byId = new Map(closed.map((r) => [r.id, r]));
      expect(byId.get(ta.id)).toMatchObject({ status: 'closed', resolution: 'Shipped', open_key: null });
      expect(byId.get(tb.id)).toMatchObject({ status: 'closed', resolution: 'Delivered' });
      expect(byId.get(tc.id)).toMatchObject({ status: 'open', open_key: 'delay:ord_2:late' });
      // A literal % or _ in a prefix is not a wildcard.
      expect(
        await transaction(get().ctx, system, (tx) => closeTasks(tx, { dedupeKeyPrefix: 'delay:ord_%' }, 'x')),
      ).toBe(0);
      const reopened = await open(a);
      expect(reopened.created).toBe(true);
      expect(reopened.id).not.toBe(ta.id);
    });
  });

  describe('HTTP', () => {
    it('lists, filters, assigns, comments, snoozes, completes and reopens; writes follow the department', async () => {
      const t = get();
      const logistics = await t.userWith(['logistics']);
      const logisticsToken = await t.tokenWith(['logistics']);
      const financeToken = await t.tokenWith(['finance']);
      const auditorToken = await t.tokenWith(['auditor']);
      const task = await open(input({ priority: 'high', dueDate: '2026-12-04' }));
      const fin = await open(input({ department: 'finance', kind: 'invoice_call', recordType: 'invoice' }));

      const list = await t.inject({
        method: 'GET',
        url: '/api/worklist/tasks?department=logistics&limit=500',
        headers: bearer(auditorToken),
      });
      expect(list.statusCode).toBe(200);
      const ids = list.json().items.map((i: { id: string }) => i.id);
      expect(ids).toContain(task.id);
      expect(ids).not.toContain(fin.id);

      const mine = await t.inject({
        method: 'GET',
        url: '/api/worklist/tasks?mine=true&limit=500',
        headers: bearer(financeToken),
      });
      expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(fin.id);
      expect(mine.json().items.map((i: { id: string }) => i.id)).not.toContain(task.id);

      const bad = await t.inject({
        method: 'GET',
        url: '/api/worklist/tasks?department=moon',
        headers: bearer(auditorToken),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('querystring.department');

      const forbidden = await t.inject({
        method: 'POST',
        url: `/api/worklist/tasks/${task.id}/done`,
        headers: bearer(financeToken),
        payload: {},
      });
      expect(forbidden.statusCode).toBe(403);

      const assigned = await t.inject({
        method: 'POST',
        url: `/api/worklist/tasks/${task.id}/assign`,
        headers: bearer(logisticsToken),
        payload: { ownerUserId: logistics.id },
      });
      expect(assigned.statusCode).toBe(200);
      expect(assigned.json().ownerUserId).toBe(logistics.id);

      const badUser = await t.inject({
        method: 'POST',
        url: `/api/worklist/tasks/${task.id}/assign`,
        headers: bearer(logisticsToken),
        payload: { ownerUserId: 'usr_nobody' },
      });
      expect(badUser.statusCode).toBe(400);
      expect(badUser.json().errors[0].path).toBe('ownerUserId');

      const comment = await t.inject({
        method: 'POST',
        url: `/api/worklist/tasks/${task.id}/comments`,
        headers: bearer(logisticsToken),
        payload: { body: 'Called the carrier' },
      });
      expect(comment.statusCode).toBe(201);

      const pastSnooze = await t.inject({
        method: 'POST',
        url: `/api/worklist/tasks/${task.id}/snooze`,
        headers: bearer(logisticsToken),
        payload: { until: '2026-12-04', reason: 'Waiting' },
      });
      expect(pastSnooze.statusCode).toBe(400);
      expect(pastSnooze.json().errors[0].path).toBe('until');
      const snoozed = await t.inject({
        method: 'POST',
        url: `/api/worklist/tasks/${task.id}/snooze`,
        headers: bearer(logisticsToken),
        payload: { until: '2026-12-08', reason: 'Carrier calls back Tuesday' },
      });
      expect(snoozed.json()).toMatchObject({
        snoozedUntil: '2026-12-08',
        snoozeReason: 'Carrier calls back Tuesday',
      });
      const hidden = await t.inject({
        method: 'GET',
        url: '/api/worklist/tasks?department=logistics&limit=500',
        headers: bearer(auditorToken),
      });
      expect(hidden.json().items.map((i: { id: string }) => i.id)).not.toContain(task.id);
      const onlySnoozed = await t.inject({
        method: 'GET',
        url: '/api/worklist/tasks?snoozed=only&limit=500',
        headers: bearer(auditorToken),
      });
      expect(onlySnoozed.json().items.map((i: { id: string }) => i.id)).toContain(task.id);

      const done = await t.inject({
        method: 'POST',
        url: `/api/worklist/tasks/${task.id}/done`,
        headers: bearer(logisticsToken),
        payload: { resolution: 'Delivered after all' },
      });
      expect(done.json()).toMatchObject({ status: 'done', resolution: 'Delivered after all' });
      const detail = await t.inject({
        method: 'GET',
        url: `/api/worklist/tasks/${task.id}`,
        headers: bearer(auditorToken),
      });
      expect(detail.json().comments.map((c: { body: string }) => c.body)).toEqual(['Called the carrier']);

      const reopened = await t.inject({
        method: 'POST',
        url: `/api/worklist/tasks/${task.id}/reopen`,
        headers: bearer(logisticsToken),
      });
      expect(reopened.json().status).toBe('open');
      const audit = await t.ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', task.id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining([
          'task.opened',
          'task.assigned',
          'task.commented',
          'task.snoozed',
          'task.done',
          'task.reopened',
        ]),
      );
    });

    it('bulk changes apply to all selected tasks or to none', async () => {
      const t = get();
      const token = await t.tokenWith(['logistics']);
      const a = await open(input());
      const b = await open(input());
      const refused = await t.inject({
        method: 'POST',
        url: '/api/worklist/tasks/bulk/snooze',
        headers: bearer(token),
        payload: { ids: [a.id, 'tsk_missing', b.id], until: '2026-12-10', reason: 'Holiday' },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toEqual([{ path: 'ids.1', message: 'is not a task' }]);
      const untouched = await tasksOfRecord(
        t.ctx.db,
        'shipment',
        (
          await t.ctx.db
            .selectFrom('tasks')
            .select('record_id')
            .where('id', '=', a.id)
            .executeTakeFirstOrThrow()
        ).record_id,
      );
      expect(untouched[0]?.snoozedUntil).toBeNull();

      const ok = await t.inject({
        method: 'POST',
        url: '/api/worklist/tasks/bulk/assign',
        headers: bearer(token),
        payload: { ids: [a.id, b.id], ownerRole: 'sales' },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().updated).toBe(2);
      expect(ok.json().tasks.map((x: { ownerRole: string }) => x.ownerRole)).toEqual(['sales', 'sales']);
    });

    it('exports the filtered list as CSV', async () => {
      const t = get();
      const token = await t.tokenWith(['auditor']);
      const task = await open(input({ department: 'sales', title: '=cmd|evil' }));
      const csv = await t.inject({
        method: 'GET',
        url: '/api/worklist/tasks/export.csv?department=sales',
        headers: bearer(token),
      });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.body.trim().split('\r\n');
      expect(lines[0]).toMatch(/^id,status,priority,department/);
      expect(
        lines.some((l) => l.startsWith(`${task.id},open,normal,sales`) && l.includes("'=cmd|evil")),
      ).toBe(true);
    });

    it('pages with a cursor in worklist order', async () => {
      const t = get();
      for (let i = 0; i < 5; i++) await open(input({ department: 'customer_service', kind: 'paging' }));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await listTasks(t.ctx.db, {
          kind: ['paging'],
          status: ['open'],
          limit: 2,
          cursor: cursor ?? undefined,
        });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(5);
      expect([...seen].sort()).toEqual(seen);
    });
  });

  describe('escalation and digest', () => {
    it('escalates an overdue task to the role lead once, raising its priority', async () => {
      const t = get();
      const lead = await t.userWith(['sales']);
      const set = await t.inject({
        method: 'PUT',
        url: '/api/worklist/leads/sales',
        headers: bearer(await t.tokenWith(['admin'])),
        payload: { userId: lead.id },
      });
      expect(set.statusCode).toBe(200);
      const badLead = await t.inject({
        method: 'PUT',
        url: '/api/worklist/leads/sales',
        headers: bearer(await t.tokenWith(['admin'])),
        payload: { userId: 'usr_nobody' },
      });
      expect(badLead.statusCode).toBe(400);
      expect(badLead.json().errors[0].path).toBe('userId');
      const overdue = await open(input({ department: 'sales', dueDate: '2026-12-02', priority: 'normal' }));
      const notYet = await open(input({ department: 'sales', dueDate: '2026-12-04' }));
      const snoozed = await open(input({ department: 'sales', dueDate: '2026-12-01' }));
      const snooze = await t.inject({
        method: 'POST',
        url: `/api/worklist/tasks/${snoozed.id}/snooze`,
        headers: bearer(await t.tokenWith(['sales'])),
        payload: { until: '2026-12-09', reason: 'Customer on holiday' },
      });
      expect(snooze.statusCode).toBe(200);
      const first = await escalateOverdue(t.ctx);
      expect(first).toBeGreaterThanOrEqual(1);
      expect(await escalateOverdue(t.ctx)).toBe(0);
      const rows = await t.ctx.db
        .selectFrom('tasks')
        .selectAll()
        .where('id', 'in', [overdue.id, notYet.id])
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(byId.get(overdue.id)).toMatchObject({
        priority: 'high',
        escalated_to: JSON.stringify([lead.id]),
      });
      expect(byId.get(overdue.id)?.escalated_at).not.toBeNull();
      expect(byId.get(notYet.id)?.escalated_at).toBeNull();
      const snoozedRow = await t.ctx.db
        .selectFrom('tasks')
        .selectAll()
        .where('id', '=', snoozed.id)
        .executeTakeFirstOrThrow();
      expect(snoozedRow.escalated_at).toBeNull();
      const sent = await mails(lead.email);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.subject).toContain('Escalated');
    });

    it('sends each department user one digest a day listing what is due and what slipped', async () => {
      const t = get();
      const user = await t.userWith(['support']);
      const due = await open(
        input({ department: 'customer_service', title: 'Due today task', dueDate: '2026-12-04' }),
      );
      await open(input({ department: 'customer_service', title: 'Slipped task', dueDate: '2026-12-01' }));
      await open(input({ department: 'customer_service', title: 'Later task', dueDate: '2026-12-20' }));
      expect(await sendDigests(t.ctx)).toBeGreaterThanOrEqual(1);
      expect(await sendDigests(t.ctx)).toBe(0);
      let sent = await mails(user.email);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.text_body).toContain('Due today task');
      expect(sent[0]?.text_body).toContain('Slipped task');
      expect(sent[0]?.text_body).not.toContain('Later task');
      expect(sent[0]?.text_body).toContain(due.id);
      t.clock.set('2026-12-05T09:00:00.000Z');
      try {
        expect(await sendDigests(t.ctx)).toBeGreaterThanOrEqual(1);
        sent = await mails(user.email);
        expect(sent).toHaveLength(2);
      } finally {
        t.clock.set('2026-12-04T09:00:00.000Z');
      }
    });
  });
});

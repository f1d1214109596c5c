import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../../../tests/support/databases.js';
import { systemActor } from '../auth/actor.js';
import type { Dialect } from '../db/database.js';
import { transaction } from '../db/transaction.js';
import { verifyAuditTrail } from './verify.js';

for (const kind of ['sqlite', 'postgres'] as Dialect[]) {
  const available = kind === 'sqlite' || inject('postgresAvailable');
  (available ? describe : describe.skip)(`verifyAuditTrail [${kind}]`, () => {
    let t: TestDatabase;
    let close: () => Promise<void>;
    let ids: Map<number, string>;

    /** A fresh database with five audit entries, seq 1..5, written by separate transactions. */
    beforeEach(async () => {
      ({ db: t, close } = await openTestDatabase(kind));
      for (let i = 1; i <= 5; i++) {
        await transaction(t.ctx, systemActor('test'), async (tx) => {
          tx.audit({
            action: 'invoice.issued',
            entityType: 'invoice',
            entityId: `inv_${i}`,
            after: { amount: i * 100 },
          });
        });
      }
      const rows = await t.ctx.db.selectFrom('audit_log').select(['seq', 'id']).orderBy('seq').execute();
      ids = new Map(rows.map((r) => [Number(r.seq), r.id as string]));
    });
    afterEach(async () => {
      await close();
    });

    const verify = () => verifyAuditTrail(t.ctx.db);
    const run = (query: string) => sql.raw(query).execute(t.ctx.db);

    it('finds an intact chain', async () => {
      const result = await verify();
      expect(result).toMatchObject({ ok: true, checked: 5, headSeq: 5, problems: [] });
      const head = await t.ctx.db
        .selectFrom('audit_log')
        .select('hash')
        .where('seq', '=', 5)
        .executeTakeFirstOrThrow();
      expect(result.headHash).toBe(head.hash);
    });

    it('names an edited entry', async () => {
      await run(`update audit_log set after_json = '{"amount":1}' where seq = 3`);
      const result = await verify();
      expect(result.ok).toBe(false);
      expect(result.problems).toEqual([
        {
          seq: 3,
          id: ids.get(3),
          kind: 'edited',
          message: expect.stringMatching(/^entry 3 \(.+\) was edited/),
        },
      ]);
      expect(result.problems[0]!.message).toContain(ids.get(3)!);
    });

    it('names an entry whose actor or time was changed', async () => {
      await run(
        `update audit_log set actor_label = 'someone else', at = '2020-01-01T00:00:00.000Z' where seq = 2`,
      );
      const result = await verify();
      expect(result.problems.map((p) => [p.kind, p.seq])).toEqual([['edited', 2]]);
    });

    it('names a deleted entry in the middle', async () => {
      await run('delete from audit_log where seq = 3');
      const result = await verify();
      expect(result.ok).toBe(false);
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]).toMatchObject({ kind: 'deleted', seq: 3 });
      expect(result.problems[0]!.message).toMatch(/entries 3\.\.3 are missing/);
    });

    it('finds entries deleted at the end', async () => {
      await run('delete from audit_log where seq >= 4');
      const result = await verify();
      expect(result.ok).toBe(false);
      expect(result.checked).toBe(3);
      expect(result.problems).toEqual([
        {
          seq: 5,
          id: null,
          kind: 'truncated',
          message: expect.stringMatching(/entries 4\.\.5 are missing at the end/),
        },
      ]);
    });

    it('finds a tail deleted together with the head moved back', async () => {
      // A careful tamperer also resets the head: the chain itself still ends in a hash that is not the head's.
      await run('delete from audit_log where seq = 5');
      await run(`update audit_head set seq = 4 where id = 1`);
      const result = await verify();
      expect(result.ok).toBe(false);
      expect(result.problems.map((p) => p.kind)).toEqual(['truncated']);
    });

    it('names two entries whose places were swapped', async () => {
      await run('update audit_log set seq = -1 where seq = 2');
      await run('update audit_log set seq = 2 where seq = 3');
      await run('update audit_log set seq = 3 where seq = -1');
      const result = await verify();
      expect(result.ok).toBe(false);
      const named = new Set(result.problems.map((p) => p.seq));
      expect(named.has(2) && named.has(3)).toBe(true);
      expect(result.problems.filter((p) => p.seq === 2).map((p) => p.id)).toContain(ids.get(3));
      expect(result.problems.filter((p) => p.seq === 3).map((p) => p.id)).toContain(ids.get(2));
      expect(result.problems.some((p) => p.kind === 'reordered')).toBe(true);
      for (const p of result.problems) expect([2, 3, 4]).toContain(p.seq);
    });

    it('names two entries whose contents were swapped (seq kept)', async () => {
      const fields = ['id', 'at', 'action', 'entity_id', 'after_json', 'prev_hash', 'hash'];
      const rows = await t.ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', 'in', [2, 4])
        .orderBy('seq')
        .execute();
      const [two, four] = rows as [Record<string, unknown>, Record<string, unknown>];
      const pick = (row: Record<string, unknown>) => Object.fromEntries(fields.map((f) => [f, row[f]]));
      await t.ctx.db.updateTable('audit_log').set({ id: 'aud_tmp' }).where('seq', '=', 4).execute();
      await t.ctx.db.updateTable('audit_log').set(pick(four)).where('seq', '=', 2).execute();
      await t.ctx.db.updateTable('audit_log').set(pick(two)).where('seq', '=', 4).execute();
      const result = await verify();
      expect(result.ok).toBe(false);
      expect(result.problems.filter((p) => p.kind === 'edited').map((p) => [p.seq, p.id])).toEqual([
        [2, ids.get(4)],
        [4, ids.get(2)],
      ]);
    });

    it('finds an inserted entry', async () => {
      const row = await t.ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '=', 5)
        .executeTakeFirstOrThrow();
      await t.ctx.db
        .insertInto('audit_log')
        .values({ ...row, seq: 6, id: 'aud_forged', action: 'invoice.voided', prev_hash: row.hash })
        .execute();
      const result = await verify();
      expect(result.ok).toBe(false);
      expect(result.problems.map((p) => [p.kind, p.seq])).toEqual([
        ['edited', 6],
        ['truncated', 5],
      ]);
    });

    it('reports at most maxProblems', async () => {
      await run(`update audit_log set action = 'forged'`);
      const result = await verifyAuditTrail(t.ctx.db, { maxProblems: 2 });
      expect(result.problems).toHaveLength(2);
      expect(result.problems.map((p) => p.seq)).toEqual([1, 2]);
    });

    it('never stores secrets in before/after, and still verifies', async () => {
      await transaction(t.ctx, systemActor('test'), async (tx) => {
        tx.audit({
          action: 'user.created',
          entityType: 'user',
          entityId: 'usr_1',
          before: { email: 'a@example.com', password: 'hunter2-hunter2' },
          after: {
            email: 'a@example.com',
            passwordHash: '$argon2id$secret-hash',
            password_hash: '$argon2id$other-hash',
            nested: {
              secret: 'api-secret-value',
              token: 'tok-value',
              csrfToken: 'csrf-value',
              items: [{ secretHash: 'sh' }],
            },
          },
        });
      });
      const row = await t.ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '=', 6)
        .executeTakeFirstOrThrow();
      const stored = `${row.before_json} ${row.after_json}`;
      for (const secret of ['hunter2', 'argon2id', 'api-secret-value', 'tok-value', 'csrf-value', '"sh"']) {
        expect(stored).not.toContain(secret);
      }
      expect(JSON.parse(row.before_json)).toEqual({ email: 'a@example.com', password: '[redacted]' });
      expect(JSON.parse(row.after_json)).toMatchObject({
        email: 'a@example.com',
        passwordHash: '[redacted]',
        nested: { secret: '[redacted]', token: '[redacted]', items: [{ secretHash: '[redacted]' }] },
      });
      expect(await verify()).toMatchObject({ ok: true, checked: 6 });
    });
  });
}

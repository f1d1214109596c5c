import { beforeAll, expect, it } from 'vitest';
import { REPO_ROOT, runTogether } from '../../../tests/support/child-process.js';
import { describeEachDatabase } from '../../../tests/support/databases.js';
import { verifyAuditTrail } from '../audit/verify.js';
import type { Actor } from '../auth/actor.js';
import { systemActor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { deliveryJobName } from '../events/bus.js';
import { newId } from '../ids.js';
import { transaction } from './transaction.js';

const actor: Actor = {
  type: 'user',
  id: 'usr_tester',
  label: 'tester@example.com',
  roles: ['admin'],
  userId: 'usr_tester',
  requestId: 'req_abc123',
  ip: '203.0.113.7',
};

async function counts(ctx: AppContext) {
  const count = async (table: string) =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const head = await ctx.db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
  return {
    things: await count('tx_things'),
    audit: await count('audit_log'),
    events: await count('outbox_events'),
    jobs: await count('jobs'),
    head: { seq: Number(head.seq), hash: head.hash as string },
  };
}

describeEachDatabase('transaction', (get) => {
  beforeAll(async () => {
    const { ctx } = get();
    await ctx.db.schema
      .createTable('tx_things')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();
    ctx.events.subscribe({ name: 'test.indexer', eventTypes: ['thing.created'], handle: async () => {} });
    ctx.events.subscribe({ name: 'test.everything', eventTypes: ['*'], handle: async () => {} });
  });

  it('commits rows, audit entries, the outbox event and one delivery job per subscriber together', async () => {
    const { ctx, clock } = get();
    const id = newId('thing');
    const afterCommit: string[] = [];
    const eventId = await transaction(ctx, actor, async (tx) => {
      await tx.db.insertInto('tx_things').values({ id, name: 'Widget' }).execute();
      tx.audit({ action: 'thing.created', entityType: 'thing', entityId: id, after: { name: 'Widget' } });
      tx.audit({
        action: 'thing.renamed',
        entityType: 'thing',
        entityId: id,
        before: { name: 'Widget' },
        after: { name: 'Gadget', tags: ['a'] },
      });
      tx.afterCommit(() => {
        afterCommit.push('ran');
      });
      return tx.emit({
        type: 'thing.created',
        aggregateType: 'thing',
        aggregateId: id,
        payload: { name: 'Widget' },
      });
    });
    expect(afterCommit).toEqual(['ran']);

    const now = clock.now().toISOString();
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit.map((a) => a.action)).toEqual(['thing.created', 'thing.renamed']);
    for (const row of audit) {
      expect(row).toMatchObject({
        at: now,
        actor_type: 'user',
        actor_id: 'usr_tester',
        actor_label: 'tester@example.com',
        entity_type: 'thing',
        request_id: 'req_abc123',
        ip: '203.0.113.7',
      });
    }
    expect(audit[0]!.before_json).toBeNull();
    expect(JSON.parse(audit[0]!.after_json)).toEqual({ name: 'Widget' });
    expect(JSON.parse(audit[1]!.before_json)).toEqual({ name: 'Widget' });
    expect(JSON.parse(audit[1]!.after_json)).toEqual({ name: 'Gadget', tags: ['a'] });
    expect(Number(audit[1]!.seq)).toBe(Number(audit[0]!.seq) + 1);
    expect(audit[1]!.prev_hash).toBe(audit[0]!.hash);

    const event = await ctx.db
      .selectFrom('outbox_events')
      .selectAll()
      .where('id', '=', eventId)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      type: 'thing.created',
      aggregate_type: 'thing',
      aggregate_id: id,
      actor_type: 'user',
      actor_id: 'usr_tester',
      occurred_at: now,
    });
    expect(JSON.parse(event.payload)).toEqual({ name: 'Widget' });

    const jobs = await ctx.db
      .selectFrom('jobs')
      .selectAll()
      .where('dedupe_key', 'like', `event:${eventId}:%`)
      .orderBy('name')
      .execute();
    expect(jobs.map((j) => [j.name, j.dedupe_key, j.state])).toEqual([
      [deliveryJobName('test.everything'), `event:${eventId}:test.everything`, 'queued'],
      [deliveryJobName('test.indexer'), `event:${eventId}:test.indexer`, 'queued'],
    ]);
    expect(JSON.parse(jobs[0]!.payload)).toEqual({ eventId });
    expect(await verifyAuditTrail(ctx.db)).toMatchObject({ ok: true, problems: [] });
  });

  it("delivers an event only to its own subscribers and to '*' subscribers", async () => {
    const { ctx } = get();
    const eventId = await transaction(ctx, actor, (tx) =>
      tx.emit({ type: 'thing.ignored', aggregateType: 'thing', aggregateId: 'x', payload: null }),
    );
    const jobs = await ctx.db
      .selectFrom('jobs')
      .select('name')
      .where('dedupe_key', 'like', `event:${eventId}:%`)
      .execute();
    expect(jobs.map((j) => j.name)).toEqual([deliveryJobName('test.everything')]);
  });

  it('a transaction that throws leaves nothing: no rows, audit, outbox event or job', async () => {
    const { ctx } = get();
    const before = await counts(ctx);
    const failure = new Error('business rule says no');
    const afterCommit: string[] = [];
    await expect(
      transaction(ctx, actor, async (tx) => {
        await tx.db
          .insertInto('tx_things')
          .values({ id: newId('thing'), name: 'Doomed' })
          .execute();
        tx.audit({ action: 'thing.created', entityType: 'thing', entityId: 'doomed' });
        await tx.emit({ type: 'thing.created', aggregateType: 'thing', aggregateId: 'doomed', payload: {} });
        await tx.enqueue({ name: 'thing.reindex', dedupeKey: 'doomed-job' });
        tx.afterCommit(() => {
          afterCommit.push('ran');
        });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await counts(ctx)).toEqual(before);
    expect(afterCommit).toEqual([]);
    // The dedupe key was not used up by the rolled-back job.
    expect(
      await transaction(ctx, actor, (tx) => tx.enqueue({ name: 'thing.reindex', dedupeKey: 'doomed-job' })),
    ).toBe(true);
  });

  it('a failure while writing the audit trail rolls back the work too', async () => {
    const { ctx } = get();
    const before = await counts(ctx);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(
      transaction(ctx, actor, async (tx) => {
        await tx.db
          .insertInto('tx_things')
          .values({ id: newId('thing'), name: 'Unauditable' })
          .execute();
        tx.audit({ action: 'thing.created', after: circular });
      }),
    ).rejects.toThrow();
    expect(await counts(ctx)).toEqual(before);
  });

  it('enqueues a job once per dedupe key', async () => {
    const { ctx } = get();
    const key = `reminder:${newId('thing')}`;
    const results = await transaction(ctx, actor, async (tx) => [
      await tx.enqueue({ name: 'thing.remind', dedupeKey: key, payload: { n: 1 } }),
      await tx.enqueue({ name: 'thing.remind', dedupeKey: key, payload: { n: 2 } }),
    ]);
    expect(results).toEqual([true, false]);
    expect(await transaction(ctx, actor, (tx) => tx.enqueue({ name: 'thing.remind', dedupeKey: key }))).toBe(
      false,
    );
    const jobs = await ctx.db.selectFrom('jobs').selectAll().where('dedupe_key', '=', key).execute();
    expect(jobs).toHaveLength(1);
    expect(JSON.parse(jobs[0]!.payload)).toEqual({ n: 1 });
  });

  it('retries a PostgreSQL serialization failure from the start, without duplicating its writes', async () => {
    const { ctx, kind } = get();
    const id = newId('thing');
    let attempts = 0;
    const run = transaction(ctx, actor, async (tx) => {
      attempts++;
      await tx.db
        .insertInto('tx_things')
        .values({ id, name: `attempt ${attempts}` })
        .execute();
      tx.audit({ action: 'thing.created', entityType: 'thing', entityId: id });
      if (attempts === 1) throw Object.assign(new Error('could not serialize access'), { code: '40001' });
    });
    if (kind === 'sqlite') {
      // SQLite holds the write lock for the whole transaction: there are no serialization failures to retry.
      await expect(run).rejects.toThrow(/could not serialize/);
      expect(attempts).toBe(1);
      return;
    }
    await run;
    expect(attempts).toBe(2);
    expect(await ctx.db.selectFrom('tx_things').select('name').where('id', '=', id).execute()).toEqual([
      { name: 'attempt 2' },
    ]);
    expect(
      await ctx.db.selectFrom('audit_log').select('seq').where('entity_id', '=', id).execute(),
    ).toHaveLength(1);
  });

  it('concurrent transactions from several connections and processes keep the audit chain gapless', async () => {
    const { ctx, kind, url, openAnother } = get();
    const start = (await counts(ctx)).head.seq;
    const write = (c: AppContext, label: string, i: number) =>
      transaction(c, systemActor(label), async (tx) => {
        await tx.db
          .insertInto('tx_things')
          .values({ id: newId('thing'), name: `${label} ${i}` })
          .execute();
        tx.audit({
          action: 'thing.concurrent',
          entityType: 'thing',
          entityId: `${label}-${i}`,
          after: { i },
        });
      });
    const local = Array.from({ length: 30 }, (_, i) => i);
    const others = 20;
    if (kind === 'postgres') {
      const other = await openAnother();
      await Promise.all([
        ...local.map((i) => write(ctx, 'pool-a', i)),
        ...Array.from({ length: others }, (_, i) => write(other, 'pool-b', i)),
      ]);
    } else {
      // A second SQLite connection in this process would block this event loop while it waits for the lock,
      // so the second writer is a real second process, as `duely worker` next to `duely serve` would be.
      await runTogether(
        [
          {
            source: `
              import { openChildContext, printResult, startTogether } from '${REPO_ROOT}/tests/support/child-process.js';
              import { transaction } from '${REPO_ROOT}/src/platform/db/transaction.js';
              import { systemActor } from '${REPO_ROOT}/src/platform/auth/actor.js';
              const [url, count] = process.argv.slice(2);
              const ctx = await openChildContext(url);
              await startTogether();
              await Promise.all(Array.from({ length: Number(count) }, (_, i) => transaction(ctx, systemActor('process-b'), async (tx) => {
                await tx.db.insertInto('tx_things').values({ id: 'proc-b-' + i, name: 'process-b ' + i }).execute();
                tx.audit({ action: 'thing.concurrent', entityType: 'thing', entityId: 'process-b-' + i, after: { i } });
              })));
              await ctx.database.close();
              printResult(Number(count));
            `,
            args: [url, String(others)],
          },
        ],
        () => Promise.all(local.map((i) => write(ctx, 'process-a', i))),
      );
    }
    const total = local.length + others;
    const seqs = (
      await ctx.db.selectFrom('audit_log').select('seq').where('seq', '>', start).orderBy('seq').execute()
    ).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => start + i + 1));
    const actors = await ctx.db
      .selectFrom('audit_log')
      .select('actor_label')
      .distinct()
      .where('action', '=', 'thing.concurrent')
      .orderBy('actor_label')
      .execute();
    expect(actors.length).toBe(2);
    const verification = await verifyAuditTrail(ctx.db);
    expect(verification).toMatchObject({
      ok: true,
      problems: [],
      checked: start + total,
      headSeq: start + total,
    });
  }, 60_000);
});

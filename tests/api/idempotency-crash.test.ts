/** A request that committed its change and then failed is never run again under the same Idempotency-Key. */
import { expect, it } from 'vitest';
import { z } from 'zod';
import { transaction } from '../../src/platform/db/transaction.js';
import { createMetrics } from '../../src/platform/http/metrics.js';
import type { Principal } from '../../src/platform/http/principal.js';
import { createHttpServer } from '../../src/platform/http/server.js';
import { describeEachDatabase } from '../support/databases.js';

describeEachDatabase('Idempotency-Key after a failure past commit', (get) => {
  it('keeps the key committed, replays the stored error and never re-runs the change', async () => {
    const { ctx } = get();
    const principal: Principal = {
      via: 'token',
      actor: { type: 'token', id: 'tok_test', label: 'test', roles: ['admin'], userId: null },
    };
    let runs = 0;
    const app = await createHttpServer(ctx, {
      authenticator: { fromSession: async () => null, fromToken: async () => principal },
      metrics: createMetrics(),
      version: 'test',
      logRequests: false,
      routes: [
        (scoped) =>
          void scoped.post(
            '/api/test/commit-then-fail',
            { config: { access: 'authenticated' }, schema: { body: z.object({ n: z.number() }) } },
            async () => {
              runs++;
              await transaction(ctx, principal.actor, async (tx) => {
                tx.audit({ action: 'test.changed', entityType: 'test', entityId: 'x' });
              });
              throw new Error('crashed after commit');
            },
          ),
      ],
    });
    await app.ready();
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/api/test/commit-then-fail',
        headers: { authorization: 'Bearer x', 'idempotency-key': 'crash-1' },
        payload: { n: 1 },
      });
    const first = await send();
    expect(first.statusCode).toBe(500);
    const row = await ctx.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('key', '=', 'crash-1')
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('completed');
    const second = await send();
    expect(second.statusCode).toBe(500);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(runs).toBe(1);
    const changes = await ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'test.changed')
      .execute();
    expect(changes).toHaveLength(1);
    await app.close();
  });
});

/** The carrier registry through the API, on both databases: secrets shown once and sealed at rest. */
import { expect, it } from 'vitest';
import { bearer, describeEachApp } from '../support/app.js';

describeEachApp('carrier registry', (get) => {
  it('creates a carrier, shows its webhook secret once and keeps it sealed', async () => {
    const t = get();
    const headers = bearer(await t.tokenWith(['logistics']));
    const created = await t.inject({
      method: 'POST',
      url: '/api/carriers',
      headers,
      payload: {
        code: ' UPS ',
        name: 'United Parcel Service',
        scac: 'upsn',
        trackingUrlTemplate: 'https://www.ups.com/track?tracknum={trackingNumber}',
        webhookFormat: 'aftership',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { carrier, webhookSecret } = created.json();
    expect(carrier).toMatchObject({
      code: 'ups',
      scac: 'UPSN',
      webhookFormat: 'aftership',
      webhookSecretSet: true,
      active: true,
      webhookUrl: expect.stringMatching(/\/api\/webhooks\/tracking\/ups$/),
    });
    expect(webhookSecret).toMatch(/^whsec_[\w-]{32}$/);

    const read = await t.inject({
      method: 'GET',
      url: `/api/carriers/${carrier.id}`,
      headers: bearer(await t.tokenWith(['auditor'])),
    });
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain(webhookSecret);
    const row = await t.ctx.db
      .selectFrom('carriers')
      .select('webhook_secret_sealed')
      .where('id', '=', carrier.id)
      .executeTakeFirstOrThrow();
    expect(row.webhook_secret_sealed).toMatch(/^v1\./);
    expect(row.webhook_secret_sealed).not.toContain(webhookSecret);

    const given = await t.inject({
      method: 'POST',
      url: `/api/carriers/${carrier.id}/webhook-secret`,
      headers,
      payload: { secret: 'the-secret-aftership-shows-me' },
    });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json().webhookSecret).toBe('the-secret-aftership-shows-me');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('entity_id', '=', carrier.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['carrier.created', 'carrier.webhook_secret_rotated']);
    expect(JSON.stringify(audit)).not.toContain('the-secret-aftership-shows-me');
    expect(JSON.stringify(audit)).not.toContain(webhookSecret);

    const list = (await t.inject({ method: 'GET', url: '/api/carriers?active=true', headers })).json();
    expect(list.items.map((c: { code: string }) => c.code)).toContain('ups');
  });

  it('refuses bad input with the field named, a duplicate code, and writers without the role', async () => {
    const t = get();
    const headers = bearer(await t.tokenWith(['admin']));
    const bad = await t.inject({
      method: 'POST',
      url: '/api/carriers',
      headers,
      payload: {
        code: 'has space',
        name: 'X',
        scac: '12',
        trackingUrlTemplate: 'https://t.example/no-placeholder',
        webhookFormat: 'fedex',
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['code', 'scac', 'trackingUrlTemplate', 'webhookFormat']);
    const ok = { code: 'dhl', name: 'DHL' };
    expect((await t.inject({ method: 'POST', url: '/api/carriers', headers, payload: ok })).statusCode).toBe(
      201,
    );
    const dup = await t.inject({ method: 'POST', url: '/api/carriers', headers, payload: ok });
    expect(dup.statusCode).toBe(409);
    const sales = await t.inject({
      method: 'POST',
      url: '/api/carriers',
      headers: bearer(await t.tokenWith(['sales'])),
      payload: { code: 'gls', name: 'GLS' },
    });
    expect(sales.statusCode).toBe(403);
  });
});

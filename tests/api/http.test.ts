/** The HTTP platform: problem+json errors, limits, OpenAPI, health, metrics, headers, pagination. */
import { expect, it } from 'vitest';
import { bearer, describeEachApp } from '../support/app.js';

describeEachApp('HTTP platform', (get) => {
  it('answers a malformed JSON body with a 400 problem and changes nothing', async () => {
    const t = get();
    const token = await t.tokenWith(['admin']);
    const before = await t.ctx.db.selectFrom('users').select('id').execute();
    const response = await t.inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: '{"email": "x@example.com", "name": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      status: 400,
      title: 'Malformed request body',
      instance: '/api/users',
    });
    expect(response.json().detail).toMatch(/not valid JSON/);
    expect(await t.ctx.db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
  });

  it('names every invalid and unknown field', async () => {
    const t = get();
    const token = await t.tokenWith(['admin']);
    const response = await t.inject({
      method: 'POST',
      url: '/api/users',
      headers: bearer(token),
      payload: { email: 'not-an-email', name: '', roles: ['admin', 'pilot'], colour: 'blue' },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    const paths = body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'name', 'roles.1', 'body']));
    expect(body.errors.find((e: { path: string }) => e.path === 'body').message).toContain('colour');
    expect(body.detail).toContain('email: ');
  });

  it('refuses bodies above the size limit with 413', async () => {
    const t = get();
    const token = await t.tokenWith(['admin']);
    const response = await t.inject({
      method: 'POST',
      url: '/api/users',
      headers: bearer(token),
      payload: { email: 'big@example.com', name: 'x'.repeat(t.config.BODY_LIMIT_BYTES), roles: ['sales'] },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().detail).toContain(String(t.config.BODY_LIMIT_BYTES));
  });

  it('answers an over-long path parameter with a 414 problem', async () => {
    const t = get();
    const response = await t.inject({
      method: 'GET',
      url: `/api/users/${'x'.repeat(300)}`,
      headers: bearer(await t.tokenWith(['admin'])),
    });
    expect(response.statusCode).toBe(414);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('answers unknown routes with a 404 problem', async () => {
    const response = await get().inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().detail).toBe('No route for GET /api/nothing-here.');
  });

  it('echoes or assigns a request id and sets security headers', async () => {
    const t = get();
    const given = await t.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const assigned = await t.inject({ method: 'GET', url: '/healthz' });
    expect(assigned.headers['x-request-id']).toMatch(/^req_/);
    expect(assigned.headers['x-content-type-options']).toBe('nosniff');
    expect(assigned.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(assigned.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('reports health with the database kind', async () => {
    const t = get();
    const response = await t.inject({ method: 'GET', url: '/healthz' });
    expect(response.json()).toMatchObject({ status: 'ok', database: t.kind });
  });

  it('exposes Prometheus metrics including request timings', async () => {
    const t = get();
    await t.inject({ method: 'GET', url: '/api/meta', headers: bearer(await t.tokenWith(['finance'])) });
    const response = await t.inject({ method: 'GET', url: '/metrics' });
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('duely_http_request_duration_seconds_bucket{');
    expect(response.body).toContain('route="/api/meta"');
    expect(response.body).toContain('duely_process_cpu_seconds_total');
  });

  it('publishes an OpenAPI 3 document covering every API route', async () => {
    const t = get();
    const response = await t.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of t.app.apiRoutes.filter((r) => r.url !== '/api/openapi.json')) {
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${route.url}`).toBeDefined();
    }
    expect(doc.paths['/api/users'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['email', 'name', 'roles']),
    );
    const ui = await t.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('pages through a list with opaque cursors and rejects a forged cursor', async () => {
    const t = get();
    const token = await t.tokenWith(['admin']);
    for (let i = 0; i < 5; i++) await t.userWith(['support']);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/users?role=support&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.inject({ method: 'GET', url, headers: bearer(token) })).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((u: { id: string }) => u.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);
    const forged = await t.inject({ method: 'GET', url: '/api/users?cursor=%%%', headers: bearer(token) });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().errors[0].path).toBe('querystring.cursor');
    const badLimit = await t.inject({ method: 'GET', url: '/api/users?limit=0', headers: bearer(token) });
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.json().errors[0].path).toBe('querystring.limit');
  });

  it('filters the audit trail by entity, action and dates', async () => {
    const t = get();
    const token = await t.tokenWith(['auditor']);
    const user = await t.userWith(['sales']);
    const page = (
      await t.inject({
        method: 'GET',
        url: `/api/audit?entityType=user&entityId=${user.id}`,
        headers: bearer(token),
      })
    ).json();
    expect(page.items.map((e: { action: string }) => e.action)).toEqual(['user.created']);
    expect(page.items[0].after).toMatchObject({ email: user.email, roles: ['sales'] });
    const today = t.clock.now().toISOString().slice(0, 10);
    const dated = (
      await t.inject({
        method: 'GET',
        url: `/api/audit?from=${today}&to=${today}&action=user.created`,
        headers: bearer(token),
      })
    ).json();
    expect(dated.items.length).toBeGreaterThan(0);
    const none = (
      await t.inject({
        method: 'GET',
        url: '/api/audit?from=2020-01-01&to=2020-01-02',
        headers: bearer(token),
      })
    ).json();
    expect(none.items).toEqual([]);
    const bad = await t.inject({ method: 'GET', url: '/api/audit?from=2026-02-30', headers: bearer(token) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toEqual({
      path: 'querystring.from',
      message: 'must be a date written YYYY-MM-DD',
    });
  });
});

describeEachApp(
  'sign-in rate limit',
  (get) => {
    it('limits sign-in attempts per address with a 429 problem', async () => {
      const t = get();
      const attempt = () =>
        t.inject({
          method: 'POST',
          url: '/api/auth/sign-in',
          payload: { email: 'nobody@example.com', password: 'whatever-pw' },
        });
      for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
      const limited = await attempt();
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(limited.json().detail).toContain('at most 3');
    });
  },
  { config: { SIGNIN_RATE_PER_MINUTE: '3' } },
);

describeEachApp(
  'metrics token',
  (get) => {
    it('protects /metrics with METRICS_TOKEN when set', async () => {
      const t = get();
      expect((await t.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
      const ok = await t.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: 'Bearer metrics-token-0123456789' },
      });
      expect(ok.statusCode).toBe(200);
    });
  },
  { config: { METRICS_TOKEN: 'metrics-token-0123456789' } },
);

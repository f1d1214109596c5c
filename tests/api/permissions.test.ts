/** Every API route × every role: allowed roles get past access control, the others get 403 (and an audit entry). */
import { expect, it } from 'vitest';
import { ROLES } from '../../src/platform/auth/roles.js';
import { createMetrics } from '../../src/platform/http/metrics.js';
import { createHttpServer } from '../../src/platform/http/server.js';
import { bearer, describeEachApp } from '../support/app.js';
import { EXPECTED_ACCESS } from './permissions.matrix.js';

const key = (route: { method: string; url: string }) => `${route.method} ${route.url}`;
const concreteUrl = (url: string) => url.replace(/:(\w+)/g, 'zzz_missing');

describeEachApp('access control', (get) => {
  it('lists exactly the routes the server has, each with the access it declares', () => {
    const { app } = get();
    const actual = Object.fromEntries(
      app.apiRoutes.map((r) => [
        key(r),
        typeof r.access === 'string' ? r.access : [...r.access.roles].sort(),
      ]),
    );
    const expected = Object.fromEntries(
      Object.entries(EXPECTED_ACCESS).map(([k, v]) => [k, typeof v === 'string' ? v : [...v].sort()]),
    );
    expect(actual).toEqual(expected);
  });

  it('refuses to start with an API route that declares no access rule', async () => {
    const { ctx } = get();
    await expect(
      createHttpServer(ctx, {
        authenticator: { fromSession: async () => null, fromToken: async () => null },
        metrics: createMetrics(),
        version: 'test',
        routes: [(app) => void app.get('/api/oops', async () => ({}))],
      }).then((app) => app.ready()),
    ).rejects.toThrow(/GET \/api\/oops declares no access rule/);
  });

  it('answers 401 to anonymous calls of every non-public route', async () => {
    const { app } = get();
    for (const route of app.apiRoutes.filter((r) => r.access !== 'public')) {
      const response = await app.inject({
        method: route.method as 'GET',
        url: concreteUrl(route.url),
        payload: route.method === 'GET' ? undefined : {},
      });
      expect(response.statusCode, key(route)).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('allows exactly the declared roles on every route', async () => {
    const t = get();
    const tokens = Object.fromEntries(
      await Promise.all(ROLES.map(async (role) => [role, await t.tokenWith([role])] as const)),
    );
    for (const route of t.app.apiRoutes) {
      const expected = EXPECTED_ACCESS[key(route)]!;
      for (const role of ROLES) {
        const response = await t.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.url),
          headers: bearer(tokens[role]!),
          ...(route.method === 'GET' ? {} : { payload: {} }),
        });
        const allowed = typeof expected === 'string' || expected.includes(role);
        if (allowed)
          expect([401, 403], `${key(route)} as ${role}: ${response.body}`).not.toContain(response.statusCode);
        else expect(response.statusCode, `${key(route)} as ${role}`).toBe(403);
      }
    }
    // Every route × every role: well over a thousand requests, some of which do real work.
  }, 180_000);

  it('records each denial in the audit trail', async () => {
    const t = get();
    const token = await t.tokenWith(['sales']);
    const denied = await t.inject({ method: 'GET', url: '/api/users', headers: bearer(token) });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().detail).toContain('users.manage');
    const admin = await t.tokenWith(['admin']);
    const audit = await t.inject({
      method: 'GET',
      url: '/api/audit?action=access.denied&entityId=GET%20%2Fapi%2Fusers',
      headers: bearer(admin),
    });
    expect(audit.statusCode).toBe(200);
    const entry = audit.json().items[0];
    expect(entry).toMatchObject({
      action: 'access.denied',
      actorType: 'token',
      entityType: 'route',
      entityId: 'GET /api/users',
    });
    expect(entry.requestId).toBe(denied.headers['x-request-id']);
  });

  it('enforces the same rules for a signed-in browser session', async () => {
    const t = get();
    const auditor = await t.userWith(['auditor']);
    const { cookie } = await t.signIn(auditor.email, auditor.password);
    expect((await t.inject({ method: 'GET', url: '/api/audit', headers: { cookie } })).statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: '/api/users', headers: { cookie } })).statusCode).toBe(403);
  });
});

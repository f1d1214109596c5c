/** Sign-in, cookie sessions, CSRF, timeouts, lockout, disabling, API tokens. */
import { expect, it } from 'vitest';
import { sha256 } from '../../src/platform/auth/secrets.js';
import { ADMIN, bearer, describeEachApp } from '../support/app.js';

const MINUTE = 60_000;

describeEachApp('sign-in and sessions', (get) => {
  it('signs in with an httpOnly SameSite cookie and describes the session', async () => {
    const t = get();
    const { response, cookie, csrf } = await t.signIn();
    expect(response.statusCode).toBe(200);
    const set = response.cookies.find((c) => c.name === 'duely_session')!;
    expect(set.httpOnly).toBe(true);
    expect(set.sameSite).toBe('Lax');
    expect(set.path).toBe('/');
    expect(csrf.length).toBeGreaterThan(20);
    const session = await t.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie } });
    expect(session.json()).toMatchObject({ user: { email: ADMIN.email, roles: ['admin'] }, csrfToken: csrf });
    // Only a hash of the cookie is stored.
    const stored = await t.ctx.db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).toContain(sha256(set.value));
  });

  it('rejects a wrong password with a clear message and logs it', async () => {
    const t = get();
    const user = await t.userWith(['sales']);
    const response = await t.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: user.email, password: 'wrong-password!' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toBe('The email or password is not correct.');
    const failures = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'auth.signin_failed')
      .execute();
    expect(failures.some((f) => f.entity_id === user.id)).toBe(true);
  });

  it('requires the CSRF token for writes made with the cookie', async () => {
    const t = get();
    const { cookie, csrf } = await t.signIn();
    const payload = { email: `csrf-${Date.now()}@example.com`, name: 'C', roles: ['sales'] };
    const without = await t.inject({ method: 'POST', url: '/api/users', headers: { cookie }, payload });
    expect(without.statusCode).toBe(403);
    expect(without.json().detail).toContain('x-csrf-token');
    const wrong = await t.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie, 'x-csrf-token': 'nope' },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    const right = await t.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie, 'x-csrf-token': csrf },
      payload,
    });
    expect(right.statusCode).toBe(201);
    expect(right.json().initialPassword).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);
  });

  it('rejects a forged cookie with a clear 401', async () => {
    const t = get();
    const response = await t.inject({
      method: 'GET',
      url: '/api/users',
      headers: { cookie: 'duely_session=forged-value' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toContain('session has expired or is not valid');
  });

  it('rotates the session at sign-in and ends it at sign-out', async () => {
    const t = get();
    const first = await t.signIn();
    const second = await t.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { cookie: first.cookie },
      payload: ADMIN,
    });
    const secondCookie = `duely_session=${second.cookies.find((c) => c.name === 'duely_session')!.value}`;
    expect(secondCookie).not.toBe(first.cookie);
    expect(
      (await t.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: first.cookie } }))
        .statusCode,
    ).toBe(401);
    const csrf = second.json().csrfToken;
    const out = await t.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: secondCookie, 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(204);
    expect(
      (await t.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: secondCookie } }))
        .statusCode,
    ).toBe(401);
  });

  it('ends an idle session and one past its absolute lifetime', async () => {
    const t = get();
    const idle = await t.signIn();
    t.clock.advance(t.config.SESSION_IDLE_MINUTES * MINUTE + 1000);
    expect(
      (await t.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: idle.cookie } }))
        .statusCode,
    ).toBe(401);

    const active = await t.signIn();
    // Stay active (a request every half idle period) until the absolute limit passes.
    const steps = Math.ceil((t.config.SESSION_MAX_HOURS * 60) / (t.config.SESSION_IDLE_MINUTES / 2));
    for (let i = 0; i < steps - 1; i++) {
      t.clock.advance((t.config.SESSION_IDLE_MINUTES / 2) * MINUTE);
      expect(
        (await t.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: active.cookie } }))
          .statusCode,
      ).toBe(200);
    }
    t.clock.advance(t.config.SESSION_IDLE_MINUTES * MINUTE * 0.6);
    expect(
      (await t.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: active.cookie } }))
        .statusCode,
    ).toBe(401);
  });

  it('locks the account after repeated failures, then lets it in after the lock', async () => {
    const t = get();
    const user = await t.userWith(['finance']);
    for (let i = 0; i < t.config.SIGNIN_MAX_FAILURES; i++) {
      const r = await t.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: user.email, password: 'bad-password-x' },
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: user.email, password: user.password },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().detail).toContain('locked until');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(t.config.SIGNIN_LOCK_MINUTES * MINUTE + 1000);
    const ok = await t.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: user.email, password: user.password },
    });
    expect(ok.statusCode).toBe(200);
    const actions = (
      await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', user.id).execute()
    ).map((r) => r.action);
    expect(actions).toContain('auth.account_locked');
  });

  it('disabling a user ends their sessions and stops their API tokens at once', async () => {
    const t = get();
    const user = await t.userWith(['admin']);
    const session = await t.signIn(user.email, user.password);
    const { cookie: adminCookie, csrf } = await t.signIn();
    const tokenResponse = await t.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
      payload: { name: 'integration', roles: ['finance'] },
    });
    const secret = tokenResponse.json().secret as string;
    expect((await t.inject({ method: 'GET', url: '/api/meta', headers: bearer(secret) })).statusCode).toBe(
      200,
    );
    const disabled = await t.inject({
      method: 'POST',
      url: `/api/users/${user.id}/disable`,
      headers: { cookie: adminCookie, 'x-csrf-token': csrf },
    });
    expect(disabled.json().status).toBe('disabled');
    expect(
      (await t.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: session.cookie } }))
        .statusCode,
    ).toBe(401);
    expect((await t.inject({ method: 'GET', url: '/api/meta', headers: bearer(secret) })).statusCode).toBe(
      401,
    );
    const again = await t.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: user.email, password: user.password },
    });
    expect(again.statusCode).toBe(403);
    expect(again.json().detail).toContain('disabled');
  });

  it('changes the own password, keeping this session and ending the others', async () => {
    const t = get();
    const user = await t.userWith(['support']);
    const here = await t.signIn(user.email, user.password);
    const elsewhere = await t.signIn(user.email, user.password);
    const wrong = await t.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: here.cookie, 'x-csrf-token': here.csrf },
      payload: { currentPassword: 'not-it-at-all', newPassword: 'A-new-password-456' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ path: 'currentPassword', message: 'is not correct' }]);
    const ok = await t.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: here.cookie, 'x-csrf-token': here.csrf },
      payload: { currentPassword: user.password, newPassword: 'A-new-password-456' },
    });
    expect(ok.statusCode).toBe(204);
    expect(
      (await t.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: here.cookie } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await t.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: elsewhere.cookie } }))
        .statusCode,
    ).toBe(401);
    expect((await t.signIn(user.email, 'A-new-password-456')).response.statusCode).toBe(200);
  });

  it('keeps the last administrator', async () => {
    const t = get();
    const { cookie, csrf } = await t.signIn();
    const admins = await t.inject({
      method: 'GET',
      url: '/api/users?role=admin&status=active',
      headers: { cookie },
    });
    expect(admins.statusCode, admins.body).toBe(200);
    // Demote every other admin first so the built-in one is the last.
    for (const u of admins.json().items as { id: string }[]) {
      if (u.id !== t.adminId)
        await t.inject({
          method: 'PATCH',
          url: `/api/users/${u.id}`,
          headers: { cookie, 'x-csrf-token': csrf },
          payload: { roles: ['sales'] },
        });
    }
    const demote = await t.inject({
      method: 'PATCH',
      url: `/api/users/${t.adminId}`,
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { roles: ['finance'] },
    });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().errors[0].path).toBe('roles');
    const self = await t.inject({
      method: 'POST',
      url: `/api/users/${t.adminId}/disable`,
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(self.statusCode).toBe(409);
  });
});

describeEachApp('API tokens', (get) => {
  it('shows the secret once, stores only its hash, and scopes it to its roles', async () => {
    const t = get();
    const admin = await t.tokenWith(['admin']);
    const created = await t.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: bearer(admin),
      payload: { name: 'erp', roles: ['auditor'] },
    });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json();
    expect(secret).toMatch(/^duely_/);
    expect(token.prefix).toBe(`${secret.slice(0, 12)}…`);
    const row = await t.ctx.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', token.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.secret_hash).toBe(sha256(secret));
    const listed = await t.inject({ method: 'GET', url: '/api/tokens', headers: bearer(admin) });
    expect(listed.body).not.toContain(secret);
    expect((await t.inject({ method: 'GET', url: '/api/audit', headers: bearer(secret) })).statusCode).toBe(
      200,
    );
    expect((await t.inject({ method: 'GET', url: '/api/users', headers: bearer(secret) })).statusCode).toBe(
      403,
    );
    // The audit trail never holds the secret either.
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('entity_id', '=', token.id)
      .execute();
    expect(JSON.stringify(audit)).not.toContain(secret);
  });

  it('stops working when revoked or expired', async () => {
    const t = get();
    const admin = await t.tokenWith(['admin']);
    const created = (
      await t.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: bearer(admin),
        payload: { name: 'tmp', roles: ['finance'] },
      })
    ).json();
    expect(
      (await t.inject({ method: 'GET', url: '/api/meta', headers: bearer(created.secret) })).statusCode,
    ).toBe(200);
    const revoked = await t.inject({
      method: 'POST',
      url: `/api/tokens/${created.token.id}/revoke`,
      headers: bearer(admin),
    });
    expect(revoked.json().revokedAt).not.toBeNull();
    const after = await t.inject({ method: 'GET', url: '/api/meta', headers: bearer(created.secret) });
    expect(after.statusCode).toBe(401);
    expect(after.json().detail).toContain('revoked');

    const expiring = (
      await t.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: bearer(admin),
        payload: { name: 'short', roles: ['finance'], expiresAt: '2026-12-05' },
      })
    ).json();
    expect(
      (await t.inject({ method: 'GET', url: '/api/meta', headers: bearer(expiring.secret) })).statusCode,
    ).toBe(200);
    t.clock.set('2026-12-06T00:00:01Z');
    expect(
      (await t.inject({ method: 'GET', url: '/api/meta', headers: bearer(expiring.secret) })).statusCode,
    ).toBe(401);
    const past = await t.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: bearer(admin),
      payload: { name: 'old', roles: ['finance'], expiresAt: '2026-01-01' },
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors).toEqual([{ path: 'expiresAt', message: 'is in the past' }]);
  });

  it('stops working when its creator is no longer an administrator', async () => {
    const t = get();
    const creator = await t.userWith(['admin']);
    const session = await t.signIn(creator.email, creator.password);
    const created = await t.inject({
      method: 'POST',
      url: '/api/tokens',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
      payload: { name: 'erp', roles: ['finance'] },
    });
    const { secret } = created.json();
    expect((await t.inject({ method: 'GET', url: '/api/meta', headers: bearer(secret) })).statusCode).toBe(
      200,
    );
    const admin = await t.tokenWith(['admin']);
    await t.inject({
      method: 'PATCH',
      url: `/api/users/${creator.id}`,
      headers: bearer(admin),
      payload: { roles: ['finance'] },
    });
    expect((await t.inject({ method: 'GET', url: '/api/meta', headers: bearer(secret) })).statusCode).toBe(
      401,
    );
  });

  it('rejects a malformed Authorization header', async () => {
    const t = get();
    const response = await t.inject({
      method: 'GET',
      url: '/api/meta',
      headers: { authorization: 'Basic abc' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toContain('Bearer');
  });
});

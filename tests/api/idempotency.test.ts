/** Idempotency-Key: the first response is stored and replayed; reuse with another request is refused. */
import { expect, it } from 'vitest';
import { bearer, describeEachApp } from '../support/app.js';

describeEachApp('Idempotency-Key', (get) => {
  const createUser = (token: string, key: string, email: string) =>
    get().inject({
      method: 'POST',
      url: '/api/users',
      headers: { ...bearer(token), 'idempotency-key': key },
      payload: { email, name: 'Idem', roles: ['sales'] },
    });

  it('replays the first response to a retry and creates the user once', async () => {
    const t = get();
    const token = await t.tokenWith(['admin']);
    const first = await createUser(token, 'key-1', 'idem1@example.com');
    const retry = await createUser(token, 'key-1', 'idem1@example.com');
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    // The generated password is in the replayed response but never readable in the database.
    const stored = await t.ctx.db
      .selectFrom('idempotency_keys')
      .select('response_body')
      .where('key', '=', 'key-1')
      .executeTakeFirstOrThrow();
    expect(first.json().initialPassword).toBeTruthy();
    expect(stored.response_body).not.toContain(first.json().initialPassword);
    const rows = await t.ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'idem1@example.com')
      .execute();
    expect(rows).toHaveLength(1);
    const created = await t.ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'user.created')
      .where('entity_id', '=', rows[0]!.id)
      .execute();
    expect(created).toHaveLength(1);
  });

  it('refuses the same key with a different body (422) and changes nothing', async () => {
    const t = get();
    const token = await t.tokenWith(['admin']);
    await createUser(token, 'key-2', 'idem2@example.com');
    const other = await createUser(token, 'key-2', 'someone-else@example.com');
    expect(other.statusCode).toBe(422);
    expect(other.json().detail).toContain('key-2');
    expect(
      await t.ctx.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'someone-else@example.com')
        .execute(),
    ).toHaveLength(0);
  });

  it('replays a refused request too, and keeps keys apart per caller', async () => {
    const t = get();
    const token = await t.tokenWith(['admin']);
    const first = await createUser(token, 'key-3', 'dup@example.com');
    expect(first.statusCode).toBe(201);
    const conflict = await createUser(token, 'key-4', 'dup@example.com');
    expect(conflict.statusCode).toBe(409);
    const replayed = await createUser(token, 'key-4', 'dup@example.com');
    expect(replayed.statusCode).toBe(409);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.headers['content-type']).toContain('application/problem+json');
    // Another caller's key-3 is a different key.
    const otherToken = await t.tokenWith(['admin']);
    const theirs = await createUser(otherToken, 'key-3', 'theirs@example.com');
    expect(theirs.statusCode).toBe(201);
  });

  it('runs concurrent retries of one key once', async () => {
    const t = get();
    const token = await t.tokenWith(['admin']);
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => createUser(token, 'key-race', 'race@example.com')),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(
      await t.ctx.db.selectFrom('users').select('id').where('email', '=', 'race@example.com').execute(),
    ).toHaveLength(1);
  });

  it('marks the key committed in the same transaction as the change', async () => {
    const t = get();
    const token = await t.tokenWith(['admin']);
    await createUser(token, 'key-5', 'idem5@example.com');
    const row = await t.ctx.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('key', '=', 'key-5')
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('completed');
    expect(row.status_code).toBe(201);
    // A crash after commit but before the response was stored leaves "committed": never run again.
    await t.ctx.db
      .updateTable('idempotency_keys')
      .set({ state: 'committed', locked_until: '2000-01-01T00:00:00.000Z' })
      .where('key', '=', 'key-5')
      .execute();
    const retry = await createUser(token, 'key-5', 'idem5@example.com');
    expect(retry.statusCode).toBe(409);
    expect(retry.json().detail).toContain('its response was lost');
    expect(
      await t.ctx.db.selectFrom('users').select('id').where('email', '=', 'idem5@example.com').execute(),
    ).toHaveLength(1);
  });

  it('lets a retry take over a key whose first attempt died before committing', async () => {
    const t = get();
    const token = await t.tokenWith(['admin']);
    const principal = (
      await t.ctx.db.selectFrom('api_tokens').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()
    ).id;
    const first = await createUser(token, 'key-6', 'idem6@example.com');
    // A started attempt whose lock ran out and which never committed: its process died mid-request.
    await t.ctx.db
      .insertInto('idempotency_keys')
      .values({
        principal,
        key: 'key-7',
        method: 'POST',
        path: '/api/users',
        request_hash: (
          await t.ctx.db
            .selectFrom('idempotency_keys')
            .select('request_hash')
            .where('key', '=', 'key-6')
            .executeTakeFirstOrThrow()
        ).request_hash,
        state: 'started',
        locked_until: '2000-01-01T00:00:00.000Z',
        created_at: '2000-01-01T00:00:00.000Z',
      })
      .execute();
    expect(first.statusCode).toBe(201);
    const takeover = await createUser(token, 'key-7', 'idem6@example.com');
    // Same body as key-6 (email taken), so the re-run reaches the service and gets its real answer.
    expect(takeover.statusCode).toBe(409);
    expect(takeover.headers['idempotent-replayed']).toBeUndefined();
  });

  it('rejects an invalid key', async () => {
    const t = get();
    const token = await t.tokenWith(['admin']);
    const response = await createUser(token, 'x'.repeat(300), 'long@example.com');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('headers.idempotency-key');
  });
});

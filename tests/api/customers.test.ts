/** Customers over HTTP: create, validate, update (audited), search, filter, page, archive, contacts. */
import { expect, it } from 'vitest';
import { MODULES } from '../../src/app.js';
import { billingContact, type Customer } from '../../src/modules/customers/index.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import { bearer, describeEachApp, type TestApp } from '../support/app.js';

const address = (overrides: Record<string, unknown> = {}) => ({
  line1: '12 rue du Faubourg',
  postalCode: '69002',
  city: 'Lyon',
  country: 'FR',
  ...overrides,
});

describeEachApp('customers', (get) => {
  let seq = 0;
  const headersFor = async (t: TestApp, roles: Parameters<TestApp['tokenWith']>[0] = ['finance']) =>
    bearer(await t.tokenWith(roles));

  async function create(
    t: TestApp,
    body: Record<string, unknown>,
    roles: Parameters<TestApp['tokenWith']>[0] = ['finance'],
  ) {
    return t.inject({
      method: 'POST',
      url: '/api/customers',
      headers: await headersFor(t, roles),
      payload: { legalName: `Customer ${++seq}`, billingAddress: address(), ...body },
    });
  }

  it('creates a customer with a generated code and the defaults', async () => {
    const t = get();
    const response = await create(t, {
      legalName: 'Boulangeries Martin SAS',
      contacts: [{ name: 'Claire Martin', email: 'Claire@Martin.example', receivesInvoices: true }],
    });
    expect(response.statusCode, response.body).toBe(201);
    const customer = response.json() as Customer;
    expect(customer).toMatchObject({
      code: expect.stringMatching(/^C-\d{5}$/),
      legalName: 'Boulangeries Martin SAS',
      status: 'active',
      currency: 'EUR',
      language: 'en',
      paymentTerms: { kind: 'net', days: 30 },
      creditLimit: null,
      shippingAddress: null,
      billingAddress: { line1: '12 rue du Faubourg', line2: null, city: 'Lyon', country: 'FR', region: null },
      tags: [],
    });
    expect(customer.id).toMatch(/^cus_/);
    expect(customer.contacts).toEqual([
      expect.objectContaining({
        id: expect.stringMatching(/^con_/),
        email: 'claire@martin.example',
        receivesInvoices: true,
      }),
    ]);
    expect(billingContact(customer).map((c) => c.email)).toEqual(['claire@martin.example']);

    const again = await create(t, {});
    const n = (code: string) => Number(code.slice(2));
    expect(n(again.json().code)).toBe(n(customer.code) + 1);

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('entity_id', '=', customer.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['customer.created']);
    const events = await t.ctx.db
      .selectFrom('outbox_events')
      .select(['type', 'payload'])
      .where('aggregate_id', '=', customer.id)
      .execute();
    expect(events).toEqual([
      { type: 'customer.created', payload: JSON.stringify({ customerId: customer.id, code: customer.code }) },
    ]);
  });

  it('stores every field: addresses, language, currency, terms, credit limit, tax id, tags, notes', async () => {
    const t = get();
    const response = await create(t, {
      code: 'c-full-1',
      shippingAddress: address({ line1: 'Quai 4', city: 'Villeurbanne', postalCode: '69100', region: 'ARA' }),
      language: 'fr_be',
      currency: 'jpy',
      paymentTerms: {
        kind: 'instalments',
        parts: [
          { days: 30, percent: 50 },
          { days: 60, percent: 50 },
        ],
        earlyDiscount: { percent: 2, days: 10 },
      },
      creditLimit: 500000,
      taxId: 'fr 40 303 265 045',
      tags: ['VIP', ' wholesale ', 'vip'],
      notes: 'Ring twice',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      code: 'C-FULL-1',
      language: 'fr-BE',
      currency: 'JPY',
      creditLimit: 500000,
      taxId: 'FR40303265045',
      tags: ['vip', 'wholesale'],
      notes: 'Ring twice',
      shippingAddress: { line1: 'Quai 4', city: 'Villeurbanne', region: 'ARA' },
    });
    const fetched = await t.inject({
      method: 'GET',
      url: `/api/customers/${response.json().id}`,
      headers: await headersFor(t, ['logistics']),
    });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json()).toEqual(response.json());
  });

  it('names the field of each validation error', async () => {
    const t = get();
    const response = await create(t, {
      legalName: ' ',
      currency: 'EURO',
      language: 'klingonish',
      billingAddress: address({ country: 'XX' }),
      paymentTerms: {
        kind: 'instalments',
        parts: [
          { days: 30, percent: 50 },
          { days: 60, percent: 40 },
        ],
      },
      creditLimit: 12.5,
      contacts: [{ name: 'No Mail', receivesInvoices: true }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const paths = Object.fromEntries(
      (response.json().errors as { path: string; message: string }[]).map((e) => [e.path, e.message]),
    );
    expect(paths).toMatchObject({
      legalName: 'is required',
      currency: 'must be an ISO 4217 currency code, e.g. EUR',
      language: expect.stringContaining('BCP 47'),
      'billingAddress.country': expect.stringContaining('ISO 3166-1'),
      'paymentTerms.parts': 'percents must add up to 100 (they add up to 90)',
      creditLimit: expect.stringContaining('whole number'),
      'contacts.0.email': 'is required for a contact who receives invoices or reminders',
    });
    const missing = await t.inject({
      method: 'POST',
      url: '/api/customers',
      headers: await headersFor(t),
      payload: { legalName: 'No address' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toContainEqual({ path: 'billingAddress', message: 'is required' });
  });

  it('refuses a code already in use', async () => {
    const t = get();
    expect((await create(t, { code: 'DUP-1' })).statusCode).toBe(201);
    const second = await create(t, { code: 'dup-1' });
    expect(second.statusCode).toBe(409);
    expect(second.json().errors).toEqual([{ path: 'code', message: 'is already in use' }]);
  });

  it('accepts only an active user with the sales role as account owner', async () => {
    const t = get();
    const seller = await t.userWith(['sales']);
    const accountant = await t.userWith(['finance']);
    const ok = await create(t, { ownerId: seller.id });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().ownerId).toBe(seller.id);

    const notSales = await create(t, { ownerId: accountant.id });
    expect(notSales.statusCode).toBe(400);
    expect(notSales.json().errors).toEqual([
      { path: 'ownerId', message: 'must be a user with the sales role' },
    ]);

    const unknown = await create(t, { ownerId: 'usr_nobody' });
    expect(unknown.json().errors).toEqual([{ path: 'ownerId', message: 'is not a user' }]);

    const patch = await t.inject({
      method: 'PATCH',
      url: `/api/customers/${ok.json().id}`,
      headers: await headersFor(t),
      payload: { ownerId: accountant.id },
    });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().errors[0].path).toBe('ownerId');
  });

  it('updates only the fields given, audits before and after, and emits customer.updated', async () => {
    const t = get();
    const created = (await create(t, { legalName: 'Nordsee Handels GmbH', tags: ['a'] })).json() as Customer;
    const headers = await headersFor(t, ['sales']);
    const response = await t.inject({
      method: 'PATCH',
      url: `/api/customers/${created.id}`,
      headers,
      payload: {
        currency: 'GBP',
        tags: ['b', 'a'],
        paymentTerms: { kind: 'end_of_month', days: 30 },
        creditLimit: 100000,
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    const updated = response.json() as Customer;
    expect(updated).toMatchObject({
      legalName: 'Nordsee Handels GmbH',
      currency: 'GBP',
      tags: ['a', 'b'],
      paymentTerms: { kind: 'end_of_month', days: 30 },
      creditLimit: 100000,
    });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json'])
      .where('entity_id', '=', created.id)
      .where('action', '=', 'customer.updated')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!)).toMatchObject({ currency: 'EUR', tags: ['a'], creditLimit: null });
    expect(JSON.parse(audit.after_json!)).toMatchObject({
      currency: 'GBP',
      tags: ['a', 'b'],
      creditLimit: 100000,
    });
    const event = await t.ctx.db
      .selectFrom('outbox_events')
      .select('payload')
      .where('aggregate_id', '=', created.id)
      .where('type', '=', 'customer.updated')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.payload).changes).toEqual(['currency', 'paymentTerms', 'creditLimit', 'tags']);

    // Nothing to change: no audit entry, no event.
    const same = await t.inject({
      method: 'PATCH',
      url: `/api/customers/${created.id}`,
      headers,
      payload: { currency: 'GBP' },
    });
    expect(same.json().updatedAt).toBe(updated.updatedAt);
    const count = await t.ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('entity_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);

    const clear = await t.inject({
      method: 'PATCH',
      url: `/api/customers/${created.id}`,
      headers,
      payload: { creditLimit: null, shippingAddress: address({ city: 'Bremen', country: 'de' }) },
    });
    expect(clear.json()).toMatchObject({
      creditLimit: null,
      shippingAddress: { city: 'Bremen', country: 'DE' },
    });

    const missing = await t.inject({ method: 'PATCH', url: '/api/customers/cus_nope', headers, payload: {} });
    expect(missing.statusCode).toBe(404);
  });

  it('searches name, code, tax id and contact email, ignoring case and accents', async () => {
    const t = get();
    const tag = 'search-test';
    await create(t, { legalName: 'Société Lumière', code: 'SRCH-1', tags: [tag] });
    await create(t, { legalName: 'Other Ltd', code: 'SRCH-2', taxId: 'GB980780684', tags: [tag] });
    await create(t, {
      legalName: 'Third GmbH',
      code: 'SRCH-3',
      tags: [tag],
      contacts: [{ name: 'Anke', email: 'anke@third.example', receivesInvoices: true }],
    });
    const headers = await headersFor(t, ['support']);
    const codes = async (q: string) => {
      const r = await t.inject({
        method: 'GET',
        url: `/api/customers?tag=${tag}&q=${encodeURIComponent(q)}`,
        headers,
      });
      expect(r.statusCode, r.body).toBe(200);
      return (r.json().items as Customer[]).map((c) => c.code);
    };
    expect(await codes('societe')).toEqual(['SRCH-1']);
    expect(await codes('LUMIÈRE')).toEqual(['SRCH-1']);
    expect(await codes('srch-2')).toEqual(['SRCH-2']);
    expect(await codes('gb 980 780')).toEqual(['SRCH-2']);
    expect(await codes('ANKE@third')).toEqual(['SRCH-3']);
    expect(await codes('srch')).toEqual(['SRCH-2', 'SRCH-1', 'SRCH-3']); // by name: Other, Société, Third
    expect(await codes('100%')).toEqual([]);
  });

  it('filters by tag, owner, currency and status, and archives and unarchives', async () => {
    const t = get();
    const seller = await t.userWith(['sales']);
    const tag = 'filter-test';
    const a = (
      await create(t, { legalName: 'A filter', tags: [tag], currency: 'USD', ownerId: seller.id })
    ).json();
    const b = (await create(t, { legalName: 'B filter', tags: [tag, 'other'], currency: 'EUR' })).json();
    const headers = await headersFor(t, ['auditor']);
    const names = async (query: string) =>
      (
        (await t.inject({ method: 'GET', url: `/api/customers?${query}`, headers })).json()
          .items as Customer[]
      ).map((c) => c.legalName);
    expect(await names(`tag=${tag}`)).toEqual(['A filter', 'B filter']);
    expect(await names(`tag=${tag}&currency=usd`)).toEqual(['A filter']);
    expect(await names(`ownerId=${seller.id}`)).toEqual(['A filter']);
    expect(await names('tag=OTHER')).toEqual(['B filter']);

    const write = await headersFor(t, ['sales']);
    const archived = await t.inject({
      method: 'POST',
      url: `/api/customers/${b.id}/archive`,
      headers: write,
    });
    expect(archived.json().status).toBe('archived');
    expect(await names(`tag=${tag}`)).toEqual(['A filter']);
    expect(await names(`tag=${tag}&status=archived`)).toEqual(['B filter']);
    expect(await names(`tag=${tag}&status=all`)).toEqual(['A filter', 'B filter']);
    const back = await t.inject({ method: 'POST', url: `/api/customers/${b.id}/unarchive`, headers: write });
    expect(back.json().status).toBe('active');
    const actions = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', b.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((x) => x.action)).toEqual([
      'customer.created',
      'customer.archived',
      'customer.unarchived',
    ]);
    expect(a.status).toBe('active');
  });

  it('pages through customers by name with a cursor', async () => {
    const t = get();
    const tag = 'paging-test';
    const names = ['Delta', 'alpha', 'Charlie', 'bravo', 'Echo', 'Alpha'];
    for (const legalName of names) await create(t, { legalName, tags: [tag] });
    const headers = await headersFor(t, ['logistics']);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/customers?tag=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.inject({ method: 'GET', url, headers })).json();
      seen.push(...(page.items as Customer[]).map((c) => c.legalName));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((s) => s.toLowerCase())).toEqual(['alpha', 'alpha', 'bravo', 'charlie', 'delta', 'echo']);
    expect(new Set(seen).size).toBe(6);
    const bad = await t.inject({ method: 'GET', url: '/api/customers?cursor=nonsense', headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('querystring.cursor');
  });

  it('adds, changes and removes contacts; search follows contact emails', async () => {
    const t = get();
    const customer = (
      await create(t, { legalName: 'Contacts Co', tags: ['contacts-test'] })
    ).json() as Customer;
    const headers = await headersFor(t, ['admin']);
    const url = `/api/customers/${customer.id}/contacts`;
    const added = await t.inject({
      method: 'POST',
      url,
      headers,
      payload: {
        name: 'Pat Payables',
        email: 'pat@contacts.example',
        role: 'AP clerk',
        receivesInvoices: true,
      },
    });
    expect(added.statusCode, added.body).toBe(201);
    const contact = added.json();
    expect(contact).toMatchObject({
      name: 'Pat Payables',
      role: 'AP clerk',
      receivesInvoices: true,
      receivesReminders: false,
    });

    const find = async (q: string) =>
      (await t.inject({ method: 'GET', url: `/api/customers?q=${q}`, headers })).json().items.length;
    expect(await find('pat@contacts')).toBe(1);

    const noEmail = await t.inject({
      method: 'PATCH',
      url: `${url}/${contact.id}`,
      headers,
      payload: { email: null },
    });
    expect(noEmail.statusCode).toBe(400);
    expect(noEmail.json().errors).toEqual([
      { path: 'email', message: 'is required for a contact who receives invoices or reminders' },
    ]);

    const changed = await t.inject({
      method: 'PATCH',
      url: `${url}/${contact.id}`,
      headers,
      payload: { email: 'pay@contacts.example', receivesReminders: true },
    });
    expect(changed.json()).toMatchObject({ email: 'pay@contacts.example', receivesReminders: true });
    expect(await find('pat@contacts')).toBe(0);
    expect(await find('pay@contacts')).toBe(1);

    const removed = await t.inject({ method: 'DELETE', url: `${url}/${contact.id}`, headers });
    expect(removed.statusCode).toBe(204);
    expect(await find('pay@contacts')).toBe(0);
    const gone = await t.inject({ method: 'DELETE', url: `${url}/${contact.id}`, headers });
    expect(gone.statusCode).toBe(404);

    const actions = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', customer.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'customer.created',
      'customer.contact_added',
      'customer.contact_updated',
      'customer.contact_removed',
    ]);
  });

  it('generates distinct codes for concurrent creates', async () => {
    const t = get();
    const headers = await headersFor(t);
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.inject({
          method: 'POST',
          url: '/api/customers',
          headers,
          payload: { legalName: `Concurrent ${i}`, billingAddress: address() },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(responses.map((r) => r.json().code)).size).toBe(8);
  });

  it('lets logistics read but not write', async () => {
    const t = get();
    const headers = await headersFor(t, ['logistics']);
    expect((await t.inject({ method: 'GET', url: '/api/customers', headers })).statusCode).toBe(200);
    const denied = await create(t, {}, ['logistics']);
    expect(denied.statusCode).toBe(403);
    expect(denied.json().detail).toContain('customers.write');
  });
});

describeEachApp('customers demo data and API description', (get) => {
  it('seeds about twenty demo customers with contacts, once', async () => {
    const t = get();
    const messages: string[] = [];
    for (const module of MODULES)
      await module.seedDemo?.(t.ctx, systemActor('seed'), (m) => messages.push(m));
    expect(messages).toContain('customers: 20 demo customer(s) created');
    for (const module of MODULES)
      await module.seedDemo?.(t.ctx, systemActor('seed'), (m) => messages.push(m));
    expect(messages).toContain('customers: 0 demo customer(s) created');
    const list = await t.inject({
      method: 'GET',
      url: '/api/customers?limit=100',
      headers: bearer(await t.tokenWith(['support'])),
    });
    const items = list.json().items as Customer[];
    expect(items).toHaveLength(20);
    expect(new Set(items.map((c) => c.currency)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(items.map((c) => c.billingAddress.country)).size).toBeGreaterThanOrEqual(8);
    expect(items.every((c) => billingContact(c).length === 1)).toBe(true);
    expect(items.filter((c) => c.ownerId !== null).length).toBeGreaterThan(0);
  });

  it('describes the customer routes in the OpenAPI document', async () => {
    const t = get();
    const doc = (await t.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/customers/import'].post.summary).toContain('text/csv');
    expect(Object.keys(doc.paths['/api/customers/import'].post.requestBody.content)).toEqual(
      expect.arrayContaining(['application/json', 'text/csv']),
    );
    expect(doc.paths['/api/customers/{id}'].patch).toBeDefined();
  });
});

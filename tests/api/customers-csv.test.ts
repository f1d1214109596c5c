/** Customer CSV import (preview, all-or-nothing apply, update by code) and export (round trip, formula escaping). */
import { expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../src/modules/customers/index.js';
import { bearer, describeEachApp, type TestApp } from '../support/app.js';

const HEADER =
  'code,legal_name,currency,language,payment_terms,credit_limit,tax_id,tags,owner_email,billing_line1,billing_postal_code,billing_city,billing_country,contact_name,contact_email';

describeEachApp('customers CSV', (get) => {
  const writer = async (t: TestApp) => bearer(await t.tokenWith(['finance']));

  const importCsv = async (
    t: TestApp,
    csv: string,
    mode: 'preview' | 'apply',
    headers?: Record<string, string>,
  ) =>
    t.inject({
      method: 'POST',
      url: `/api/customers/import?mode=${mode}`,
      headers: { ...(headers ?? (await writer(t))), 'content-type': 'text/csv' },
      payload: csv,
    });

  const countCustomers = async (t: TestApp) =>
    Number(
      (
        await t.ctx.db
          .selectFrom('customers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const exportCsv = async (t: TestApp, query = '') => {
    const response = await t.inject({
      method: 'GET',
      url: `/api/customers/export.csv${query}`,
      headers: bearer(await t.tokenWith(['auditor'])),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };

  it('previews a file with several bad lines, reporting each line and field, and changes nothing', async () => {
    const t = get();
    const before = await countCustomers(t);
    const csv = [
      HEADER,
      'P-1,Good One,EUR,fr,net 30,1000.50,,retail,,1 rue A,75001,Paris,FR,Ann,ann@one.example',
      'P-2,Bad Currency,EURO,en,net 30,,,,,1 Main St,,Dublin,IE,,',
      'P-3,Bad Country,EUR,en,net 30,,,,,1 Main St,,Nowhere,XX,,',
      '"P-4","Bad ""Terms"", Inc.",EUR,en,sometimes,,,,,1 Main St,,Paris,FR,,',
      'P-5,Bad Contact,EUR,en,net 30,abc,,,,1 Main St,,Paris,FR,Bob,not-an-email',
      ',,EUR,en,net 30,,,,nobody@example.com,,,Paris,FR,,',
      'P-1,Duplicate,EUR,en,net 30,,,,,1 Main St,,Paris,FR,,',
      'P-8,Too few cells',
    ].join('\n');
    const response = await importCsv(t, csv, 'preview');
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result.valid).toBe(false);
    expect(result.counts).toEqual({ lines: 8, create: 1, update: 0, unchanged: 0, invalid: 7 });
    expect(result.errors).toEqual([
      { line: 3, field: 'currency', message: 'must be an ISO 4217 currency code, e.g. EUR' },
      { line: 4, field: 'billing_country', message: 'must be an ISO 3166-1 alpha-2 country code, e.g. FR' },
      { line: 5, field: 'payment_terms', message: expect.stringContaining('"net 30"') },
      { line: 6, field: 'credit_limit', message: 'must be a decimal amount, e.g. 5000.00' },
      { line: 6, field: 'contact_email', message: 'must be an email address' },
      { line: 7, field: 'owner_email', message: 'is not the email of a user' },
      { line: 7, field: 'legal_name', message: 'is required' },
      { line: 7, field: 'billing_line1', message: 'is required' },
      { line: 8, field: 'code', message: 'is also on line 2; a code may appear once per file' },
      { line: 9, field: null, message: 'has 2 cells; the header has 15' },
    ]);
    expect(result.lines[0]).toMatchObject({ line: 2, code: 'P-1', legalName: 'Good One', action: 'create' });
    expect(result.lines[3]).toMatchObject({ line: 5, legalName: 'Bad "Terms", Inc.', action: 'invalid' });
    expect(await countCustomers(t)).toBe(before);
  });

  it('refuses to apply a file with one bad line: a 400 listing the error, nothing imported', async () => {
    const t = get();
    const before = await countCustomers(t);
    const headers = await writer(t);
    const auditBefore = await t.ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    const csv = [
      HEADER,
      'A-1,Alpha,EUR,en,net 30,,,,,1 Main St,,Paris,FR,,',
      'A-2,Bravo,EUR,en,net 30,,,,,1 Main St,,Paris,FR,,',
      'A-3,Charlie,EUR,en,net 30,,,,,1 Main St,,Paris,FR,,',
      'A-4,Delta,EUR,en,net 30,,,,,1 Main St,,Paris,FR,,',
      'A-5,Echo,EUR,en,net 30,,,,,1 Main St,,Paris,FR,,',
      'A-6,Foxtrot,XYZ,en,net 30,,,,,1 Main St,,Paris,FR,,',
    ].join('\n');
    const response = await importCsv(t, csv, 'apply', headers);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem.detail).toContain('nothing was imported');
    expect(problem.errors).toEqual([
      {
        path: 'line 7, column currency',
        line: 7,
        field: 'currency',
        message: 'must be an ISO 4217 currency code, e.g. EUR',
      },
    ]);
    expect(await countCustomers(t)).toBe(before);
    const auditAfter = await t.ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    expect(auditAfter?.seq).toBe(auditBefore?.seq);
  });

  it('applies a good file, then re-importing updates by code', async () => {
    const t = get();
    const seller = await t.userWith(['sales']);
    const csv = [
      HEADER,
      `IMP-1,Import One SARL,eur,FR,net 30; discount 2% 10,2500,fr 40 303 265 045,retail;vip,${seller.email},1 rue A,75001,Paris,fr,Ann One,ann@one.example`,
      'IMP-2,Import Two Ltd,GBP,en,eom 45,,,wholesale,,2 High St,SW1A 1AA,London,GB,,',
      ',Import Three KK,JPY,en,instalments 30:50 60:50,150000,,,,3 Chome,100-0005,Tokyo,JP,Kenji,kenji@three.example',
    ].join('\r\n');
    const preview = (await importCsv(t, csv, 'preview')).json();
    expect(preview.valid).toBe(true);
    expect(preview.lines.map((l: { action: string }) => l.action)).toEqual(['create', 'create', 'create']);

    const applied = await importCsv(t, csv, 'apply');
    expect(applied.statusCode, applied.body).toBe(200);
    const result = applied.json();
    expect(result.counts).toEqual({ lines: 3, create: 3, update: 0, unchanged: 0, invalid: 0 });
    expect(result.lines[2].code).toMatch(/^C-\d{5}$/);
    const headers = await writer(t);
    const one = (
      await t.inject({ method: 'GET', url: `/api/customers/${result.lines[0].customerId}`, headers })
    ).json();
    expect(one).toMatchObject({
      code: 'IMP-1',
      legalName: 'Import One SARL',
      currency: 'EUR',
      language: 'fr',
      paymentTerms: { kind: 'net', days: 30, earlyDiscount: { percent: 2, days: 10 } },
      creditLimit: 250000,
      taxId: 'FR40303265045',
      tags: ['retail', 'vip'],
      ownerId: seller.id,
      billingAddress: { line1: '1 rue A', postalCode: '75001', city: 'Paris', country: 'FR' },
      contacts: [
        { name: 'Ann One', email: 'ann@one.example', receivesInvoices: true, receivesReminders: true },
      ],
    });
    const three = (
      await t.inject({ method: 'GET', url: `/api/customers/${result.lines[2].customerId}`, headers })
    ).json();
    expect(three.creditLimit).toBe(150000); // JPY has no minor digits
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['customer.created', 'customer.imported'])
      .where('entity_id', 'in', [one.id, three.id])
      .execute();
    expect(audits).toHaveLength(2);

    // Re-import: only the columns present change; codes match existing customers.
    const update = [
      'code,legal_name,credit_limit,tags,contact_name,contact_email',
      'imp-1,Import One SAS,,retail,Ann One,ann@one.example',
      'IMP-2,Import Two Ltd,,wholesale,Bea Two,bea@two.example',
      'IMP-9,Brand New,,,,',
    ].join('\n');
    const planned = (await importCsv(t, update, 'preview')).json();
    expect(planned.lines).toMatchObject([
      { line: 2, code: 'IMP-1', action: 'update', changes: ['legalName', 'creditLimit', 'tags'] },
      { line: 3, code: 'IMP-2', action: 'update', changes: ['contacts'] },
      { line: 4, code: 'IMP-9', action: 'invalid' },
    ]);
    expect(planned.errors).toEqual([
      { line: 4, field: 'billing_line1', message: 'is required' },
      { line: 4, field: 'billing_city', message: 'is required' },
      { line: 4, field: 'billing_country', message: expect.stringContaining('ISO 3166-1') },
    ]);
    const reapplied = await importCsv(t, update.split('\n').slice(0, 3).join('\n'), 'apply');
    expect(reapplied.statusCode, reapplied.body).toBe(200);
    expect(reapplied.json().counts).toMatchObject({ create: 0, update: 2 });
    const after = (await t.inject({ method: 'GET', url: `/api/customers/${one.id}`, headers })).json();
    expect(after).toMatchObject({
      legalName: 'Import One SAS',
      creditLimit: null,
      tags: ['retail'],
      currency: 'EUR',
    });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['before_json', 'after_json'])
      .where('entity_id', '=', one.id)
      .where('action', '=', 'customer.updated')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!).legalName).toBe('Import One SARL');
    expect(JSON.parse(audit.after_json!).legalName).toBe('Import One SAS');
  });

  it('accepts the file as JSON {csv} too, and reports line numbers of the file with multi-line cells', async () => {
    const t = get();
    const csv = [
      'code,legal_name,billing_line1,billing_city,billing_country,notes',
      'ML-1,Multi Line,1 Main St,Paris,FR,"first line',
      'second line"',
      '',
      'ML-2,Bad,1 Main St,Paris,ZZ,',
    ].join('\n');
    const response = await t.inject({
      method: 'POST',
      url: '/api/customers/import?mode=preview',
      headers: await writer(t),
      payload: { csv },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().errors).toEqual([
      { line: 5, field: 'billing_country', message: expect.stringContaining('ISO 3166-1') },
    ]);
    const unknown = await importCsv(t, 'code,legal_nam\nX,Y', 'preview');
    expect(unknown.json().errors).toEqual([
      { line: 1, field: 'legal_nam', message: expect.stringContaining('is not a known column') },
    ]);
    const broken = await importCsv(t, 'code,legal_name\n"X,Y\n', 'apply');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().errors[0]).toMatchObject({ line: expect.any(Number), field: null });
  });

  it('exports the import columns with formula cells defused, and an export re-imports unchanged', async () => {
    const t = get();
    const headers = await writer(t);
    const created = await t.inject({
      method: 'POST',
      url: '/api/customers',
      headers,
      payload: {
        code: 'EXP-1',
        legalName: '=HYPERLINK("http://evil.example","click")',
        billingAddress: { line1: '@home, "quoted"', city: 'Bruxelles', country: 'BE', region: '-' },
        shippingAddress: {
          line1: 'Dock 4',
          line2: 'Gate B',
          postalCode: '2000',
          city: 'Antwerpen',
          country: 'BE',
        },
        currency: 'KWD',
        language: 'nl',
        paymentTerms: {
          kind: 'instalments',
          parts: [
            { days: 30, percent: 33.33 },
            { days: 60, percent: 66.67 },
          ],
          earlyDiscount: { percent: 1.5, days: 7 },
        },
        creditLimit: 1234567,
        taxId: 'BE0403170701',
        tags: ['export-test', 'b2b'],
        notes: 'Two\nlines, "quoted"',
        contacts: [
          { name: 'Not billing', email: 'other@exp.example' },
          { name: 'Bill Payer', email: 'bill@exp.example', phone: '+32 2 555 00 00', receivesInvoices: true },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const seller = await t.userWith(['sales']);
    await t.inject({
      method: 'POST',
      url: '/api/customers',
      headers,
      payload: {
        code: 'EXP-2',
        legalName: 'Plain Export BV',
        billingAddress: { line1: 'Straat 1', city: 'Utrecht', country: 'NL' },
        tags: ['export-test'],
        ownerId: seller.id,
      },
    });

    const response = await exportCsv(t, '?tag=export-test');
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="customers-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const body = response.body;
    const [header] = body.split('\r\n');
    expect(header).toBe(CSV_COLUMNS.join(','));
    expect(body).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(body).toContain(`"'@home, ""quoted"""`);
    expect(body).toContain(`'+32 2 555 00 00`);
    expect(body).toContain(',1234.567,'); // KWD has three decimals
    expect(body).toContain('instalments 30:33.33 60:66.67; discount 1.5% 7');
    expect(body).toContain(seller.email);
    expect(body.trim().split('\r\n')).toHaveLength(3); // header + 2 customers (the note's line break is \n)

    const preview = (await importCsv(t, body, 'preview')).json();
    expect(preview.errors).toEqual([]);
    expect(preview.lines.map((l: { code: string; action: string }) => [l.code, l.action])).toEqual([
      ['EXP-1', 'unchanged'],
      ['EXP-2', 'unchanged'],
    ]);
    const reapplied = await importCsv(t, body, 'apply');
    expect(reapplied.json().counts).toEqual({ lines: 2, create: 0, update: 0, unchanged: 2, invalid: 0 });
    const after = (
      await t.inject({ method: 'GET', url: `/api/customers/${created.json().id}`, headers })
    ).json();
    expect(after).toEqual(created.json());

    const edited = body.replace('Plain Export BV', 'Plain Export B.V.');
    const changed = (await importCsv(t, edited, 'preview')).json();
    expect(changed.lines[1]).toMatchObject({ code: 'EXP-2', action: 'update', changes: ['legalName'] });

    const filtered = await exportCsv(t, '?tag=export-test&q=plain');
    expect(filtered.body.trim().split('\r\n')).toHaveLength(2);
  });

  it('round-trips the whole customer list through export and import', async () => {
    const t = get();
    const body = (await exportCsv(t, '?status=all')).body;
    const lines = body.trim().split('\r\n').length;
    expect(lines).toBeGreaterThan(5);
    const result = (await importCsv(t, body, 'apply')).json();
    expect(result.valid).toBe(true);
    expect(result.counts.update).toBe(0);
    expect(result.counts.create).toBe(0);
  });
});

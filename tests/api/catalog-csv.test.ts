/** Product CSV import (preview with per-line errors, all-or-nothing apply, update by SKU), export round trip, and stock count import. */
import { expect, it } from 'vitest';
import { reserveStock, stockOf } from '../../src/modules/catalog/index.js';
import { transaction } from '../../src/platform/db/transaction.js';
import { bearer, describeEachApp, type TestApp } from '../support/app.js';

const warehouseBody = (code: string) => ({
  code,
  name: `Warehouse ${code}`,
  address: { line1: '1 Dock Road', city: 'Lyon', postalCode: '69007', country: 'FR' },
});

const HEADER =
  'sku,name,gtin,unit,weight_g,length_mm,width_mm,height_mm,hs_code,country_of_origin,price,currency,active';

describeEachApp('catalog CSV', (get) => {
  const writer = async (t: TestApp) => bearer(await t.tokenWith(['logistics']));

  const importCsv = async (t: TestApp, url: string, csv: string) =>
    t.inject({
      method: 'POST',
      url,
      headers: { ...(await writer(t)), 'content-type': 'text/csv' },
      payload: csv,
    });

  const productCount = async (t: TestApp) =>
    Number(
      (
        await t.ctx.db
          .selectFrom('products')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('previews a file with bad lines, naming each line and column, and imports nothing', async () => {
    const t = get();
    const before = await productCount(t);
    const csv = [
      HEADER,
      'CSV-OK-1,Good one,4006381333931,pcs,380,120,90,100,6912.00,PT,6.90,EUR,true',
      'CSV-BAD-2,Bad GTIN,4006381333932,pcs,380,,,,691200,PT,6.90,EUR,true',
      'CSV-BAD-3,Bad numbers,,pcs,heavy,10,10,,12,XX,6.999,EUR,maybe',
      ',No SKU,,pcs,,,,,,,,,',
      'CSV-OK-1,Duplicate,,pcs,,,,,,,,,',
    ].join('\n');
    const preview = await importCsv(t, '/api/products/import?mode=preview', csv);
    expect(preview.statusCode, preview.body).toBe(200);
    const result = preview.json();
    expect(result.valid).toBe(false);
    expect(result.counts).toMatchObject({ lines: 5, create: 1, invalid: 4 });
    const at = (line: number) => result.errors.filter((e: { line: number }) => e.line === line);
    expect(at(3).map((e: { field: string }) => e.field)).toEqual(['gtin']);
    expect(
      at(4)
        .map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['active', 'country_of_origin', 'hs_code', 'length_mm', 'price', 'weight_g'].sort());
    expect(at(5).map((e: { field: string }) => e.field)).toEqual(['sku']);
    expect(at(6)[0]).toMatchObject({ field: 'sku', message: expect.stringContaining('line 2') });

    const apply = await importCsv(t, '/api/products/import?mode=apply', csv);
    expect(apply.statusCode).toBe(400);
    expect(apply.json().errors.length).toBe(result.errors.length);
    expect(await productCount(t)).toBe(before);
  });

  it('applies a valid file (create and update by SKU) and exports it back unchanged', async () => {
    const t = get();
    const csv = [
      HEADER,
      'RT-1,Round trip one,96385074,box,1500,260,180,100,701337,FR,14.90,EUR,true',
      'RT-2,"Round trip, two",,pcs,,,,,,,,,false',
    ].join('\r\n');
    const apply = await importCsv(t, '/api/products/import?mode=apply', csv);
    expect(apply.statusCode, apply.body).toBe(200);
    expect(apply.json().counts).toMatchObject({ create: 2, invalid: 0 });

    const update = await importCsv(
      t,
      '/api/products/import?mode=apply',
      'sku,name,price,currency\nrt-2,Renamed,3.50,USD',
    );
    expect(update.json().lines[0]).toMatchObject({ action: 'update', changes: ['name', 'price'] });

    const exported = await t.inject({
      method: 'GET',
      url: '/api/products/export.csv?q=rt-',
      headers: bearer(await t.tokenWith(['auditor'])),
    });
    expect(exported.statusCode).toBe(200);
    expect(exported.body).toBe(
      `${HEADER}\r\nRT-1,Round trip one,96385074,box,1500,260,180,100,701337,FR,14.90,EUR,true\r\nRT-2,Renamed,,pcs,,,,,,,3.50,USD,false\r\n`,
    );
    const again = await importCsv(t, '/api/products/import?mode=preview', exported.body);
    expect(again.json().counts).toMatchObject({ unchanged: 2, create: 0, update: 0, invalid: 0 });
  });

  it('a count file sets on hand exactly, through "stock count" adjustments; preview shows the differences', async () => {
    const t = get();
    const headers = await writer(t);
    const mk = async (sku: string) =>
      (await t.inject({ method: 'POST', url: '/api/products', headers, payload: { sku, name: sku } })).json()
        .id as string;
    const [a, b] = [await mk('CNT-A'), await mk('CNT-B')];
    await mk('CNT-C');
    const w = (
      await t.inject({ method: 'POST', url: '/api/warehouses', headers, payload: warehouseBody('CNT-W') })
    ).json();
    for (const [id, qty] of [
      [a, 10],
      [b, 5],
    ] as const)
      await t.inject({
        method: 'POST',
        url: '/api/stock/receipts',
        headers,
        payload: { productId: id, warehouseId: w.id, quantity: qty },
      });

    const csv = 'sku,warehouse,on_hand\nCNT-A,CNT-W,7\ncnt-b,cnt-w,5\nCNT-C,CNT-W,4\n';
    const preview = await importCsv(t, '/api/stock/counts/import?mode=preview', csv);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(
      preview
        .json()
        .lines.map(
          (l: { sku: string; onHand: number; counted: number; difference: number; action: string }) => [
            l.sku,
            l.onHand,
            l.counted,
            l.difference,
            l.action,
          ],
        ),
    ).toEqual([
      ['CNT-A', 10, 7, -3, 'adjust'],
      ['CNT-B', 5, 5, 0, 'unchanged'],
      ['CNT-C', 0, 4, 4, 'adjust'],
    ]);

    const bad = await importCsv(
      t,
      '/api/stock/counts/import?mode=apply',
      `${csv}CNT-A,NOWHERE,1\nNOPE,CNT-W,-1\n`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
      [5, 'warehouse'],
      [6, 'sku'],
      [6, 'on_hand'],
    ]);

    const apply = await importCsv(t, '/api/stock/counts/import?mode=apply', csv);
    expect(apply.statusCode, apply.body).toBe(200);
    const countId = apply.json().countId;
    const levels = await t.inject({ method: 'GET', url: `/api/stock/levels?warehouseId=${w.id}`, headers });
    expect(levels.json().items.map((l: { sku: string; onHand: number }) => [l.sku, l.onHand])).toEqual([
      ['CNT-A', 7],
      ['CNT-B', 5],
      ['CNT-C', 4],
    ]);
    const movements = await t.inject({
      method: 'GET',
      url: `/api/stock/movements?referenceType=stock_count&referenceId=${countId}`,
      headers,
    });
    expect(
      movements
        .json()
        .items.map((m: { kind: string; quantity: number; reason: string }) => [m.kind, m.quantity, m.reason])
        .sort(),
    ).toEqual([
      ['adjustment', -3, 'stock count'],
      ['adjustment', 4, 'stock count'],
    ]);

    // The count sheet exports what it would import, and re-importing it changes nothing.
    const sheet = await t.inject({
      method: 'GET',
      url: `/api/stock/counts.csv?warehouseId=${w.id}`,
      headers,
    });
    expect(sheet.body).toBe(
      'sku,warehouse,on_hand,reserved,available\r\nCNT-A,CNT-W,7,0,7\r\nCNT-B,CNT-W,5,0,5\r\nCNT-C,CNT-W,4,0,4\r\n',
    );
    const again = await importCsv(t, '/api/stock/counts/import?mode=preview', sheet.body);
    expect(again.json().counts).toMatchObject({ adjust: 0, unchanged: 3, invalid: 0 });
  });

  it('a count below what is reserved needs override, which is audited', async () => {
    const t = get();
    const headers = await writer(t);
    const p = (
      await t.inject({ method: 'POST', url: '/api/products', headers, payload: { sku: 'CNT-R', name: 'R' } })
    ).json();
    const w = (
      await t.inject({ method: 'POST', url: '/api/warehouses', headers, payload: warehouseBody('CNT-R') })
    ).json();
    await t.inject({
      method: 'POST',
      url: '/api/stock/receipts',
      headers,
      payload: { productId: p.id, warehouseId: w.id, quantity: 5 },
    });
    await transaction(t.ctx, t.adminActor, (tx) =>
      reserveStock(tx, {
        productId: p.id,
        warehouseId: w.id,
        quantity: 4,
        reference: { type: 'order_line', id: 'x' },
      }),
    );
    const csv = 'sku,warehouse,on_hand\nCNT-R,CNT-R,2\n';
    const refused = await importCsv(t, '/api/stock/counts/import?mode=apply', csv);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({
      line: 2,
      field: 'on_hand',
      message: expect.stringContaining('4 reserved'),
    });
    const forced = await importCsv(t, '/api/stock/counts/import?mode=apply&override=true', csv);
    expect(forced.statusCode, forced.body).toBe(200);
    expect(await stockOf(t.ctx.db, p.id, w.id)).toMatchObject({ onHand: 2, reserved: 4, available: -2 });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', p.id)
      .where('action', '=', 'stock.override')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

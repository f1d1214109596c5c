/** Products, warehouses and stock through the API: validation, search and paging, receipts, adjustments, overrides. */
import { expect, it } from 'vitest';
import {
  catalogModule,
  findProductBySku,
  gtinProblem,
  ledgerCheck,
  stockOf,
} from '../../src/modules/catalog/index.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import { bearer, describeEachApp, type TestApp } from '../support/app.js';

const warehouseBody = (code: string) => ({
  code,
  name: `Warehouse ${code}`,
  address: { line1: '1 Dock Road', city: 'Lyon', postalCode: '69007', country: 'fr' },
});

describeEachApp('catalog API', (get) => {
  const as = async (t: TestApp, role: 'logistics' | 'admin' | 'sales' | 'finance' | 'auditor') =>
    bearer(await t.tokenWith([role]));

  const post = async (t: TestApp, url: string, payload: unknown, role: 'logistics' | 'admin' = 'logistics') =>
    t.inject({ method: 'POST', url, headers: await as(t, role), payload: payload as object });

  it('creates a product with normalised fields and refuses bad GTINs, HS codes, countries and duplicate SKUs', async () => {
    const t = get();
    const created = await post(t, '/api/products', {
      sku: ' cup-300-wht ',
      name: 'Cup 300 ml',
      gtin: '4006381333931',
      weightGrams: 380,
      dimensionsMm: { length: 120, width: 90, height: 100 },
      hsCode: '6912.00',
      countryOfOrigin: 'pt',
      price: { amount: 690, currency: 'eur' },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      id: expect.stringMatching(/^prd_/),
      sku: 'CUP-300-WHT',
      unit: 'pcs',
      hsCode: '691200',
      countryOfOrigin: 'PT',
      price: { amount: 690, currency: 'EUR' },
      active: true,
    });

    const bad = await post(t, '/api/products', {
      sku: 'BAD-1',
      name: 'Bad',
      gtin: '4006381333932',
      hsCode: '12345',
      countryOfOrigin: 'XX',
      weightGrams: 1.5,
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['gtin', 'hsCode', 'countryOfOrigin', 'weightGrams']));
    expect(bad.body).toContain('check digit');

    const dup = await post(t, '/api/products', { sku: 'CUP-300-WHT', name: 'Again' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toContain('CUP-300-WHT');
  });

  it('searches and pages products by SKU, and reads need only the read permission', async () => {
    const t = get();
    for (let i = 1; i <= 5; i++)
      expect(
        (await post(t, '/api/products', { sku: `PAGE-${i}`, name: `Pageable item ${i}` })).statusCode,
      ).toBe(201);
    const reader = await as(t, 'sales');
    const first = await t.inject({ method: 'GET', url: '/api/products?q=pageable&limit=2', headers: reader });
    expect(first.statusCode).toBe(200);
    expect(first.json().items.map((p: { sku: string }) => p.sku)).toEqual(['PAGE-1', 'PAGE-2']);
    const second = await t.inject({
      method: 'GET',
      url: `/api/products?q=pageable&limit=2&cursor=${first.json().nextCursor}`,
      headers: reader,
    });
    expect(second.json().items.map((p: { sku: string }) => p.sku)).toEqual(['PAGE-3', 'PAGE-4']);
    const write = await t.inject({
      method: 'POST',
      url: '/api/products',
      headers: reader,
      payload: { sku: 'X', name: 'X' },
    });
    expect(write.statusCode).toBe(403);
  });

  it('updates, deactivates and deletes products; a product with movements cannot be deleted', async () => {
    const t = get();
    const p = (await post(t, '/api/products', { sku: 'UPD-1', name: 'Before' })).json();
    const headers = await as(t, 'logistics');
    const patched = await t.inject({
      method: 'PATCH',
      url: `/api/products/${p.id}`,
      headers,
      payload: { name: 'After', active: false, gtin: '96385074' },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ name: 'After', active: false, gtin: '96385074' });
    const inactive = await t.inject({ method: 'GET', url: '/api/products?active=false&q=upd-1', headers });
    expect(inactive.json().items).toHaveLength(1);

    const w = (await post(t, '/api/warehouses', warehouseBody('DEL-W'))).json();
    expect(
      (await post(t, '/api/stock/receipts', { productId: p.id, warehouseId: w.id, quantity: 1 })).statusCode,
    ).toBe(201);
    const refused = await t.inject({ method: 'DELETE', url: `/api/products/${p.id}`, headers });
    expect(refused.statusCode).toBe(409);
    const fresh = (await post(t, '/api/products', { sku: 'DEL-1', name: 'Deletable' })).json();
    expect((await t.inject({ method: 'DELETE', url: `/api/products/${fresh.id}`, headers })).statusCode).toBe(
      204,
    );
    expect((await t.inject({ method: 'GET', url: `/api/products/${fresh.id}`, headers })).statusCode).toBe(
      404,
    );
  });

  it('manages warehouses', async () => {
    const t = get();
    const created = await post(t, '/api/warehouses', warehouseBody('wh-a'));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'WH-A', address: { country: 'FR' }, active: true });
    expect((await post(t, '/api/warehouses', warehouseBody('WH-A'))).statusCode).toBe(409);
    const headers = await as(t, 'admin');
    const patched = await t.inject({
      method: 'PATCH',
      url: `/api/warehouses/${created.json().id}`,
      headers,
      payload: { name: 'Renamed' },
    });
    expect(patched.json().name).toBe('Renamed');
    const list = await t.inject({ method: 'GET', url: '/api/warehouses', headers: await as(t, 'auditor') });
    expect(list.json().items.map((w: { code: string }) => w.code)).toContain('WH-A');
  });

  it('receives and adjusts stock, lists levels and the movement ledger', async () => {
    const t = get();
    const p = (await post(t, '/api/products', { sku: 'STK-1', name: 'Stocked' })).json();
    const w = (await post(t, '/api/warehouses', warehouseBody('STK-W'))).json();
    const receipt = await post(t, '/api/stock/receipts', {
      productId: p.id,
      warehouseId: w.id,
      quantity: 10,
      reference: { type: 'purchase_order', id: 'PO-1' },
    });
    expect(receipt.statusCode, receipt.body).toBe(201);
    expect(receipt.json().level).toEqual({ onHand: 10, reserved: 0, available: 10 });
    expect(receipt.json().movement).toMatchObject({
      kind: 'receipt',
      quantity: 10,
      reference: { type: 'purchase_order', id: 'PO-1' },
    });

    const noReason = await post(t, '/api/stock/adjustments', {
      productId: p.id,
      warehouseId: w.id,
      quantity: -2,
    });
    expect(noReason.statusCode).toBe(400);
    const adjusted = await post(t, '/api/stock/adjustments', {
      productId: p.id,
      warehouseId: w.id,
      quantity: -2,
      reason: 'damaged',
    });
    expect(adjusted.statusCode, adjusted.body).toBe(201);
    expect(adjusted.json().level.onHand).toBe(8);

    const tooMuch = await post(t, '/api/stock/adjustments', {
      productId: p.id,
      warehouseId: w.id,
      quantity: -9,
      reason: 'lost',
    });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().detail).toContain('STK-1');

    const reader = await as(t, 'finance');
    const levels = await t.inject({
      method: 'GET',
      url: `/api/stock/levels?productId=${p.id}`,
      headers: reader,
    });
    expect(levels.json().items).toEqual([
      {
        productId: p.id,
        sku: 'STK-1',
        productName: 'Stocked',
        warehouseId: w.id,
        warehouseCode: 'STK-W',
        onHand: 8,
        reserved: 0,
        available: 8,
      },
    ]);
    const movements = await t.inject({
      method: 'GET',
      url: `/api/stock/movements?productId=${p.id}&limit=1`,
      headers: reader,
    });
    expect(movements.json().items.map((m: { kind: string }) => m.kind)).toEqual(['adjustment']);
    const older = await t.inject({
      method: 'GET',
      url: `/api/stock/movements?productId=${p.id}&cursor=${movements.json().nextCursor}`,
      headers: reader,
    });
    expect(older.json().items.map((m: { kind: string }) => m.kind)).toEqual(['receipt']);
    const byRef = await t.inject({
      method: 'GET',
      url: '/api/stock/movements?referenceType=purchase_order&referenceId=PO-1',
      headers: reader,
    });
    expect(byRef.json().items).toHaveLength(1);
  });

  it('an override takes available below zero only when asked, and is audited with its reason', async () => {
    const t = get();
    const p = (await post(t, '/api/products', { sku: 'OVR-1', name: 'Override me' })).json();
    const w = (await post(t, '/api/warehouses', warehouseBody('OVR-W'))).json();
    await post(t, '/api/stock/receipts', { productId: p.id, warehouseId: w.id, quantity: 3 });
    const body = { productId: p.id, warehouseId: w.id, quantity: -5, reason: 'written off after audit' };
    expect((await post(t, '/api/stock/adjustments', body)).statusCode).toBe(409);
    const overridden = await post(t, '/api/stock/adjustments', { ...body, override: true });
    expect(overridden.statusCode, overridden.body).toBe(201);
    expect(overridden.json().level).toEqual({ onHand: -2, reserved: 0, available: -2 });
    expect(overridden.json().movement).toMatchObject({ override: true, reason: 'written off after audit' });

    const audit = await t.inject({
      method: 'GET',
      url: `/api/audit?action=stock.override&entityId=${p.id}`,
      headers: await as(t, 'admin'),
    });
    expect(audit.json().items).toHaveLength(1);
    expect(audit.json().items[0].after).toMatchObject({ reason: 'written off after audit', onHand: -2 });
  });

  it('seeds demo products, warehouses and receipts, once', async () => {
    const t = get();
    const seed = () => catalogModule.seedDemo!(t.ctx, systemActor('seed'), () => undefined);
    await seed();
    const movementsAfterFirst = await ledgerCheck(t.ctx.db);
    await seed();
    expect(await ledgerCheck(t.ctx.db)).toEqual(movementsAfterFirst);
    const headers = await as(t, 'auditor');
    const demo = await t.inject({ method: 'GET', url: '/api/products?limit=500', headers });
    const products = demo.json().items.filter((p: { gtin: string | null }) => p.gtin?.startsWith('400638'));
    expect(products.length).toBeGreaterThanOrEqual(30);
    for (const p of products) {
      expect(gtinProblem(p.gtin), p.sku).toBeNull();
      expect(p.hsCode).toMatch(/^\d{6,10}$/);
      expect(p.weightGrams).toBeGreaterThan(0);
    }
    const warehouses = await t.inject({ method: 'GET', url: '/api/warehouses', headers });
    expect(warehouses.json().items.map((w: { code: string }) => w.code)).toEqual(
      expect.arrayContaining(['LYON-1', 'HAM-1']),
    );
    const mug = await findProductBySku(t.ctx.db, 'mug-300-wht');
    expect((await stockOf(t.ctx.db, mug!.id)).onHand).toBeGreaterThan(0);
    for (const c of await ledgerCheck(t.ctx.db)) expect(c.level).toEqual(c.ledger);
  });
});

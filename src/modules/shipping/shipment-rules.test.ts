import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import type { OrderLine } from '../orders/index.js';
import { centimetres, chooseLines, kilograms, packageContents, trackingUrl } from './shipment-rules.js';

const line = (id: string, over: Partial<OrderLine> = {}): OrderLine => ({
  id,
  position: Number(id.replace(/\D/g, '')) || 1,
  productId: `prd_${id}`,
  sku: `SKU-${id}`,
  description: 'Item',
  unit: 'pcs',
  warehouseId: 'whs_a',
  unitPrice: { amount: 100, currency: 'EUR' },
  lineTotal: { amount: 1000, currency: 'EUR' },
  ordered: 10,
  reserved: 10,
  shipped: 0,
  backordered: 0,
  open: 10,
  ...over,
});

const order = {
  id: 'ord_1',
  number: 'SO-2026-000001',
  lines: [line('l1'), line('l2'), line('l3', { warehouseId: 'whs_b' })],
};
const open = (l: OrderLine) => ({ max: l.open, why: `${l.open} open` });

function failure(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('shipment rules', () => {
  it('takes known lines of one warehouse up to their limit', () => {
    const chosen = chooseLines(
      order,
      [
        { orderLineId: 'l2', quantity: 4 },
        { orderLineId: 'l1', quantity: 10 },
      ],
      open,
    );
    expect(chosen.map((c) => [c.line.id, c.quantity])).toEqual([
      ['l2', 4],
      ['l1', 10],
    ]);
  });

  it('names the line and field of every refusal', () => {
    const unknown = failure(() => chooseLines(order, [{ orderLineId: 'nope', quantity: 1 }], open));
    expect([unknown.status, unknown.errors[0]!.path]).toEqual([400, 'lines.0.orderLineId']);
    const twice = failure(() =>
      chooseLines(
        order,
        [
          { orderLineId: 'l1', quantity: 1 },
          { orderLineId: 'l1', quantity: 1 },
        ],
        open,
      ),
    );
    expect([twice.status, twice.errors[0]!.path]).toEqual([400, 'lines.1.orderLineId']);
    const warehouses = failure(() =>
      chooseLines(
        order,
        [
          { orderLineId: 'l1', quantity: 1 },
          { orderLineId: 'l3', quantity: 1 },
        ],
        open,
      ),
    );
    expect(warehouses.errors[0]!.path).toBe('lines.1.orderLineId');
    const over = failure(() => chooseLines(order, [{ orderLineId: 'l2', quantity: 11 }], open));
    expect(over.status).toBe(409);
    expect(over.message).toBe('Cannot ship 11 of SKU-l2 (line 2 of Order SO-2026-000001): 10 open.');
    expect(over.errors).toEqual([{ path: 'lines.0.quantity', message: 'SKU-l2: at most 10' }]);
  });

  it('accepts packages only when they hold every unit exactly once', () => {
    const lines = [
      { id: 'a', sku: 'A', quantity: 3 },
      { id: 'b', sku: 'B', quantity: 2 },
    ];
    expect(packageContents([{}], lines)).toEqual([
      [
        { shipmentLineId: 'a', quantity: 3 },
        { shipmentLineId: 'b', quantity: 2 },
      ],
    ]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: -1, max: 1 }),
        (a1, b1, drift) => {
          const packages = [
            {
              contents: [
                { shipmentLineId: 'a', quantity: a1 },
                { shipmentLineId: 'b', quantity: b1 },
              ].filter((c) => c.quantity > 0),
            },
            {
              contents: [
                { shipmentLineId: 'a', quantity: 3 - a1 + drift },
                { shipmentLineId: 'b', quantity: 2 - b1 },
              ].filter((c) => c.quantity > 0),
            },
          ];
          const totalA = packages
            .flatMap((p) => p.contents)
            .filter((c) => c.shipmentLineId === 'a')
            .reduce((n, c) => n + c.quantity, 0);
          if (totalA === 3)
            expect(
              packageContents(packages, lines)
                .flat()
                .reduce((s, c) => s + c.quantity, 0),
            ).toBe(5);
          else expect(failure(() => packageContents(packages, lines)).errors[0]!.path).toBe('packages');
        },
      ),
    );
    expect(failure(() => packageContents([{}, {}], lines)).errors[0]!.path).toBe('packages.0.contents');
    expect(
      failure(() => packageContents([{ contents: [{ shipmentLineId: 'x', quantity: 5 }] }], lines)).errors[0]!
        .path,
    ).toBe('packages.0.contents.0.shipmentLineId');
  });

  it('links tracking numbers through the carrier template, escaped', () => {
    expect(trackingUrl('https://t.example/?n={trackingNumber}&x={trackingNumber}', 'AB 1/2')).toBe(
      'https://t.example/?n=AB%201%2F2&x=AB%201%2F2',
    );
    expect(trackingUrl(null, 'AB12')).toBeNull();
  });

  it('writes grams as kilograms and millimetres as centimetres without floats', () => {
    expect([0, 5, 1000, 1250, 6250, 120_500, 1_000_001].map(kilograms)).toEqual([
      '0',
      '0.005',
      '1',
      '1.25',
      '6.25',
      '120.5',
      '1000.001',
    ]);
    expect([10, 125, 400, 7].map(centimetres)).toEqual(['1', '12.5', '40', '0.7']);
  });
});

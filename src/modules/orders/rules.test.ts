import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIncoterm, reservationOrder, shipSplit, statusAfterShipping } from './rules.js';

describe('order rules', () => {
  it('knows the eleven Incoterms 2020 rules and nothing else', () => {
    for (const code of ['EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF'])
      expect(isIncoterm(code)).toBe(true);
    for (const code of ['DAT', 'DDU', 'fob', '']) expect(isIncoterm(code)).toBe(false);
  });

  it('ships from the reservation first, never beyond ordered, keeping ordered = shipped + reserved + backordered', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: -5, max: 60 }),
        (ordered, r, s, q) => {
          const shipped = Math.min(s, ordered);
          const reserved = Math.min(r, ordered - shipped);
          const line = { ordered, shipped, reserved, backordered: ordered - shipped - reserved };
          const split = shipSplit(line, q);
          if (q <= 0 || q > ordered - shipped) {
            expect(split).toBeNull();
            return;
          }
          expect(split!.after.shipped).toBeLessThanOrEqual(ordered);
          expect(split!.fromReserved).toBe(Math.min(q, reserved));
          const a = split!.after;
          expect(a.shipped + a.reserved + a.backordered).toBe(ordered);
        },
      ),
    );
  });

  it('is shipped when every unit is, partially shipped otherwise', () => {
    expect(statusAfterShipping([{ ordered: 2, shipped: 2 }])).toBe('shipped');
    expect(
      statusAfterShipping([
        { ordered: 2, shipped: 2 },
        { ordered: 1, shipped: 0 },
      ]),
    ).toBe('partially_shipped');
  });

  it('sorts lines by product, then warehouse, then line', () => {
    const sorted = reservationOrder([
      { id: '3', productId: 'b', warehouseId: 'x' },
      { id: '2', productId: 'a', warehouseId: 'y' },
      { id: '1', productId: 'a', warehouseId: 'x' },
    ]);
    expect(sorted.map((l) => l.id)).toEqual(['1', '2', '3']);
  });
});

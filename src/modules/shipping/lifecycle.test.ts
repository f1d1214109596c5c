import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import {
  assertOrderTransition,
  assertShipmentTransition,
  assertTransition,
  canTransition,
  canTransitionOrder,
  canTransitionShipment,
  finalStates,
  ORDER_LIFECYCLE,
  ORDER_STATUSES,
  type OrderStatus,
  SHIPMENT_LIFECYCLE,
  SHIPMENT_STATUSES,
  type ShipmentStatus,
} from './lifecycle.js';

function reachable<S extends string>(table: Record<S, readonly { to: S }[]>, start: S): Set<S> {
  const seen = new Set<S>([start]);
  const queue: S[] = [start];
  while (queue.length > 0) {
    const s = queue.shift()!;
    for (const t of table[s]) {
      if (!seen.has(t.to)) {
        seen.add(t.to);
        queue.push(t.to);
      }
    }
  }
  return seen;
}

describe('shipment lifecycle', () => {
  it('walks the happy path, each step setting its timestamp', () => {
    const path: [ShipmentStatus, ShipmentStatus, string][] = [
      ['draft', 'picked', 'pickedAt'],
      ['picked', 'packed', 'packedAt'],
      ['packed', 'shipped', 'shippedAt'],
      ['shipped', 'delivered', 'deliveredAt'],
      ['delivered', 'returned', 'returnedAt'],
    ];
    for (const [from, to, field] of path) {
      expect(canTransitionShipment(from, to)).toBe(true);
      expect(assertShipmentTransition(from, to)).toBe(field);
    }
  });

  it('cancels only before the parcel leaves', () => {
    for (const from of ['draft', 'picked', 'packed'] as const)
      expect(canTransitionShipment(from, 'cancelled')).toBe(true);
    for (const from of ['shipped', 'delivered', 'lost', 'returned', 'cancelled'] as const)
      expect(canTransitionShipment(from, 'cancelled')).toBe(false);
  });

  it('never goes backwards, skips a step or leaves a final state', () => {
    expect(canTransitionShipment('shipped', 'packed')).toBe(false);
    expect(canTransitionShipment('delivered', 'shipped')).toBe(false);
    expect(canTransitionShipment('draft', 'shipped')).toBe(false);
    expect(canTransitionShipment('lost', 'delivered')).toBe(true);
    expect(finalStates(SHIPMENT_LIFECYCLE).sort()).toEqual(['cancelled', 'returned']);
  });

  it('refuses a move with a 409 naming both states', () => {
    try {
      assertShipmentTransition('delivered', 'shipped');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      const err = e as AppError;
      expect(err.status).toBe(409);
      expect(err.message).toContain('"delivered"');
      expect(err.message).toContain('"shipped"');
      expect(err.message).toContain('"returned"');
    }
    expect(() => assertShipmentTransition('cancelled', 'draft')).toThrow(/"cancelled" is final/);
  });

  it('is a table over exactly the declared states, every state reachable from draft', () => {
    expect(Object.keys(SHIPMENT_LIFECYCLE).sort()).toEqual([...SHIPMENT_STATUSES].sort());
    expect([...reachable(SHIPMENT_LIFECYCLE, 'draft')].sort()).toEqual([...SHIPMENT_STATUSES].sort());
  });

  it('agrees between can and assert for every pair (property)', () => {
    const status = fc.constantFrom(...SHIPMENT_STATUSES);
    fc.assert(
      fc.property(status, status, (from, to) => {
        const ok = canTransitionShipment(from, to);
        expect(canTransition(SHIPMENT_LIFECYCLE, from, to)).toBe(ok);
        if (ok) expect(() => assertShipmentTransition(from, to)).not.toThrow();
        else expect(() => assertShipmentTransition(from, to)).toThrow(AppError);
        if (from === to) expect(ok).toBe(false);
      }),
    );
  });
});

describe('order lifecycle', () => {
  it('walks draft → confirmed → partially_shipped → shipped → delivered → closed', () => {
    const path: [OrderStatus, OrderStatus, string][] = [
      ['draft', 'confirmed', 'confirmedAt'],
      ['confirmed', 'partially_shipped', 'firstShippedAt'],
      ['partially_shipped', 'shipped', 'shippedAt'],
      ['shipped', 'delivered', 'deliveredAt'],
      ['delivered', 'closed', 'closedAt'],
    ];
    for (const [from, to, field] of path) expect(assertOrderTransition(from, to)).toBe(field);
    expect(canTransitionOrder('confirmed', 'shipped')).toBe(true);
  });

  it('cancels only before anything shipped', () => {
    expect(canTransitionOrder('draft', 'cancelled')).toBe(true);
    expect(canTransitionOrder('confirmed', 'cancelled')).toBe(true);
    expect(canTransitionOrder('partially_shipped', 'cancelled')).toBe(false);
    expect(() => assertOrderTransition('closed', 'confirmed')).toThrow(/"closed" is final/);
    expect(() => assertTransition(ORDER_LIFECYCLE, 'order', 'shipped', 'confirmed')).toThrow(
      /order cannot go from "shipped" to "confirmed"/,
    );
  });

  it('covers every state, all reachable', () => {
    expect(Object.keys(ORDER_LIFECYCLE).sort()).toEqual([...ORDER_STATUSES].sort());
    expect([...reachable(ORDER_LIFECYCLE, 'draft')].sort()).toEqual([...ORDER_STATUSES].sort());
    expect(finalStates(ORDER_LIFECYCLE).sort()).toEqual(['cancelled', 'closed']);
  });
});

import { describe, expect, it } from 'vitest';
import { lifecycleMove, outcomeOf } from './outcome.js';

describe('tracking outcome for the shipment lifecycle', () => {
  it('maps delivered, returned and lost states, and nothing else', () => {
    const d = '2026-12-04T10:00:00.000Z';
    expect(outcomeOf({ status: 'delivered', substatus: null, deliveredAt: d })).toBe('delivered');
    expect(outcomeOf({ status: 'exception', substatus: 'damaged', deliveredAt: d })).toBe('delivered');
    expect(outcomeOf({ status: 'exception', substatus: 'exception_011', deliveredAt: d })).toBe('returned');
    expect(outcomeOf({ status: 'exception', substatus: 'Exception_011', deliveredAt: null })).toBe(
      'returned',
    );
    expect(outcomeOf({ status: 'exception', substatus: 'return_to_sender', deliveredAt: null })).toBe(
      'returned',
    );
    expect(outcomeOf({ status: 'exception', substatus: 'exception_013', deliveredAt: null })).toBe('lost');
    expect(outcomeOf({ status: 'exception', substatus: 'lost', deliveredAt: null })).toBe('lost');
    expect(outcomeOf({ status: 'exception', substatus: 'exception_010', deliveredAt: null })).toBeNull();
    expect(outcomeOf({ status: 'exception', substatus: null, deliveredAt: null })).toBeNull();
    expect(outcomeOf({ status: 'attempt_fail', substatus: 'returned', deliveredAt: null })).toBeNull();
    expect(outcomeOf({ status: 'out_for_delivery', substatus: null, deliveredAt: null })).toBeNull();
  });

  it('moves only where the lifecycle allows', () => {
    expect(lifecycleMove('shipped', 'delivered')).toBe('delivered');
    expect(lifecycleMove('delivered', 'delivered')).toBeNull();
    expect(lifecycleMove('delivered', 'returned')).toBe('returned');
    expect(lifecycleMove('delivered', 'lost')).toBeNull();
    expect(lifecycleMove('lost', 'delivered')).toBe('delivered');
    expect(lifecycleMove('returned', 'delivered')).toBeNull();
    expect(lifecycleMove('cancelled', 'delivered')).toBeNull();
    expect(lifecycleMove('shipped', null)).toBeNull();
  });
});

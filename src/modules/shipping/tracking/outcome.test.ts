import { describe, expect, it } from 'vitest';
import { lifecycleMove, outcomeOf } from './outcome.js';

describe('tracking outcome for the shipment lifecycle', () => {
  it('maps delivered, returned and lost states, and nothing else', () => {
    expect(outcomeOf({ status: 'delivered', substatus: null })).toBe('delivered');
    expect(outcomeOf({ status: 'exception', substatus: 'Exception_011' })).toBe('returned');
    expect(outcomeOf({ status: 'exception', substatus: 'return_to_sender' })).toBe('returned');
    expect(outcomeOf({ status: 'exception', substatus: 'exception_013' })).toBe('lost');
    expect(outcomeOf({ status: 'exception', substatus: 'lost' })).toBe('lost');
    expect(outcomeOf({ status: 'exception', substatus: 'exception_010' })).toBeNull();
    expect(outcomeOf({ status: 'exception', substatus: null })).toBeNull();
    expect(outcomeOf({ status: 'attempt_fail', substatus: 'returned' })).toBeNull();
    expect(outcomeOf({ status: 'out_for_delivery', substatus: null })).toBeNull();
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

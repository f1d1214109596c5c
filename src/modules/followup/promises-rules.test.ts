import { describe, expect, it } from 'vitest';
import { type CoveredInvoice, promiseFaults, promiseOutcome, promiseProgress } from './promises-rules.js';

const inv = (id: string, over: Partial<CoveredInvoice> = {}): CoveredInvoice => ({
  id,
  kind: 'invoice',
  number: `INV-${id}`,
  customerId: 'cus_1',
  currency: 'EUR',
  openAmount: 10_000,
  ...over,
});
const found = (...list: CoveredInvoice[]) => new Map(list.map((i) => [i.id, i]));

describe('promiseFaults', () => {
  const draft = { customerId: 'cus_1', amount: 5000, promisedDate: '2026-12-10', invoiceIds: ['a'] };

  it('accepts a promise for today or later within what is open', () => {
    expect(promiseFaults(draft, found(inv('a')), '2026-12-04', '2027-12-05')).toEqual([]);
    expect(
      promiseFaults({ ...draft, promisedDate: '2026-12-04' }, found(inv('a')), '2026-12-04', '2027-12-05'),
    ).toEqual([]);
  });

  it('refuses a date in the past and a non-positive amount, naming the fields', () => {
    const faults = promiseFaults(
      { ...draft, amount: 0, promisedDate: '2026-12-03' },
      found(inv('a')),
      '2026-12-04',
      '2027-12-05',
    );
    expect(faults).toEqual([
      { path: 'amount', message: 'must be a positive amount in minor units' },
      { path: 'promisedDate', message: 'is in the past (today is 2026-12-04)' },
    ]);
    expect(
      promiseFaults({ ...draft, amount: -1 }, found(inv('a')), '2026-12-04', '2027-12-05')[0]?.path,
    ).toBe('amount');
    expect(
      promiseFaults({ ...draft, promisedDate: '2028-01-01' }, found(inv('a')), '2026-12-04', '2027-12-05'),
    ).toEqual([{ path: 'promisedDate', message: 'must be on or before 2027-12-05' }]);
  });

  it('refuses unknown, foreign, paid, credit-note, duplicate and mixed-currency invoices', () => {
    const faults = promiseFaults(
      { ...draft, invoiceIds: ['a', 'x', 'b', 'c', 'd', 'e', 'a'] },
      found(
        inv('a'),
        inv('b', { customerId: 'cus_2' }),
        inv('c', { openAmount: 0 }),
        inv('d', { kind: 'credit_note' }),
        inv('e', { currency: 'USD' }),
      ),
      '2026-12-04',
      '2027-12-05',
    );
    expect(faults.map((f) => f.path)).toEqual([
      'invoiceIds.1',
      'invoiceIds.2',
      'invoiceIds.3',
      'invoiceIds.4',
      'invoiceIds.5',
      'invoiceIds.6',
    ]);
    expect(faults[1]?.message).toBe('INV-b belongs to another customer');
    expect(faults[2]?.message).toBe('INV-c is paid');
    expect(faults[4]?.message).toBe('INV-e is in USD, the others in EUR');
    expect(faults[5]?.message).toBe('is listed twice');
  });

  it('refuses an amount above what is open on the invoices, and no invoices at all', () => {
    expect(
      promiseFaults(
        { ...draft, amount: 20_001, invoiceIds: ['a', 'b'] },
        found(inv('a'), inv('b')),
        '2026-12-04',
        '2027-12-05',
      ),
    ).toEqual([{ path: 'amount', message: 'is more than the 20000 open on the invoices' }]);
    expect(promiseFaults({ ...draft, invoiceIds: [] }, found(), '2026-12-04', '2027-12-05')).toEqual([
      { path: 'invoiceIds', message: 'needs at least one invoice' },
    ]);
  });
});

describe('promiseProgress and promiseOutcome', () => {
  it('counts what was paid since the promise, never a reopened invoice as negative', () => {
    expect(promiseProgress([{ openAtPromise: 10_000, openNow: 6000 }], 5000)).toEqual({
      paid: 4000,
      fulfilled: false,
    });
    expect(promiseProgress([{ openAtPromise: 10_000, openNow: 5000 }], 5000)).toEqual({
      paid: 5000,
      fulfilled: true,
    });
    expect(
      promiseProgress(
        [
          { openAtPromise: 10_000, openNow: 12_000 },
          { openAtPromise: 3000, openNow: 0 },
        ],
        5000,
      ),
    ).toEqual({ paid: 3000, fulfilled: false });
    // Nothing left open: fulfilled whatever the amount.
    expect(promiseProgress([{ openAtPromise: 1000, openNow: 0 }], 5000).fulfilled).toBe(true);
  });

  it('is kept when fulfilled, broken only after its date, open until then', () => {
    expect(promiseOutcome('2026-12-10', true, '2026-12-08')).toBe('kept');
    expect(promiseOutcome('2026-12-10', false, '2026-12-10')).toBe('open');
    expect(promiseOutcome('2026-12-10', false, '2026-12-11')).toBe('broken');
    expect(promiseOutcome('2026-12-10', true, '2026-12-11')).toBe('kept');
  });
});

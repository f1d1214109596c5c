import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceOf, buildLedger, defaultWriteOffTolerance, paymentState, planAllocation } from './rules.js';

describe('paymentState', () => {
  it('is derived from what is left of the payment', () => {
    expect(paymentState({ status: 'received', amount: 100, unappliedAmount: 100 })).toBe('unapplied');
    expect(paymentState({ status: 'received', amount: 100, unappliedAmount: 40 })).toBe('partially_applied');
    expect(paymentState({ status: 'received', amount: 100, unappliedAmount: 0 })).toBe('applied');
    expect(paymentState({ status: 'reversed', amount: 100, unappliedAmount: 0 })).toBe('reversed');
  });
});

describe('planAllocation', () => {
  it('fills targets in order, each up to its open amount, and reports the rest', () => {
    expect(
      planAllocation(250, [
        { id: 'a', openAmount: 100 },
        { id: 'b', openAmount: 0 },
        { id: 'c', openAmount: 200 },
        { id: 'd', openAmount: 50 },
      ]),
    ).toEqual({
      shares: [
        { id: 'a', amount: 100 },
        { id: 'c', amount: 150 },
      ],
      left: 0,
    });
    expect(planAllocation(300, [{ id: 'a', openAmount: 100 }])).toEqual({
      shares: [{ id: 'a', amount: 100 }],
      left: 200,
    });
    expect(planAllocation(0, [{ id: 'a', openAmount: 100 }])).toEqual({ shares: [], left: 0 });
  });

  it('never gives more than available nor more than a target is open', () => {
    fc.assert(
      fc.property(
        fc.nat(1_000_000),
        // Targets are documents: their ids are unique.
        fc.uniqueArray(
          fc.record({
            id: fc.string({ minLength: 1, maxLength: 3 }),
            openAmount: fc.integer({ min: -10, max: 500_000 }),
          }),
          { selector: (t) => t.id },
        ),
        (available, targets) => {
          const { shares, left } = planAllocation(available, targets);
          const total = shares.reduce((s, x) => s + x.amount, 0);
          expect(total + left).toBe(available);
          expect(new Set(shares.map((s) => s.id)).size).toBe(shares.length);
          for (const share of shares) {
            expect(share.amount).toBeGreaterThan(0);
            const target = targets.find((t) => t.id === share.id)!;
            expect(share.amount).toBeLessThanOrEqual(target.openAmount);
          }
        },
      ),
    );
  });
});

describe('write-off tolerance', () => {
  it('defaults to two major units of the currency', () => {
    expect(defaultWriteOffTolerance('EUR')).toBe(200);
    expect(defaultWriteOffTolerance('JPY')).toBe(2);
    expect(defaultWriteOffTolerance('KWD')).toBe(2000);
  });
});

describe('ledger', () => {
  it('orders by date, documents before money, with a running balance per currency', () => {
    const lines = buildLedger([
      {
        date: '2026-03-01',
        kind: 'payment',
        id: 'pay_1',
        reference: null,
        description: '',
        currency: 'EUR',
        amount: -100,
      },
      {
        date: '2026-02-01',
        kind: 'invoice',
        id: 'inv_1',
        reference: 'INV-1',
        description: '',
        currency: 'EUR',
        amount: 150,
      },
      {
        date: '2026-03-01',
        kind: 'invoice',
        id: 'inv_2',
        reference: 'INV-2',
        description: '',
        currency: 'EUR',
        amount: 20,
      },
      {
        date: '2026-03-02',
        kind: 'invoice',
        id: 'inv_3',
        reference: 'INV-3',
        description: '',
        currency: 'USD',
        amount: 5,
      },
      {
        date: '2026-03-05',
        kind: 'payment_reversal',
        id: 'pay_1',
        reference: null,
        description: '',
        currency: 'EUR',
        amount: 100,
      },
    ]);
    expect(lines.map((l) => [l.id, l.kind, l.balance])).toEqual([
      ['inv_1', 'invoice', 150],
      ['inv_2', 'invoice', 170],
      ['pay_1', 'payment', 70],
      ['inv_3', 'invoice', 5],
      ['pay_1', 'payment_reversal', 170],
    ]);
  });

  it('computes the balance from its parts', () => {
    expect(
      balanceOf({
        openInvoices: 500,
        openCreditNotes: 50,
        unappliedPayments: 100,
        customerCredit: 30,
        openCharges: 15,
      }),
    ).toBe(335);
  });
});

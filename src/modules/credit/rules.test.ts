import { describe, expect, it } from 'vitest';
import { blockedDetail, type CreditFigures, clearedReason, overdueAmount, wantedHolds } from './rules.js';

const figures = (over: Partial<CreditFigures> = {}): CreditFigures => ({
  today: '2026-12-04',
  customerCurrency: 'EUR',
  creditLimit: null,
  balance: 0,
  openInvoices: [],
  settings: [],
  ...over,
});

describe('credit rules', () => {
  it('wants a credit-limit hold only above the limit', () => {
    expect(wantedHolds(figures({ creditLimit: 10_000, balance: 10_000 }))).toEqual([]);
    expect(wantedHolds(figures({ creditLimit: 10_000, balance: 10_001 }))).toEqual([
      {
        cause: 'credit_limit',
        sourceKey: '',
        reason: 'Balance €100.01 is above the credit limit of €100.00.',
      },
    ]);
    expect(wantedHolds(figures({ creditLimit: null, balance: 1_000_000 }))).toEqual([]);
    // A limit of zero: any debt puts the customer on hold.
    expect(wantedHolds(figures({ creditLimit: 0, balance: 1 }))).toHaveLength(1);
  });

  it('counts as overdue only invoices more than N days late, in the setting currency, less what is disputed', () => {
    const setting = { currency: 'EUR', overdueThreshold: 1_000, overdueAfterDays: 10 };
    const invoices = [
      { currency: 'EUR', dueDate: '2026-11-24', openAmount: 5_000, disputed: 0 }, // 10 days: not yet
      { currency: 'EUR', dueDate: '2026-11-23', openAmount: 700, disputed: 0 }, // 11 days
      { currency: 'EUR', dueDate: '2026-10-01', openAmount: 900, disputed: 600 },
      { currency: 'USD', dueDate: '2026-01-01', openAmount: 99_999, disputed: 0 },
      { currency: 'EUR', dueDate: '2026-09-01', openAmount: 100, disputed: 500 }, // never negative
    ];
    expect(overdueAmount(invoices, setting, '2026-12-04')).toBe(700 + 300);
    expect(wantedHolds(figures({ openInvoices: invoices, settings: [setting] }))).toEqual([]);
    const wanted = wantedHolds(
      figures({ openInvoices: invoices, settings: [{ ...setting, overdueThreshold: 999 }] }),
    );
    expect(wanted).toMatchObject([{ cause: 'overdue_balance', sourceKey: 'EUR' }]);
    expect(wanted[0]!.reason).toContain('€10.00');
  });

  it('explains a release and a block', () => {
    expect(clearedReason('credit_limit', null, figures({ creditLimit: 5_000, balance: 4_000 }))).toBe(
      'Cause cleared: balance €40.00 is within the credit limit of €50.00.',
    );
    expect(clearedReason('overdue_balance', 'GBP', figures())).toContain('no overdue threshold');
    expect(
      blockedDetail('C-00042', [
        { id: 'hld_1', cause: 'manual', reason: 'Cheque bounced.' },
        { id: 'hld_2', cause: 'credit_limit', reason: 'Balance above limit' },
      ]),
    ).toBe(
      'Customer C-00042 is on credit hold: placed by hand (Cheque bounced); credit limit exceeded (Balance above limit). Shipping is blocked until the hold is released; an authorised user may override it with a reason.',
    );
  });
});

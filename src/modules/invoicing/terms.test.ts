import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { money } from '../../platform/money.js';
import {
  dueDate,
  endOfMonth,
  isWorkingDay,
  nextWorkingDay,
  type PaymentTerms,
  paymentSchedule,
  paymentTermsProblems,
} from './terms.js';

const eur = (amount: number) => money(amount, 'EUR');
const noHolidays = { holidays: [] };

describe('calendar helpers', () => {
  it('finds the end of the month, leap years included', () => {
    expect(endOfMonth('2026-01-15')).toBe('2026-01-31');
    expect(endOfMonth('2024-02-01')).toBe('2024-02-29');
    expect(endOfMonth('2025-02-28')).toBe('2025-02-28');
    expect(endOfMonth('2100-02-10')).toBe('2100-02-28'); // not a leap year
    expect(endOfMonth('2000-02-10')).toBe('2000-02-29'); // a leap year
    expect(endOfMonth('2026-04-30')).toBe('2026-04-30');
    expect(endOfMonth('2026-12-01')).toBe('2026-12-31');
  });

  it('skips weekends and holidays, in chains', () => {
    expect(isWorkingDay('2026-02-14')).toBe(false); // Saturday
    expect(nextWorkingDay('2026-02-14')).toBe('2026-02-16');
    expect(nextWorkingDay('2026-02-16')).toBe('2026-02-16');
    // Christmas Friday, the weekend, then a Monday holiday: Tuesday.
    expect(nextWorkingDay('2026-12-25', { holidays: ['2026-12-25', '2026-12-28'] })).toBe('2026-12-29');
    // New Year's Eve and Day off, then the weekend: into the next year.
    expect(nextWorkingDay('2026-12-31', { holidays: ['2026-12-31', '2027-01-01'] })).toBe('2027-01-04');
  });

  it('honours other weekly days off (Friday and Saturday)', () => {
    const calendar = { daysOff: [5, 6] as const };
    expect(nextWorkingDay('2026-05-29', calendar)).toBe('2026-05-31'); // Friday → Sunday
    expect(isWorkingDay('2026-05-31', calendar)).toBe(true);
    expect(() => nextWorkingDay('2026-05-29', { daysOff: [0, 1, 2, 3, 4, 5, 6] })).toThrow(
      /no working weekday/,
    );
  });
});

describe('due dates', () => {
  it('net N: the issue date plus N days, moved to a working day', () => {
    expect(dueDate({ kind: 'net', days: 30 }, '2026-01-15')).toBe('2026-02-16'); // Sat 14 → Mon 16
    expect(dueDate({ kind: 'net', days: 30 }, '2026-01-15', { daysOff: [] })).toBe('2026-02-14');
    expect(dueDate({ kind: 'net', days: 0 }, '2026-03-31')).toBe('2026-03-31');
    expect(dueDate({ kind: 'net', days: 10 }, '2026-12-25')).toBe('2027-01-04'); // across the year end
    expect(dueDate({ kind: 'net', days: 1 }, '2024-02-28', noHolidays)).toBe('2024-02-29');
  });

  it('end of month + N: the last day of the issue month, plus N days', () => {
    expect(dueDate({ kind: 'end_of_month', days: 30 }, '2026-01-15')).toBe('2026-03-02');
    expect(dueDate({ kind: 'end_of_month', days: 0 }, '2024-02-10')).toBe('2024-02-29'); // Thursday
    expect(dueDate({ kind: 'end_of_month', days: 0 }, '2026-02-03')).toBe('2026-03-02'); // Sat 28 → Mon 2
    expect(dueDate({ kind: 'end_of_month', days: 10 }, '2026-12-31')).toBe('2027-01-11'); // Sun 10 → Mon 11
    expect(
      dueDate({ kind: 'end_of_month', days: 0 }, '2026-12-31', { holidays: ['2026-12-31', '2027-01-01'] }),
    ).toBe('2027-01-04');
  });

  it('reports the nominal date too', () => {
    const schedule = paymentSchedule({ kind: 'net', days: 30 }, '2026-01-15', eur(11900));
    expect(schedule.instalments).toEqual([
      { number: 1, nominalDueDate: '2026-02-14', dueDate: '2026-02-16', percent: '100', amount: eur(11900) },
    ]);
    expect(schedule.earlyDiscount).toBeNull();
  });
});

describe('instalments', () => {
  it('splits the total by percent so the parts add up exactly', () => {
    const terms: PaymentTerms = {
      kind: 'instalments',
      parts: [
        { days: 0, percent: 33.33 },
        { days: 30, percent: 33.33 },
        { days: 60, percent: 33.34 },
      ],
    };
    const schedule = paymentSchedule(terms, '2026-01-15', eur(10000));
    expect(schedule.instalments.map((i) => [i.number, i.dueDate, i.percent, i.amount.amount])).toEqual([
      [1, '2026-01-15', '33.33', 3333],
      [2, '2026-02-16', '33.33', 3333],
      [3, '2026-03-16', '33.34', 3334],
    ]);
    expect(schedule.dueDate).toBe('2026-03-16');
  });

  it('gives odd minor units to the largest remainders (thirds of 1.00)', () => {
    const terms: PaymentTerms = {
      kind: 'instalments',
      parts: [
        { days: 0, percent: '33.3333' },
        { days: 30, percent: '33.3333' },
        { days: 60, percent: '33.3334' },
      ],
    };
    const amounts = paymentSchedule(terms, '2026-01-15', eur(100)).instalments.map((i) => i.amount.amount);
    expect(amounts).toEqual([33, 33, 34]);
    const yen = paymentSchedule(
      {
        kind: 'instalments',
        parts: [
          { days: 0, percent: 50 },
          { days: 30, percent: 50 },
        ],
      },
      '2026-01-15',
      money(1001, 'JPY'),
    );
    expect(yen.instalments.map((i) => i.amount)).toEqual([money(501, 'JPY'), money(500, 'JPY')]);
  });

  it('always adds up to the total (property)', () => {
    const partsArb = fc
      .array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 12 })
      .map((weights) => {
        // Percents with two decimals that add up to exactly 100.00.
        const sum = weights.reduce((s, w) => s + w, 0);
        const hundredths = weights.map((w) => Math.floor((w * 10000) / sum));
        hundredths[0]! += 10000 - hundredths.reduce((s, h) => s + h, 0);
        return hundredths
          .filter((h) => h > 0)
          .map((h, i) => ({ days: i * 30, percent: (h / 100).toFixed(2) }));
      });
    fc.assert(
      fc.property(
        partsArb,
        fc.integer({ min: 0, max: 1_000_000_000_00 }),
        fc.constantFrom('EUR', 'JPY', 'KWD'),
        (parts, amount, currency) => {
          const schedule = paymentSchedule(
            { kind: 'instalments', parts },
            '2026-01-15',
            money(amount, currency),
          );
          expect(schedule.instalments.reduce((s, i) => s + i.amount.amount, 0)).toBe(amount);
          for (const [i, instalment] of schedule.instalments.entries()) {
            // Each part is within one minor unit of its exact share.
            const exact = (amount * Number(parts[i]!.percent)) / 100;
            expect(Math.abs(instalment.amount.amount - exact)).toBeLessThan(1.000001);
            expect(instalment.amount.amount).toBeGreaterThanOrEqual(0);
            expect(isWorkingDay(instalment.dueDate)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('early-payment discount', () => {
  it('gives the deadline and the discounted amount (2 % within 10 days)', () => {
    const schedule = paymentSchedule(
      { kind: 'net', days: 30, earlyDiscount: { percent: 2, days: 10 } },
      '2026-01-15',
      eur(119000),
    );
    expect(schedule.earlyDiscount).toEqual({
      deadline: '2026-01-26', // Sunday 25 → Monday 26
      percent: '2',
      discountAmount: eur(2380),
      discountedAmount: eur(116620),
    });
  });

  it('rounds the discount half away from zero in the currency', () => {
    const schedule = paymentSchedule(
      { kind: 'end_of_month', days: 30, earlyDiscount: { percent: '2.5', days: 8 } },
      '2026-03-02',
      money(1001, 'JPY'),
    );
    // 2.5 % of 1001 = 25.025 → 25.
    expect(schedule.earlyDiscount).toMatchObject({
      deadline: '2026-03-10',
      discountAmount: money(25, 'JPY'),
    });
    const half = paymentSchedule(
      { kind: 'net', days: 30, earlyDiscount: { percent: 2, days: 10 } },
      '2026-03-02',
      eur(25),
    );
    expect(half.earlyDiscount!.discountAmount).toEqual(eur(1)); // 0.50 cent → 1 cent
  });
});

describe('validation', () => {
  it('names each faulty field', () => {
    expect(
      paymentTermsProblems({
        kind: 'instalments',
        parts: [
          { days: 30, percent: 50 },
          { days: 10, percent: 40 },
          { days: -1, percent: 0 },
          { days: 1.5, percent: '1.23456' },
        ],
        earlyDiscount: { percent: 101, days: 5 },
      }),
    ).toEqual([
      { path: 'terms.parts.1.days', message: 'must not be earlier than the previous instalment' },
      { path: 'terms.parts.2.days', message: 'must not be negative' },
      { path: 'terms.parts.2.percent', message: 'must be greater than 0' },
      { path: 'terms.parts.3.days', message: 'must be a whole number of days' },
      { path: 'terms.parts.3.percent', message: 'must have at most 4 decimal places' },
      { path: 'terms.earlyDiscount.percent', message: 'must be at most 100' },
    ]);
    expect(
      paymentTermsProblems({
        kind: 'instalments',
        parts: [
          { days: 0, percent: 60 },
          { days: 30, percent: 30 },
        ],
      }),
    ).toEqual([{ path: 'terms.parts', message: 'percentages must add up to 100, they add up to 90' }]);
    expect(paymentTermsProblems({ kind: 'instalments', parts: [] })).toEqual([
      { path: 'terms.parts', message: 'must contain at least one instalment' },
    ]);
    expect(paymentTermsProblems({ kind: 'weekly' } as never)).toEqual([
      { path: 'terms.kind', message: 'must be "net", "end_of_month" or "instalments"' },
    ]);
    expect(
      paymentTermsProblems({ kind: 'net', days: 30, earlyDiscount: { percent: '-2', days: 10 } }),
    ).toEqual([{ path: 'terms.earlyDiscount.percent', message: 'must be a number like 2 or 2.5' }]);
  });

  it('throws a 400 validation problem for bad terms, dates or calendars', () => {
    const attempt = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return (error as AppError).errors.map((e) => e.path);
      }
      throw new Error('expected an error');
    };
    expect(attempt(() => paymentSchedule({ kind: 'net', days: -3 }, '2026-01-15', eur(1)))).toEqual([
      'terms.days',
    ]);
    expect(attempt(() => paymentSchedule({ kind: 'net', days: 3 }, '2026-02-30', eur(1)))).toEqual([
      'issueDate',
    ]);
    expect(
      attempt(() =>
        paymentSchedule({ kind: 'net', days: 3 }, '2026-02-03', eur(1), {
          holidays: ['2026-13-01'],
          daysOff: [7 as never],
        }),
      ),
    ).toEqual(['calendar.daysOff.0', 'calendar.holidays.0']);
    expect(attempt(() => paymentSchedule({ kind: 'net', days: 3 }, '2026-02-03', eur(-1)))).toEqual([
      'total',
    ]);
  });
});

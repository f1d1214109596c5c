import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMoney,
  allocateMoney,
  currencyExponent,
  isCurrency,
  money,
  parseMoney,
  subtractMoney,
  toDecimalString,
} from './money.js';

describe('currencies', () => {
  it('takes the exponent from ISO 4217', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('CLF')).toBe(4);
  });

  it('refuses unknown or malformed codes', () => {
    for (const code of ['XXX', 'EURO', 'eur', 'ZZZ', '']) expect(isCurrency(code)).toBe(false);
    expect(() => currencyExponent('ZZZ')).toThrow(/Unknown ISO 4217 currency code "ZZZ"/);
    expect(() => money(100, 'EURO')).toThrow(RangeError);
    expect(() => parseMoney('1.00', 'ABC')).toThrow(/Unknown ISO 4217/);
  });

  it('refuses non-integer or unsafe amounts', () => {
    expect(() => money(1.5, 'EUR')).toThrow(/integer of minor units/);
    expect(() => money(Number.MAX_SAFE_INTEGER + 1, 'EUR')).toThrow(RangeError);
  });
});

describe('parseMoney / toDecimalString', () => {
  it('parses into minor units per exponent', () => {
    expect(parseMoney('1234.56', 'EUR')).toEqual({ amount: 123456, currency: 'EUR' });
    expect(parseMoney('1234.5', 'EUR').amount).toBe(123450);
    expect(parseMoney('1234', 'EUR').amount).toBe(123400);
    expect(parseMoney('-0.07', 'EUR').amount).toBe(-7);
    expect(parseMoney('1500', 'JPY').amount).toBe(1500);
    expect(parseMoney('1.234', 'KWD').amount).toBe(1234);
    expect(parseMoney('0.0001', 'CLF').amount).toBe(1);
  });

  it('formats exactly, with leading zeros and signs', () => {
    expect(toDecimalString(money(123456, 'EUR'))).toBe('1234.56');
    expect(toDecimalString(money(5, 'EUR'))).toBe('0.05');
    expect(toDecimalString(money(-7, 'EUR'))).toBe('-0.07');
    expect(toDecimalString(money(0, 'EUR'))).toBe('0.00');
    expect(toDecimalString(money(-1500, 'JPY'))).toBe('-1500');
    expect(toDecimalString(money(1, 'KWD'))).toBe('0.001');
    expect(toDecimalString(money(-123456, 'CLF'))).toBe('-12.3456');
  });

  it('refuses more decimals than the currency has, and non-decimals', () => {
    expect(() => parseMoney('1.234', 'EUR')).toThrow(/more than 2 decimal places for EUR/);
    expect(() => parseMoney('1.5', 'JPY')).toThrow(/more than 0 decimal places for JPY/);
    expect(() => parseMoney('0.0001', 'KWD')).toThrow(/more than 3 decimal places/);
    for (const bad of ['', 'abc', '1,50', '1.', '.5', '1e3', '+1.00', '--1']) {
      expect(() => parseMoney(bad, 'EUR'), bad).toThrow(RangeError);
    }
  });

  it('round-trips every amount in every exponent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e15, max: 1e15 }),
        fc.constantFrom('JPY', 'EUR', 'KWD', 'CLF'),
        (amount, currency) => {
          const value = money(amount, currency);
          const text = toDecimalString(value);
          const fraction = text.split('.')[1] ?? '';
          expect(fraction.length).toBe(currencyExponent(currency));
          expect(parseMoney(text, currency)).toEqual(value);
        },
      ),
    );
  });
});

describe('arithmetic', () => {
  it('adds and subtracts in one currency', () => {
    expect(addMoney(money(150, 'EUR'), money(-200, 'EUR'))).toEqual(money(-50, 'EUR'));
    expect(subtractMoney(money(150, 'KWD'), money(1000, 'KWD'))).toEqual(money(-850, 'KWD'));
  });

  it('refuses to mix currencies', () => {
    expect(() => addMoney(money(1, 'EUR'), money(1, 'USD'))).toThrow(/Cannot combine EUR with USD/);
    expect(() => subtractMoney(money(1, 'JPY'), money(1, 'EUR'))).toThrow(/Cannot combine JPY with EUR/);
  });
});

describe('allocateMoney', () => {
  const amounts = (parts: { amount: number }[]) => parts.map((p) => p.amount);

  it('gives the remainder to the largest fractional shares first, then to the earliest', () => {
    expect(amounts(allocateMoney(money(100, 'EUR'), [1, 1, 1]))).toEqual([34, 33, 33]);
    expect(amounts(allocateMoney(money(7, 'EUR'), [2, 3, 5]))).toEqual([1, 2, 4]); // 1.4, 2.1, 3.5
    expect(amounts(allocateMoney(money(5, 'EUR'), [3, 7]))).toEqual([2, 3]); // 1.5, 3.5: tie → first
    expect(amounts(allocateMoney(money(-100, 'EUR'), [1, 1, 1]))).toEqual([-34, -33, -33]);
    expect(amounts(allocateMoney(money(10, 'JPY'), [0, 1, 0]))).toEqual([0, 10, 0]);
    expect(amounts(allocateMoney(money(-1, 'EUR'), [0, 1]))).toEqual([0, -1]); // +0, not -0
    expect(allocateMoney(money(10, 'JPY'), [1, 1]).every((p) => p.currency === 'JPY')).toBe(true);
  });

  it('refuses empty, negative or all-zero weights', () => {
    expect(() => allocateMoney(money(100, 'EUR'), [])).toThrow(/Weights/);
    expect(() => allocateMoney(money(100, 'EUR'), [1, -1])).toThrow(/Weights/);
    expect(() => allocateMoney(money(100, 'EUR'), [0, 0])).toThrow(/Weights/);
  });

  it('parts always sum to the total, each within one minor unit of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 20 })
          .filter((w) => w.some((x) => x > 0)),
        (amount, weights) => {
          const parts = allocateMoney(money(amount, 'EUR'), weights);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((s, p) => s + p.amount, 0)).toBe(amount);
          const weightSum = weights.reduce((s, w) => s + w, 0);
          parts.forEach((part, i) => {
            expect(Number.isSafeInteger(part.amount)).toBe(true);
            expect(Math.abs(part.amount - (amount * weights[i]!) / weightSum)).toBeLessThan(1);
            if (weights[i] === 0) expect(part.amount).toBe(0);
          });
        },
      ),
    );
  });
});

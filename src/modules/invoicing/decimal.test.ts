import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDecimal,
  compareDecimal,
  decimal,
  decimalFromMinor,
  decimalFromNumber,
  decimalProblem,
  decimalToString,
  divideRoundHalfAwayFromZero,
  multiplyDecimal,
  normalize,
  parseDecimal,
  percentOf,
  roundDecimal,
  subtractDecimal,
  toMinorUnits,
} from './decimal.js';

const d = (text: string) => parseDecimal(text, { allowNegative: true });
const round = (text: string, places: number) => decimalToString(roundDecimal(d(text), places), places);

describe('parseDecimal / decimalToString', () => {
  it('parses exactly, keeping the scale', () => {
    expect(parseDecimal('0.0125')).toEqual({ units: 125n, scale: 4 });
    expect(parseDecimal('12')).toEqual({ units: 12n, scale: 0 });
    expect(parseDecimal('12.50')).toEqual({ units: 1250n, scale: 2 });
    expect(d('-3.5')).toEqual({ units: -35n, scale: 1 });
    expect(parseDecimal('+7')).toEqual({ units: 7n, scale: 0 });
    expect(parseDecimal('-0')).toEqual({ units: 0n, scale: 0 });
  });

  it('refuses malformed, negative, too precise or too long input with a reason', () => {
    for (const bad of ['', ' 1', '1 ', '1.', '.5', '1,5', '1e3', 'abc', '0x10', '1.2.3', 'NaN', '--1']) {
      expect(decimalProblem(bad), bad).toMatch(/must be a decimal number/);
    }
    expect(decimalProblem('-1')).toBe('must not be negative');
    expect(decimalProblem('1.1234567890123')).toBe('must have at most 12 decimal places');
    expect(decimalProblem('1.123', { maxScale: 2 })).toBe('must have at most 2 decimal places');
    expect(decimalProblem('1234567890123456')).toMatch(/at most 15 digits before/);
    expect(decimalProblem('000000000000000000001')).toBeNull(); // leading zeros do not count
    expect(() => parseDecimal('1,5')).toThrow(/"1,5" must be a decimal number/);
  });

  it('prints without superfluous zeros unless asked', () => {
    expect(decimalToString(parseDecimal('12.500'))).toBe('12.5');
    expect(decimalToString(parseDecimal('12.500'), 2)).toBe('12.50');
    expect(decimalToString(d('-0.05'))).toBe('-0.05');
    expect(decimalToString(parseDecimal('100'))).toBe('100');
    expect(decimalToString(decimalFromMinor(5, 3), 3)).toBe('0.005');
    expect(decimalToString(decimalFromMinor(-123, 0))).toBe('-123');
  });

  it('round-trips every decimal string', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.nat({ max: 12 }), (units, scale) => {
        const value = decimal(units, scale);
        const text = decimalToString(value, scale);
        expect(parseDecimal(text, { allowNegative: true, maxIntegerDigits: 30 })).toEqual(value);
      }),
    );
  });

  it('reads JS numbers by their shortest decimal form, never their binary expansion', () => {
    expect(decimalToString(decimalFromNumber(0.1))).toBe('0.1');
    expect(decimalToString(decimalFromNumber(33.33))).toBe('33.33');
    expect(decimalToString(decimalFromNumber(2))).toBe('2');
    expect(decimalToString(decimalFromNumber(1e-7))).toBe('0.0000001');
    expect(decimalToString(decimalFromNumber(1e21))).toBe('1000000000000000000000');
    expect(() => decimalFromNumber(Number.NaN)).toThrow(RangeError);
  });
});

describe('arithmetic', () => {
  it('adds, subtracts and multiplies exactly across scales', () => {
    expect(decimalToString(addDecimal(d('0.1'), d('0.2')))).toBe('0.3');
    expect(decimalToString(subtractDecimal(d('1'), d('0.0125')))).toBe('0.9875');
    expect(decimalToString(multiplyDecimal(d('3'), d('0.0125')))).toBe('0.0375');
    expect(decimalToString(multiplyDecimal(d('-2.5'), d('1.5')))).toBe('-3.75');
    expect(decimalToString(percentOf(d('200'), d('19')))).toBe('38');
    expect(decimalToString(percentOf(d('10.01'), d('7.7')))).toBe('0.77077');
  });

  it('compares by value, not by representation', () => {
    expect(compareDecimal(d('1.50'), d('1.5'))).toBe(0);
    expect(compareDecimal(d('-1'), d('0.001'))).toBe(-1);
    expect(compareDecimal(d('2'), d('1.999'))).toBe(1);
    expect(normalize(d('1.500'))).toEqual(d('1.5'));
  });
});

describe('rounding half away from zero', () => {
  it('rounds halves away from zero, others to nearest', () => {
    expect(round('0.125', 2)).toBe('0.13');
    expect(round('-0.125', 2)).toBe('-0.13');
    expect(round('0.135', 2)).toBe('0.14'); // not banker's rounding (which gives 0.14 here and 0.12 above)
    expect(round('0.1249999', 2)).toBe('0.12');
    expect(round('2.5', 0)).toBe('3');
    expect(round('-2.5', 0)).toBe('-3');
    expect(round('1.0005', 3)).toBe('1.001');
    expect(round('0.0049', 2)).toBe('0.00');
    expect(round('1.5', 4)).toBe('1.5000');
    expect(toMinorUnits(d('12.345'), 2)).toBe(1235n);
    expect(toMinorUnits(d('12.345'), 0)).toBe(12n);
    expect(toMinorUnits(d('0.0005'), 3)).toBe(1n);
  });

  it('divides with the same rule, whatever the signs', () => {
    expect(divideRoundHalfAwayFromZero(5n, 2n)).toBe(3n);
    expect(divideRoundHalfAwayFromZero(-5n, 2n)).toBe(-3n);
    expect(divideRoundHalfAwayFromZero(5n, -2n)).toBe(-3n);
    expect(divideRoundHalfAwayFromZero(7n, 3n)).toBe(2n);
    expect(() => divideRoundHalfAwayFromZero(1n, 0n)).toThrow(/zero/);
  });

  it('is within half a unit, symmetric, and never moves towards zero on a tie', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.nat({ max: 10 }),
        fc.nat({ max: 10 }),
        (units, scale, places) => {
          const value = decimal(units, scale);
          const rounded = roundDecimal(value, places);
          const error = subtractDecimal(rounded, value);
          const half = decimal(5n, places + 1);
          const absError = error.units < 0n ? decimal(-error.units, error.scale) : error;
          expect(compareDecimal(absError, half)).toBeLessThanOrEqual(0);
          if (compareDecimal(absError, half) === 0) {
            // A tie goes away from zero: the rounded magnitude is larger.
            expect(rounded.units < 0n ? -1 : 1).toBe(units < 0n ? -1 : 1);
            expect(
              compareDecimal(
                rounded.units < 0n ? decimal(-rounded.units, rounded.scale) : rounded,
                value.units < 0n ? decimal(-value.units, value.scale) : value,
              ),
            ).toBe(1);
          }
          expect(roundDecimal(decimal(-units, scale), places)).toEqual(
            decimal(-rounded.units, rounded.scale),
          );
        },
      ),
    );
  });
});

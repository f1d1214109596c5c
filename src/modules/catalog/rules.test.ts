import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableOf,
  effectOf,
  gs1CheckDigit,
  gtinProblem,
  isCountryCode,
  MOVEMENT_KINDS,
  movementProblem,
  reservationSplit,
} from './rules.js';

describe('GTIN', () => {
  it('accepts published GTIN-8, -12, -13 and -14 examples', () => {
    for (const gtin of ['96385074', '036000291452', '4006381333931', '00012345600012', '10614141000415'])
      expect(gtinProblem(gtin), gtin).toBeNull();
  });

  it('rejects a wrong check digit, naming the expected one', () => {
    expect(gtinProblem('4006381333932')).toBe('has a wrong check digit (expected 1)');
    expect(gtinProblem('96385075')).toMatch(/expected 4/);
  });

  it('rejects other lengths and non-digits', () => {
    expect(gtinProblem('1234567')).toMatch(/8, 12, 13 or 14 digits/);
    expect(gtinProblem('123456789012345')).toMatch(/8, 12, 13 or 14 digits/);
    expect(gtinProblem('40063813339A1')).toBe('must be digits only');
  });

  it('a body with its computed check digit is always valid, and any other last digit is not', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(7, 11, 12, 13),
        fc.integer({ min: 0, max: 9 }),
        fc.nat(),
        (len, other, seed) => {
          const body = String(seed).padStart(len, '0').slice(-len);
          const check = gs1CheckDigit(body);
          expect(gtinProblem(`${body}${check}`)).toBeNull();
          if (other !== check) expect(gtinProblem(`${body}${other}`)).not.toBeNull();
        },
      ),
    );
  });
});

describe('countries', () => {
  it('knows ISO 3166-1 alpha-2 codes and nothing else', () => {
    expect(isCountryCode('FR')).toBe(true);
    expect(isCountryCode('CN')).toBe(true);
    for (const code of ['XX', 'EU', 'ZZ', 'fr', 'FRA', 'UN']) expect(isCountryCode(code), code).toBe(false);
  });
});

describe('stock movements', () => {
  it('each kind moves on hand and reserved as documented', () => {
    expect(effectOf('receipt', 5)).toEqual({ quantity: 5, onHandDelta: 5, reservedDelta: 0 });
    expect(effectOf('reservation', 5)).toEqual({ quantity: 5, onHandDelta: 0, reservedDelta: 5 });
    expect(effectOf('release', 5)).toEqual({ quantity: -5, onHandDelta: 0, reservedDelta: -5 });
    expect(effectOf('dispatch', 5, true)).toEqual({ quantity: -5, onHandDelta: -5, reservedDelta: -5 });
    expect(effectOf('dispatch', 5, false)).toEqual({ quantity: -5, onHandDelta: -5, reservedDelta: 0 });
    expect(effectOf('return', 5)).toEqual({ quantity: 5, onHandDelta: 5, reservedDelta: 0 });
    expect(effectOf('adjustment', -3)).toEqual({ quantity: -3, onHandDelta: -3, reservedDelta: 0 });
  });

  it('refuses what would take available or on hand below zero, unless overridden', () => {
    const level = { onHand: 10, reserved: 8 };
    expect(movementProblem(level, effectOf('reservation', 2), false)).toBeNull();
    expect(movementProblem(level, effectOf('reservation', 3), false)).toMatch(/only 2 available/);
    expect(movementProblem(level, effectOf('dispatch', 3), false)).toMatch(/only 2 available/);
    expect(movementProblem(level, effectOf('dispatch', 8, true), false)).toBeNull();
    expect(movementProblem(level, effectOf('dispatch', 9, true), false)).toMatch(/only 8 reserved/);
    expect(movementProblem(level, effectOf('adjustment', -3), true)).toBeNull();
    expect(movementProblem(level, effectOf('release', 9), true)).toMatch(/only 8 reserved/);
    // A receipt into a level already below zero (after an override) is fine.
    expect(movementProblem({ onHand: 1, reserved: 5 }, effectOf('receipt', 1), false)).toBeNull();
  });

  it('whatever is allowed without override keeps on hand, reserved and available ≥ 0', () => {
    fc.assert(
      fc.property(
        fc.nat(50),
        fc.nat(50),
        fc.constantFrom(...MOVEMENT_KINDS),
        fc.integer({ min: 1, max: 60 }),
        fc.boolean(),
        fc.boolean(),
        (a, b, kind, qty, fromReserved, negative) => {
          const level = { onHand: Math.max(a, b), reserved: Math.min(a, b) };
          const effect = effectOf(kind, kind === 'adjustment' && negative ? -qty : qty, fromReserved);
          if (movementProblem(level, effect, false) !== null) return;
          const after = {
            onHand: level.onHand + effect.onHandDelta,
            reserved: level.reserved + effect.reservedDelta,
          };
          expect(after.onHand).toBeGreaterThanOrEqual(0);
          expect(after.reserved).toBeGreaterThanOrEqual(0);
          expect(availableOf(after)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('splits a reservation into reserved and short', () => {
    expect(reservationSplit(10, 4, true)).toEqual({ reserved: 4, short: 0 });
    expect(reservationSplit(3, 4, true)).toEqual({ reserved: 3, short: 1 });
    expect(reservationSplit(3, 4, false)).toEqual({ reserved: 0, short: 4 });
    expect(reservationSplit(-2, 4, true)).toEqual({ reserved: 0, short: 4 });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mod97, mod97CheckDigits } from './iso7064.js';
import {
  compactRfReference,
  createRfReference,
  findRfReferences,
  formatRfReference,
  isValidRfReference,
  parseRfReference,
  rfReferenceProblem,
} from './rf-reference.js';

describe('ISO 7064 MOD 97-10', () => {
  it('reduces long digit strings exactly', () => {
    expect(mod97('3214282912345698765432161182')).toBe(1); // the IBAN example GB82 WEST 1234 5698 7654 32
    expect(mod97('0')).toBe(0);
    expect(mod97('97')).toBe(0);
    expect(mod97('98')).toBe(1);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 40n }), (n) => {
        expect(mod97(n.toString())).toBe(Number(n % 97n));
      }),
    );
  });

  it('computes check digits', () => {
    expect(mod97CheckDigits('RF', '539007547034')).toBe('18');
    expect(mod97CheckDigits('DE', '370400440532013000')).toBe('89');
    expect(() => mod97CheckDigits('RF', 'abc')).toThrow(/A–Z and 0–9/);
  });
});

describe('RF creditor references (ISO 11649)', () => {
  it('builds the known reference RF18 5390 0754 7034', () => {
    expect(createRfReference('539007547034')).toBe('RF18539007547034');
    expect(formatRfReference('RF18539007547034')).toBe('RF18 5390 0754 7034');
  });

  it('builds a reference from an invoice number, keeping its letters and digits', () => {
    expect(createRfReference('INV-2026-000123')).toBe('RF98INV2026000123');
    expect(formatRfReference(createRfReference('INV-2026-000123'))).toBe('RF98 INV2 0260 0012 3');
    expect(createRfReference('crn/2026/7')).toBe(`RF${mod97CheckDigits('RF', 'CRN20267')}CRN20267`);
    expect(createRfReference('1')).toBe('RF741');
    // Leading zeros do not change the check digits; "RF18 0000 … 1" is therefore NOT valid, RF74 is.
    expect(createRfReference('000000000000000000001')).toBe('RF74000000000000000000001');
  });

  it('refuses inputs it cannot encode', () => {
    expect(() => createRfReference('---')).toThrow(/no letters or digits/);
    expect(() => createRfReference('X'.repeat(22))).toThrow(/at most 21/);
    expect(createRfReference('X'.repeat(21))).toHaveLength(25);
  });

  it('validates references as printed or typed', () => {
    for (const ok of [
      'RF18 5390 0754 7034',
      'RF18539007547034',
      'rf18 5390 0754 7034',
      'RF74 0000 0000 0000 0000 0000 1',
      'RF98INV2026000123',
    ]) {
      expect(isValidRfReference(ok), ok).toBe(true);
    }
    expect(rfReferenceProblem('RF19 5390 0754 7034')).toBe('has wrong check digits');
    expect(rfReferenceProblem('RF18 5390 0754 7043')).toBe('has wrong check digits'); // transposed digits
    expect(rfReferenceProblem('RF18 0000 0000 0000 0000 0000 1')).toBe('has wrong check digits');
    expect(rfReferenceProblem('XX18539007547034')).toBe('must start with RF');
    expect(rfReferenceProblem('RFAB539007547034')).toBe('must have two check digits after RF');
    expect(rfReferenceProblem('RF18')).toBe('must have a reference after the check digits');
    expect(rfReferenceProblem(`RF00${'1'.repeat(22)}`)).toMatch(/at most 21/);
    expect(rfReferenceProblem('RF18-5390-0754-7034')).toBe('may contain only letters A–Z and digits');
    expect(parseRfReference(' rf18 5390 0754 7034 ')).toBe('RF18539007547034');
    expect(parseRfReference('RF19539007547034')).toBeNull();
    expect(compactRfReference('rf18 5390\t0754 7034')).toBe('RF18539007547034');
  });

  it('every created reference is valid and detects any single changed character (property)', () => {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 21 }).map((c) => c.join('')),
        fc.nat(),
        fc.constantFrom(...alphabet),
        (body, position, replacement) => {
          const reference = createRfReference(body);
          expect(isValidRfReference(reference)).toBe(true);
          expect(isValidRfReference(formatRfReference(reference))).toBe(true);
          const at = 2 + (position % (reference.length - 2));
          const isDigit = (c: string) => c >= '0' && c <= '9';
          // MOD 97-10 catches every substitution that keeps the numeric form's length (a digit for a
          // digit, a letter for a letter: letters count as two digits). A digit swapped for a letter
          // shifts everything after it, which 1 time in 97 still passes — the standard's own limit.
          if (reference[at] !== replacement && isDigit(reference[at]!) === isDigit(replacement)) {
            const changed = reference.slice(0, at) + replacement + reference.slice(at + 1);
            expect(isValidRfReference(changed)).toBe(false);
          }
        },
      ),
    );
  });

  it('finds references in bank statement texts', () => {
    expect(findRfReferences('Payment RF18 5390 0754 7034 invoice 2026')).toEqual(['RF18539007547034']);
    expect(findRfReferences('EREF+RF98INV2026000123/SVWZ+thanks')).toEqual(['RF98INV2026000123']);
    expect(findRfReferences('rf18539007547034, RF18 5390 0754 7034')).toEqual(['RF18539007547034']);
    expect(findRfReferences('RF19 5390 0754 7034 and INV-2026-000123')).toEqual([]);
    expect(findRfReferences('no reference here')).toEqual([]);
  });
});

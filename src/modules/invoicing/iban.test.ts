import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compactIban,
  formatIban,
  IBAN_LENGTHS,
  ibanProblem,
  isValidBic,
  isValidIban,
  parseIban,
} from './iban.js';
import { mod97CheckDigits } from './iso7064.js';

describe('IBAN', () => {
  it('accepts valid IBANs of several countries, printed or compact', () => {
    for (const iban of [
      'DE89 3704 0044 0532 0130 00',
      'DE89370400440532013000',
      'GB82 WEST 1234 5698 7654 32',
      'FR14 2004 1010 0505 0001 3M02 606',
      'NL91 ABNA 0417 1643 00',
      'BE68 5390 0754 7034',
      'AT61 1904 3002 3457 3201',
      'CH93 0076 2011 6238 5295 7',
      'NO93 8601 1117 947',
      'fr1420041010050500013m02606',
    ]) {
      expect(ibanProblem(iban), iban).toBeNull();
    }
  });

  it('explains what is wrong', () => {
    expect(ibanProblem('DE88 3704 0044 0532 0130 00')).toBe('has wrong check digits (a typing mistake?)');
    expect(ibanProblem('DE89 3704 0044 0532 0130 0')).toBe('must have 22 characters for DE, it has 21');
    expect(ibanProblem('ZZ89 3704 0044 0532 0130 00')).toBe('has an unknown country code ZZ');
    expect(ibanProblem('DEXX 3704 0044 0532 0130 00')).toBe(
      'must have two check digits after the country code',
    );
    expect(ibanProblem('DE89-3704-0044-0532-0130-00')).toBe('may contain only letters and digits');
    expect(ibanProblem('12')).toBe('must start with a two-letter country code');
    expect(ibanProblem('')).toBe('must start with a two-letter country code');
    expect(() => parseIban('DE88370400440532013000')).toThrow(
      /IBAN "DE88370400440532013000" has wrong check digits/,
    );
  });

  it('normalizes and formats', () => {
    expect(parseIban(' de89 3704 0044 0532 0130 00 ')).toBe('DE89370400440532013000');
    expect(formatIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
    expect(compactIban('gb82 west')).toBe('GB82WEST');
  });

  it('accepts every IBAN built with correct check digits and rejects adjacent transpositions (property)', () => {
    const countries = Object.keys(IBAN_LENGTHS);
    fc.assert(
      fc.property(
        fc.constantFrom(...countries),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 40, maxLength: 40 }),
        fc.nat(),
        (country, digits, at) => {
          const bban = digits.slice(0, IBAN_LENGTHS[country]! - 4).join('');
          const iban = `${country}${mod97CheckDigits(country, bban)}${bban}`;
          expect(isValidIban(iban)).toBe(true);
          const i = 4 + (at % (bban.length - 1));
          if (iban[i] !== iban[i + 1]) {
            const swapped = iban.slice(0, i) + iban[i + 1] + iban[i] + iban.slice(i + 2);
            expect(isValidIban(swapped)).toBe(false);
          }
        },
      ),
    );
  });
});

describe('BIC', () => {
  it('accepts 8 and 11 character BICs', () => {
    expect(isValidBic('COBADEFF')).toBe(true);
    expect(isValidBic('COBADEFFXXX')).toBe(true);
    expect(isValidBic('cobadeffxxx')).toBe(true);
    expect(isValidBic('COBADEF')).toBe(false);
    expect(isValidBic('COBADEFFXX')).toBe(false);
    expect(isValidBic('1OBADEFF')).toBe(false);
  });
});

import bwipjs from 'bwip-js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildSscc,
  compactSscc,
  formatSscc,
  gs1CheckDigit,
  isValidSscc,
  ssccBarcodeText,
  ssccElementString,
  ssccHumanReadable,
  ssccProblem,
} from './sscc.js';

/** An independent statement of the GS1 rule: weights 3,1,3,… counted from the right, pad to 18 first. */
function referenceCheckDigit(digits17: string): number {
  const weights = [3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3];
  const sum = [...digits17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return Math.ceil(sum / 10) * 10 - sum;
}

describe('GS1 mod-10 check digit', () => {
  it('matches hand-computed and published values', () => {
    // GS1's example SSCC: extension 0, company prefix 0614141, serial 123456789.
    // 0·3+0·1+6·3+1·1+4·3+1·1+4·3+1·1+1·3+2·1+3·3+4·1+5·3+6·1+7·3+8·1+9·3 = 140 → check digit 0.
    expect(gs1CheckDigit('00614141123456789')).toBe(0);
    // Extension digit 3 adds 3·3 = 9 → 149 → 1.
    expect(gs1CheckDigit('30614141123456789')).toBe(1);
    expect(gs1CheckDigit('629104150021')).toBe(3); // any length: GTIN-13 6291041500213, GS1's check digit calculator example
    expect(() => gs1CheckDigit('12a')).toThrow(/only digits/);
  });

  it('agrees with an independent implementation (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (d) => {
        expect(gs1CheckDigit(d)).toBe(referenceCheckDigit(d));
      }),
    );
  });
});

describe('SSCC-18', () => {
  it('builds, formats and encodes the GS1 example', () => {
    const sscc = buildSscc({ extensionDigit: 0, companyPrefix: '0614141', serialReference: 123456789 });
    expect(sscc).toBe('006141411234567890');
    expect(formatSscc(sscc)).toBe('(00) 0 0614141 123456789 0');
    expect(ssccHumanReadable(sscc)).toBe('(00) 006141411234567890');
    expect(ssccBarcodeText(sscc)).toBe('(00)006141411234567890');
    expect(ssccElementString(sscc)).toBe('00006141411234567890');
    expect(buildSscc({ extensionDigit: 3, companyPrefix: '0614141', serialReference: '123456789' })).toBe(
      '306141411234567891',
    );
  });

  it('pads serial references and honours longer company prefixes', () => {
    expect(buildSscc({ extensionDigit: 1, companyPrefix: '0614141', serialReference: 7 })).toMatch(
      /^10614141000000007\d$/,
    );
    const ten = buildSscc({ extensionDigit: 0, companyPrefix: '4012345678', serialReference: 42n });
    expect(ten).toHaveLength(18);
    expect(ten.slice(0, 17)).toBe('04012345678000042');
    expect(formatSscc(ten, 10)).toBe(`(00) 0 4012345678 000042 ${ten[17]}`);
  });

  it('refuses parts that do not fit', () => {
    expect(() => buildSscc({ extensionDigit: 10, companyPrefix: '0614141', serialReference: 1 })).toThrow(
      /extension digit/,
    );
    expect(() => buildSscc({ extensionDigit: 0, companyPrefix: '061414', serialReference: 1 })).toThrow(
      /7–10 digits/,
    );
    expect(() =>
      buildSscc({ extensionDigit: 0, companyPrefix: '0614141', serialReference: '1234567890' }),
    ).toThrow(/does not fit the 9 digits/);
    expect(() => buildSscc({ extensionDigit: 0, companyPrefix: '0614141', serialReference: -1 })).toThrow(
      /must be digits/,
    );
  });

  it('validates typed, printed and scanned forms', () => {
    for (const ok of [
      '006141411234567890',
      '(00) 0 0614141 123456789 0',
      '(00)006141411234567890',
      '00006141411234567890',
    ])
      expect(isValidSscc(ok)).toBe(true);
    expect(compactSscc('(00) 0 0614141 123456789 0')).toBe('006141411234567890');
    expect(ssccProblem('006141411234567891')).toBe('has a wrong check digit');
    expect(ssccProblem('00614141123456789')).toMatch(/18 digits, has 17/);
    expect(ssccProblem('00614141123456789X')).toBe('must contain only digits');
    expect(() => formatSscc('006141411234567891')).toThrow(/not a valid SSCC/);
  });

  it('round-trips, detects every single-digit error, and bwip-js accepts the check digit (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 7, max: 10 }).chain((n) => fc.stringMatching(new RegExp(`^\\d{${n}}$`))),
        fc.bigInt({ min: 0n, max: 999999n }),
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 9 }),
        (ext, prefix, serial, pos, delta) => {
          const sscc = buildSscc({ extensionDigit: ext, companyPrefix: prefix, serialReference: serial });
          expect(isValidSscc(sscc)).toBe(true);
          expect(compactSscc(formatSscc(sscc, prefix.length))).toBe(sscc);
          const wrong = sscc.slice(0, pos) + ((Number(sscc[pos]) + delta) % 10) + sscc.slice(pos + 1);
          expect(isValidSscc(wrong)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('produces data bwip-js draws as GS1-128 (bwip-js checks the AI 00 check digit itself)', () => {
    const sscc = buildSscc({ extensionDigit: 0, companyPrefix: '0614141', serialReference: 123456789 });
    expect(() => bwipjs.toSVG({ bcid: 'gs1-128', text: ssccBarcodeText(sscc) })).not.toThrow();
    expect(() => bwipjs.toSVG({ bcid: 'gs1-128', text: '(00)006141411234567891' })).toThrow(/checksum/i);
  });
});

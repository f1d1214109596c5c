import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { money } from '../../platform/money.js';
import { EPC_QR_MAX_BYTES, type EpcQrInput, epcQrPayload, epcQrProblems } from './epc-qr.js';
import { createRfReference } from './rf-reference.js';

const base: EpcQrInput = {
  bic: 'BHBLDEHHXXX',
  name: 'Franz Mustermänner',
  iban: 'DE71 1102 2033 0123 4567 89',
  amount: money(1234567, 'EUR'),
  purpose: 'GDDS',
  reference: 'RF18 5390 0754 7034',
};
const pathsOf = (input: EpcQrInput) => {
  try {
    epcQrPayload(input);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    return (error as AppError).errors.map((e) => e.path);
  }
  throw new Error('expected a validation error');
};

describe('EPC QR payload (EPC069-12, version 002)', () => {
  it('writes the fields in order, LF-separated, with a structured RF reference', () => {
    expect(epcQrPayload(base)).toBe(
      [
        'BCD',
        '002',
        '1',
        'SCT',
        'BHBLDEHHXXX',
        'Franz Mustermänner',
        'DE71110220330123456789',
        'EUR12345.67',
        'GDDS',
        'RF18539007547034',
      ].join('\n'),
    );
  });

  it('writes unstructured text in line 11 and the information in line 12; drops trailing empty lines', () => {
    const payload = epcQrPayload({
      name: 'Duely GmbH',
      iban: 'DE89370400440532013000',
      amount: money(1, 'EUR'),
      text: 'Invoice INV-2026-000123',
      information: 'Thank you',
    });
    expect(payload.split('\n')).toEqual([
      'BCD',
      '002',
      '1',
      'SCT',
      '',
      'Duely GmbH',
      'DE89370400440532013000',
      'EUR0.01',
      '',
      '',
      'Invoice INV-2026-000123',
      'Thank you',
    ]);
    expect(epcQrPayload({ name: 'Duely GmbH', iban: 'DE89370400440532013000' })).toBe(
      'BCD\n002\n1\nSCT\n\nDuely GmbH\nDE89370400440532013000',
    );
  });

  it('accepts the amount limits 0.01 and 999999999.99 EUR, nothing outside', () => {
    expect(epcQrPayload({ ...base, amount: money(99_999_999_999, 'EUR') })).toContain('\nEUR999999999.99\n');
    expect(pathsOf({ ...base, amount: money(100_000_000_000, 'EUR') })).toEqual(['amount']);
    expect(pathsOf({ ...base, amount: money(0, 'EUR') })).toEqual(['amount']);
  });

  it('refuses non-EUR amounts, bad IBANs and BICs, and both kinds of remittance', () => {
    expect(epcQrProblems({ ...base, amount: money(100, 'USD') })).toEqual([
      { path: 'amount', message: 'must be in EUR: an EPC QR code carries only euro transfers, not USD' },
    ]);
    expect(pathsOf({ ...base, iban: 'DE72 1102 2033 0123 4567 89' })).toEqual(['iban']);
    expect(pathsOf({ ...base, bic: 'BHBL' })).toEqual(['bic']);
    expect(pathsOf({ ...base, text: 'also text' })).toEqual(['text']);
    expect(pathsOf({ ...base, reference: 'RF19 5390 0754 7034' })).toEqual(['reference']);
    expect(pathsOf({ ...base, purpose: 'goods' })).toEqual(['purpose']);
  });

  it('refuses too long or multi-line fields', () => {
    expect(pathsOf({ ...base, name: 'N'.repeat(71) })).toEqual(['name']);
    expect(epcQrPayload({ ...base, name: 'Ä'.repeat(70) })).toContain('Ä'.repeat(70)); // characters, not bytes
    expect(pathsOf({ ...base, name: '  ' })).toEqual(['name']);
    expect(pathsOf({ ...base, reference: undefined, text: 'T'.repeat(141) })).toEqual(['text']);
    expect(pathsOf({ ...base, information: 'I'.repeat(71) })).toEqual(['information']);
    expect(pathsOf({ ...base, name: 'Two\nLines' })).toEqual(['name']);
  });

  it('keeps the whole payload within 331 bytes', () => {
    // 70 three-byte characters in the name, 140 in the text and 70 in the information: far beyond 331 bytes.
    const wide = {
      ...base,
      reference: undefined,
      name: '€'.repeat(70),
      text: '€'.repeat(140),
      information: '€'.repeat(70),
    };
    expect(epcQrProblems(wide)).toEqual([]);
    expect(pathsOf(wide)).toEqual(['information']);
    // Every field at its own maximum is more than the code holds (the guideline caps the sum separately).
    const full = {
      ...base,
      reference: undefined,
      name: 'N'.repeat(70),
      text: 'T'.repeat(140),
      information: 'I'.repeat(70),
    };
    expect(pathsOf(full)).toEqual(['information']);
    const fits = epcQrPayload({ ...full, information: 'I'.repeat(52) });
    expect(Buffer.byteLength(fits)).toBe(EPC_QR_MAX_BYTES);
    expect(pathsOf({ ...full, information: 'I'.repeat(53) })).toEqual(['information']);
  });

  it('uses the invoice’s RF reference in electronic format', () => {
    const payload = epcQrPayload({ ...base, reference: createRfReference('INV-2026-000123') });
    expect(payload.split('\n')[9]).toBe('RF98INV2026000123');
  });
});

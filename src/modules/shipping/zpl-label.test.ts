import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSscc } from './sscc.js';
import { renderZplLabel, type ShippingLabelView, zplText } from './zpl-label.js';

const sscc = buildSscc({ extensionDigit: 0, companyPrefix: '0614141', serialReference: 123456789 });

const view: ShippingLabelView = {
  shipFrom: {
    name: 'Atelier Duval SARL',
    lines: ['12 rue des Tanneurs'],
    city: 'Lyon',
    postalCode: '69002',
    country: 'fr',
  },
  shipTo: {
    name: 'Jürgen Weiß',
    company: 'Kaffeerösterei Nord GmbH',
    lines: ['Hafenstraße 7', 'Tor 3'],
    city: 'Hamburg',
    postalCode: '20457',
    country: 'DE',
  },
  carrier: 'DHL',
  service: 'Parcel Connect',
  trackingNumber: 'JJD000390007788123',
  weight: { value: 4.25, unit: 'kg' },
  packageNumber: 2,
  packageCount: 3,
  orderReference: 'SO-2026-00042',
  sscc,
  shipDate: '2026-03-02',
};

/** A ZPL command or escape character, or a control character. */
const unsafe = (s: string) =>
  [...s].some((c) => c === '^' || c === '~' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** The contents of every ^FD … ^FS field. */
const fields = (zpl: string) => [...zpl.matchAll(/\^FD([\s\S]*?)\^FS/g)].map((m) => m[1]!);

describe('ZPL text escaping', () => {
  it('hex-escapes ^, ~ and the escape character, drops control characters', () => {
    expect(zplText('a^b~c\\d')).toBe('a\\5Eb\\7Ec\\5Cd');
    expect(zplText('line1\nline2\r\u0000x')).toBe('line1 line2  x');
    expect(zplText('Weiß — 東京')).toBe('Weiß — 東京');
    expect(zplText('x'.repeat(100), 10)).toBe('x'.repeat(10));
  });

  it('never lets a command character through (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = zplText(s, 1000);
        expect(unsafe(out)).toBe(false);
        // Every backslash starts a two-digit hex escape.
        expect(out.replace(/\\[0-9A-F]{2}/g, '')).not.toContain('\\');
      }),
    );
  });
});

describe('the 4x6 ZPL label', () => {
  it('is one 812 × 1218 dot UTF-8 label', () => {
    const zpl = renderZplLabel(view);
    expect(zpl.startsWith('^XA\n^CI28\n^PW812\n^LL1218')).toBe(true);
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
  });

  it('carries the SSCC as GS1-128 with FNC1 and AI 00, and its human-readable line', () => {
    const zpl = renderZplLabel(view);
    expect(zpl).toContain(`^BCN,200,N,N,N^FD>;>800${sscc}^FS`);
    expect(`00${sscc}`).toHaveLength(20); // even: subset C throughout
    expect(fields(zpl)).toContain('(00) 0 0614141 123456789 0');
  });

  it('prints parties, carrier, package n of m, weight, order and tracking', () => {
    const texts = fields(renderZplLabel(view));
    for (const t of [
      'Jürgen Weiß',
      'Kaffeerösterei Nord GmbH',
      'Hafenstraße 7',
      '20457 Hamburg',
      'DE',
      'FR',
      'DHL',
      'Parcel Connect',
      '2 of 3',
      'WEIGHT 4.25 KG',
      'ORDER SO-2026-00042',
      'TRACKING #  JJD000390007788123',
      'JJD000390007788123',
      'SHIP DATE 2026-03-02',
    ])
      expect(texts).toContain(t);
  });

  it('neutralises command characters in user text', () => {
    const hostile = {
      ...view,
      shipTo: { ...view.shipTo, name: 'Evil ^XZ^XA~JA\nCorp', lines: ['^FO0,0^GB812,1218,812^FS'] },
      orderReference: '~DG',
    };
    const zpl = renderZplLabel(hostile);
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
    expect(zpl).not.toContain('~');
    expect(fields(zpl)).toContain('Evil \\5EXZ\\5EXA\\7EJA Corp');
    for (const f of fields(zpl)) expect(unsafe(f)).toBe(false);
    // Each field command on its own line, and all lines are commands.
    for (const line of zpl.trimEnd().split('\n')) expect(line.startsWith('^')).toBe(true);
  });

  it('refuses what it cannot print correctly', () => {
    expect(() => renderZplLabel({ ...view, sscc: '006141411234567891' })).toThrow(/not a valid SSCC/);
    expect(() => renderZplLabel({ ...view, trackingNumber: '1Z>;99' })).toThrow(/tracking number/);
    expect(() => renderZplLabel({ ...view, packageNumber: 4 })).toThrow(/4 of 3/);
    expect(() => renderZplLabel({ ...view, weight: { value: Number.NaN, unit: 'kg' } })).toThrow(/weight/);
  });

  it('accepts the printed SSCC form and groups by the company prefix length', () => {
    const ten = buildSscc({ extensionDigit: 1, companyPrefix: '4012345678', serialReference: 5 });
    const zpl = renderZplLabel({
      ...view,
      sscc: `(00) ${ten}`,
      companyPrefixLength: 10,
      weight: { value: 3, unit: 'lb' },
    });
    expect(zpl).toContain(`^FD>;>800${ten}^FS`);
    expect(fields(zpl)).toContain(`(00) 1 4012345678 000005 ${ten[17]}`);
    expect(fields(zpl)).toContain('WEIGHT 3.0 LB');
  });
});

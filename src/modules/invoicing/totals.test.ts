import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { currencyExponent } from '../../platform/money.js';
import { compareDecimal, decimal, decimalToString, parseDecimal, subtractDecimal } from './decimal.js';
import { computeTotals, type DocumentInput, type LineInput, tryComputeTotals } from './totals.js';

const s19 = { taxCategory: 'S', taxRate: '19' } as const;
const line = (quantity: string, unitPrice: string, extra: Partial<LineInput> = {}): LineInput => ({
  quantity,
  unitPrice,
  ...s19,
  ...extra,
});
const invoice = (
  lines: LineInput[],
  currency = 'EUR',
  extra: Partial<DocumentInput> = {},
): DocumentInput => ({
  kind: 'invoice',
  currency,
  lines,
  ...extra,
});
const amounts = (totals: ReturnType<typeof computeTotals>) => ({
  net: totals.lineNetTotal.amount,
  tax: totals.taxTotal.amount,
  gross: totals.taxInclusiveTotal.amount,
});
const errorsOf = (input: DocumentInput) => {
  const result = tryComputeTotals(input);
  if (result.ok) throw new Error('expected validation errors');
  return result.errors;
};

describe('line net amounts (BT-131)', () => {
  it('rounds each line once, half away from zero, after the discount', () => {
    const totals = computeTotals(invoice([line('2.5', '19.99', { discountPercent: '10' })]));
    // 2.5 × 19.99 = 49.975 → gross 49.98; × 0.9 = 44.9775 → net 44.98; the discount is what is left.
    expect(totals.lines[0]).toMatchObject({
      grossAmount: { amount: 4998, currency: 'EUR' },
      netAmount: { amount: 4498, currency: 'EUR' },
      discountAmount: { amount: 500, currency: 'EUR' },
      quantity: '2.5',
      unitPrice: '19.99',
      discountPercent: '10',
      taxRate: '19',
    });
  });

  it('accepts unit prices with more decimals than the currency', () => {
    const totals = computeTotals(invoice([line('1000', '0.0125'), line('3', '0.0125')]));
    expect(totals.lines.map((l) => l.netAmount.amount)).toEqual([1250, 4]); // 12.50 and 0.0375 → 0.04
  });

  it('a 100 % discount gives a zero line', () => {
    const totals = computeTotals(invoice([line('1', '10', { discountPercent: '100' }), line('1', '5')]));
    expect(totals.lines[0]!.netAmount.amount).toBe(0);
    expect(totals.lines[0]!.discountAmount.amount).toBe(1000);
  });
});

describe('VAT breakdown (BG-23)', () => {
  it('computes tax once per group on the group total, not per line (BR-CO-17)', () => {
    // Per line: 0.33 × 19 % = 0.0627 → 0.06, three times 0.18. On the group: 0.99 × 19 % = 0.1881 → 0.19.
    const totals = computeTotals(invoice([line('1', '0.333'), line('1', '0.333'), line('1', '0.333')]));
    expect(totals.taxBreakdown).toEqual([
      {
        category: 'S',
        rate: '19',
        taxableAmount: { amount: 99, currency: 'EUR' },
        taxAmount: { amount: 19, currency: 'EUR' },
        exemptionReason: null,
        exemptionReasonCode: null,
      },
    ]);
    expect(amounts(totals)).toEqual({ net: 99, tax: 19, gross: 118 });
  });

  it('groups by category and rate, orders the groups, and totals BT-106/109/110/112/115', () => {
    const totals = computeTotals(
      invoice([
        line('1', '100', { taxCategory: 'E', taxRate: undefined, exemptionReason: 'Medical services' }),
        line('2', '10.00', { taxCategory: 'S', taxRate: '7' }),
        line('1', '50', { taxCategory: 'Z', taxRate: '0' }),
        line('3', '33.33'),
        line('1', '0.01', { taxCategory: 'S', taxRate: '7.00' }),
      ]),
    );
    expect(
      totals.taxBreakdown.map((g) => [g.category, g.rate, g.taxableAmount.amount, g.taxAmount.amount]),
    ).toEqual([
      ['S', '7', 2001, 140], // 20.01 × 7 % = 1.4007
      ['S', '19', 9999, 1900], // 99.99 × 19 % = 18.9981
      ['Z', '0', 5000, 0],
      ['E', '0', 10000, 0],
    ]);
    expect(totals.taxBreakdown[3]!.exemptionReason).toBe('Medical services');
    expect(totals.lineNetTotal.amount).toBe(27000);
    expect(totals.taxExclusiveTotal.amount).toBe(27000);
    expect(totals.taxTotal.amount).toBe(2040);
    expect(totals.taxInclusiveTotal.amount).toBe(29040);
    expect(totals.amountDue.amount).toBe(29040);
    expect(totals.allowanceTotal.amount).toBe(0);
    expect(totals.chargeTotal.amount).toBe(0);
  });

  it('uses the currency exponent: JPY 0, KWD 3', () => {
    const yen = computeTotals(invoice([line('3', '333.3333', { taxRate: '10' })], 'JPY'));
    expect(amounts(yen)).toEqual({ net: 1000, tax: 100, gross: 1100 });
    expect(yen.taxInclusiveTotal.currency).toBe('JPY');
    const dinar = computeTotals(invoice([line('1', '1.2345', { taxRate: '5' })], 'KWD'));
    // 1.2345 → 1.235 (half away from zero); 1.235 × 5 % = 0.06175 → 0.062.
    expect(amounts(dinar)).toEqual({ net: 1235, tax: 62, gross: 1297 });
  });

  it('computes credit notes the same way, with positive amounts', () => {
    const credit = computeTotals({ ...invoice([line('1', '10')]), kind: 'credit_note' });
    expect(credit.kind).toBe('credit_note');
    expect(amounts(credit)).toEqual({ net: 1000, tax: 190, gross: 1190 });
  });

  it('allows negative quantities (a returned item) while the total stays positive', () => {
    const totals = computeTotals(invoice([line('2', '10'), line('-1', '10')]));
    expect(amounts(totals)).toEqual({ net: 1000, tax: 190, gross: 1190 });
    expect(totals.lines[1]!.netAmount.amount).toBe(-1000);
  });

  it('accepts L and M with a zero or positive rate and no exemption reason', () => {
    const totals = computeTotals(
      invoice([
        line('1', '100', { taxCategory: 'L', taxRate: '7' }),
        line('1', '100', { taxCategory: 'M', taxRate: '0' }),
      ]),
    );
    expect(totals.taxBreakdown.map((g) => [g.category, g.taxAmount.amount])).toEqual([
      ['L', 700],
      ['M', 0],
    ]);
  });

  it('accepts a VATEX code instead of a reason text for exempt categories', () => {
    const totals = computeTotals(
      invoice([line('1', '100', { taxCategory: 'K', taxRate: '0', exemptionReasonCode: 'VATEX-EU-IC' })]),
    );
    expect(totals.taxBreakdown[0]).toMatchObject({
      category: 'K',
      exemptionReasonCode: 'VATEX-EU-IC',
      exemptionReason: null,
    });
  });
});

describe('document-level allowances and charges (BG-20, BG-21)', () => {
  it('subtracts allowances and adds charges in their own group before the tax is computed', () => {
    const totals = computeTotals(
      invoice([line('1', '100'), line('1', '50', { taxCategory: 'S', taxRate: '7' })], 'EUR', {
        allowancesCharges: [
          { kind: 'allowance', percent: '2.5', taxCategory: 'S', taxRate: '19', reason: 'Loyalty discount' },
          { kind: 'charge', amount: '5.95', taxCategory: 'S', taxRate: '19', reasonCode: 'FC' },
          {
            kind: 'allowance',
            amount: '1',
            percent: undefined,
            taxCategory: 'S',
            taxRate: '7',
            reason: 'Rounding',
          },
        ],
      }),
    );
    expect(
      totals.allowancesCharges.map((a) => [a.kind, a.amount.amount, a.baseAmount?.amount ?? null]),
    ).toEqual([
      ['allowance', 250, 10000], // 2.5 % of the S/19 line net total
      ['charge', 595, null],
      ['allowance', 100, null],
    ]);
    // S 7: 50 − 1 = 49 → 3.43; S 19: 100 − 2.50 + 5.95 = 103.45 → 19.6555 → 19.66.
    expect(totals.taxBreakdown.map((g) => [g.rate, g.taxableAmount.amount, g.taxAmount.amount])).toEqual([
      ['7', 4900, 343],
      ['19', 10345, 1966],
    ]);
    expect(totals.lineNetTotal.amount).toBe(15000);
    expect(totals.allowanceTotal.amount).toBe(350);
    expect(totals.chargeTotal.amount).toBe(595);
    expect(totals.taxExclusiveTotal.amount).toBe(15245);
    expect(totals.taxTotal.amount).toBe(2309);
    expect(totals.taxInclusiveTotal.amount).toBe(17554);
  });

  it('takes a percentage of an explicit base amount', () => {
    const totals = computeTotals(
      invoice([line('1', '100')], 'EUR', {
        allowancesCharges: [
          {
            kind: 'charge',
            percent: '3',
            baseAmount: '33.33',
            taxCategory: 'S',
            taxRate: '19',
            reason: 'Handling',
          },
        ],
      }),
    );
    expect(totals.allowancesCharges[0]!.amount.amount).toBe(100); // 0.9999 → 1.00
  });

  it('names the faulty field of an allowance', () => {
    const errors = errorsOf(
      invoice([line('1', '100')], 'EUR', {
        allowancesCharges: [
          { kind: 'allowance', taxCategory: 'S', taxRate: '19', reason: 'x' },
          { kind: 'charge', amount: '1.005', taxCategory: 'S', taxRate: '19' },
          { kind: 'charge', amount: '1', baseAmount: '10', taxCategory: 'E', taxRate: '0', reason: 'y' },
        ],
      }),
    );
    expect(errors).toEqual([
      {
        path: 'allowancesCharges.0.amount',
        message: 'give either an amount or a percent, not both and not neither',
      },
      { path: 'allowancesCharges.1.amount', message: 'must have at most 2 decimal places' },
      { path: 'allowancesCharges.1.reason', message: expect.stringMatching(/is required/) },
      { path: 'allowancesCharges.2.baseAmount', message: 'is only used together with a percent' },
      {
        path: 'allowancesCharges.2.exemptionReason',
        message: expect.stringMatching(/is required for tax category E/),
      },
    ]);
  });
});

describe('validation', () => {
  it('names the line and field of each problem', () => {
    const errors = errorsOf(
      invoice([
        line('1', '10'),
        line('0', '10'),
        line('1', '-5'),
        line('1', '1.123456789'),
        line('1', 'ten'),
        line('1', '10', { discountPercent: '101' }),
        line('1.1234567', '10'),
      ]),
    );
    expect(errors).toEqual([
      { path: 'lines.1.quantity', message: 'must not be zero' },
      { path: 'lines.2.unitPrice', message: 'must not be negative' },
      { path: 'lines.3.unitPrice', message: 'must have at most 8 decimal places' },
      { path: 'lines.4.unitPrice', message: expect.stringMatching(/must be a decimal number/) },
      { path: 'lines.5.discountPercent', message: 'must be at most 100' },
      { path: 'lines.6.quantity', message: 'must have at most 6 decimal places' },
    ]);
  });

  it('enforces each tax category’s rate and exemption reason rules', () => {
    const errors = errorsOf(
      invoice([
        line('1', '1', { taxCategory: 'S', taxRate: '0' }),
        line('1', '1', { taxCategory: 'S', taxRate: undefined }),
        line('1', '1', { taxCategory: 'Z', taxRate: '5' }),
        line('1', '1', { taxCategory: 'E', taxRate: '0' }),
        line('1', '1', { taxCategory: 'AE', taxRate: '0', exemptionReason: '  ' }),
        line('1', '1', { taxCategory: 'G', taxRate: '0', exemptionReason: 'Export' }),
        line('1', '1', { taxCategory: 'S', taxRate: '19', exemptionReason: 'why' }),
        line('1', '1', { taxCategory: 'X' as never }),
        line('1', '1', { taxCategory: 'L', taxRate: undefined }),
        line('1', '1', { taxCategory: 'G', taxRate: '0', exemptionReason: 'Another reason' }),
      ]),
    );
    expect(errors.map((e) => e.path)).toEqual([
      'lines.0.taxRate',
      'lines.1.taxRate',
      'lines.2.taxRate',
      'lines.3.exemptionReason',
      'lines.4.exemptionReason',
      'lines.6.exemptionReason',
      'lines.7.taxCategory',
      'lines.8.taxRate',
      'lines.9.exemptionReason',
    ]);
    expect(errors[0]!.message).toBe('must be greater than 0 for tax category S');
    expect(errors[2]!.message).toMatch(/must be 0 for tax category Z/);
    expect(errors[8]!.message).toBe(
      'must be the same as in lines.5: one exemption reason per tax category and rate',
    );
  });

  it('refuses O (outside the scope of VAT) together with other categories (BR-O-11)', () => {
    const errors = errorsOf(
      invoice([
        line('1', '1'),
        line('1', '1', { taxCategory: 'O', taxRate: undefined, exemptionReason: 'Not subject to VAT' }),
      ]),
    );
    expect(errors).toEqual([{ path: 'lines', message: expect.stringMatching(/tax category O/) }]);
  });

  it('refuses an empty document, an unknown currency, a negative total and amounts beyond safe integers', () => {
    expect(errorsOf(invoice([]))).toEqual([{ path: 'lines', message: 'must contain at least one line' }]);
    expect(errorsOf(invoice([line('1', '1')], 'EURO'))).toEqual([
      { path: 'currency', message: 'must be an ISO 4217 currency code, e.g. EUR' },
    ]);
    expect(errorsOf(invoice([line('1', '1'), line('-2', '1')]))).toEqual([
      { path: 'lines', message: 'the invoice total must not be negative: issue a credit note instead' },
    ]);
    expect(errorsOf(invoice([line('999999999999', '999999999999')]))).toEqual([
      { path: 'lines.0', message: 'the amount is too large' },
      { path: 'lines', message: 'the amount is too large' },
    ]);
  });

  it('throws a 400 validation problem listing every field', () => {
    try {
      computeTotals(invoice([line('1', '10'), line('1', 'x'), line('2', '1', { discountPercent: '-1' })]));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const problem = error as AppError;
      expect(problem.status).toBe(400);
      expect(problem.message).toMatch(/^The document has 2 problems, the first: lines\.1\.unitPrice/);
      expect(problem.errors.map((e) => e.path)).toEqual(['lines.1.unitPrice', 'lines.2.discountPercent']);
    }
  });
});

describe('properties', () => {
  const decimalText = (maxUnits: bigint, maxScale: number, minUnits = 0n) =>
    fc
      .tuple(fc.bigInt({ min: minUnits, max: maxUnits }), fc.nat({ max: maxScale }))
      .map(([units, scale]) => decimalToString(decimal(units, scale), scale));
  const taxArb = fc.constantFrom<Pick<LineInput, 'taxCategory' | 'taxRate' | 'exemptionReason'>>(
    { taxCategory: 'S', taxRate: '19' },
    { taxCategory: 'S', taxRate: '7' },
    { taxCategory: 'S', taxRate: '5.5' },
    { taxCategory: 'S', taxRate: '7.7' },
    { taxCategory: 'Z', taxRate: '0' },
    { taxCategory: 'E', exemptionReason: 'Exempt under article 132' },
    { taxCategory: 'AE', exemptionReason: 'Reverse charge' },
  );
  const lineArb: fc.Arbitrary<LineInput> = fc
    .record({
      quantity: decimalText(100_000n, 3, 1n),
      unitPrice: decimalText(1_000_000n, 6),
      discountPercent: fc.option(
        fc.bigInt({ min: 0n, max: 10_000n }).map((units) => decimalToString(decimal(units, 2))),
        { nil: undefined },
      ),
      tax: taxArb,
    })
    .map(({ tax, ...rest }) => ({ ...rest, ...tax }));
  const documentArb = fc.record({
    currency: fc.constantFrom('EUR', 'JPY', 'KWD', 'USD'),
    lines: fc.array(lineArb, { minLength: 1, maxLength: 25 }),
  });
  const exact = (l: LineInput) => {
    const q = parseDecimal(l.quantity);
    const p = parseDecimal(l.unitPrice);
    const dsc = parseDecimal(l.discountPercent ?? '0');
    return {
      units: q.units * p.units * (10000n * 10n ** BigInt(dsc.scale) - dsc.units * 100n),
      scale: q.scale + p.scale + dsc.scale + 4,
    };
  };

  it('Σ group taxable = net total, Σ group tax = tax total, gross = net + tax', () => {
    fc.assert(
      fc.property(documentArb, ({ currency, lines }) => {
        const totals = computeTotals({ kind: 'invoice', currency, lines });
        const taxable = totals.taxBreakdown.reduce((s, g) => s + g.taxableAmount.amount, 0);
        const tax = totals.taxBreakdown.reduce((s, g) => s + g.taxAmount.amount, 0);
        expect(taxable).toBe(totals.lineNetTotal.amount);
        expect(taxable).toBe(totals.taxExclusiveTotal.amount);
        expect(tax).toBe(totals.taxTotal.amount);
        expect(totals.taxInclusiveTotal.amount).toBe(
          totals.taxExclusiveTotal.amount + totals.taxTotal.amount,
        );
        expect(totals.lines.reduce((s, l) => s + l.netAmount.amount, 0)).toBe(totals.lineNetTotal.amount);
      }),
    );
  });

  it('rounds per line: each line net is within half a minor unit of its exact value, and tax once per group', () => {
    fc.assert(
      fc.property(documentArb, ({ currency, lines }) => {
        const exponent = currencyExponent(currency);
        const totals = computeTotals({ kind: 'invoice', currency, lines });
        const half = decimal(5n, exponent + 1);
        totals.lines.forEach((l, i) => {
          const diff = subtractDecimal(decimal(BigInt(l.netAmount.amount), exponent), exact(lines[i]!));
          const abs = diff.units < 0n ? decimal(-diff.units, diff.scale) : diff;
          expect(compareDecimal(abs, half)).toBeLessThanOrEqual(0);
          expect(l.grossAmount.amount - l.discountAmount.amount).toBe(l.netAmount.amount);
        });
        for (const group of totals.taxBreakdown) {
          const exactTax = {
            units: BigInt(group.taxableAmount.amount) * parseDecimal(group.rate).units,
            scale: exponent + parseDecimal(group.rate).scale + 2,
          };
          const diff = subtractDecimal(decimal(BigInt(group.taxAmount.amount), exponent), exactTax);
          const abs = diff.units < 0n ? decimal(-diff.units, diff.scale) : diff;
          expect(compareDecimal(abs, half)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  it('does not depend on the order of the lines', () => {
    fc.assert(
      fc.property(
        documentArb.chain((doc) =>
          fc.tuple(
            fc.constant(doc),
            fc.shuffledSubarray(
              doc.lines.map((_, i) => i),
              { minLength: doc.lines.length },
            ),
          ),
        ),
        ([doc, order]) => {
          const a = computeTotals({ kind: 'invoice', ...doc });
          const b = computeTotals({
            kind: 'invoice',
            currency: doc.currency,
            lines: order.map((i) => doc.lines[i]!),
          });
          expect(b.taxBreakdown).toEqual(a.taxBreakdown);
          expect(amounts(b)).toEqual(amounts(a));
          order.forEach((original, position) => {
            expect(b.lines[position]!.netAmount).toEqual(a.lines[original]!.netAmount);
          });
        },
      ),
    );
  });
});

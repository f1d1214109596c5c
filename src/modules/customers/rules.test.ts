import { describe, expect, it } from 'vitest';
import {
  billingContacts,
  csvRecord,
  escapeFormula,
  foldText,
  formatCustomerCode,
  formatPaymentTerms,
  normalizeLanguage,
  type PaymentTerms,
  parsePaymentTerms,
  paymentTermsSchema,
  reminderContacts,
  searchPatterns,
  searchTextOf,
  unescapeFormula,
} from './rules.js';

describe('payment terms', () => {
  it('accepts net, end of month and instalments, with an early-payment discount', () => {
    expect(paymentTermsSchema.safeParse({ kind: 'net', days: 30 }).success).toBe(true);
    expect(
      paymentTermsSchema.safeParse({ kind: 'net', days: 30, earlyDiscount: { percent: 2, days: 10 } })
        .success,
    ).toBe(true);
    expect(paymentTermsSchema.safeParse({ kind: 'end_of_month', days: 45 }).success).toBe(true);
    expect(
      paymentTermsSchema.safeParse({
        kind: 'instalments',
        parts: [
          { days: 30, percent: 33.33 },
          { days: 60, percent: 33.33 },
          { days: 90, percent: 33.34 },
        ],
      }).success,
    ).toBe(true);
  });

  it('names what is wrong', () => {
    const messages = (value: unknown) => {
      const result = paymentTermsSchema.safeParse(value);
      return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(messages({ kind: 'net', days: -1 })).toEqual(['days: must not be negative']);
    expect(messages({ kind: 'net', days: 1.5 })).toEqual(['days: must be a whole number of days']);
    expect(
      messages({
        kind: 'instalments',
        parts: [
          { days: 30, percent: 50 },
          { days: 30, percent: 40 },
        ],
      }),
    ).toEqual([
      'parts: percents must add up to 100 (they add up to 90)',
      'parts.1.days: must be later than the previous part',
    ]);
    expect(messages({ kind: 'net', days: 10, earlyDiscount: { percent: 2, days: 10 } })).toEqual([
      'earlyDiscount.days: must be fewer days than the payment term',
    ]);
    expect(messages({ kind: 'net', days: 30, earlyDiscount: { percent: 2.345, days: 10 } })).toEqual([
      'earlyDiscount.percent: must have at most two decimals',
    ]);
    expect(messages({ kind: 'weekly', days: 7 })).toHaveLength(1);
  });

  it('round-trips through the CSV text form', () => {
    const all: PaymentTerms[] = [
      { kind: 'net', days: 30 },
      { kind: 'end_of_month', days: 45, earlyDiscount: { percent: 1.5, days: 10 } },
      {
        kind: 'instalments',
        parts: [
          { days: 30, percent: 50 },
          { days: 60, percent: 50 },
        ],
      },
    ];
    for (const terms of all) {
      const text = formatPaymentTerms(terms);
      const parsed = parsePaymentTerms(text);
      expect(parsed, text).toEqual({ terms });
    }
    expect(formatPaymentTerms({ kind: 'net', days: 30, earlyDiscount: { percent: 2, days: 10 } })).toBe(
      'net 30; discount 2% 10',
    );
    expect(parsePaymentTerms('Net 30 days')).toEqual({ terms: { kind: 'net', days: 30 } });
    expect(parsePaymentTerms('end of month 30')).toEqual({ terms: { kind: 'end_of_month', days: 30 } });
    expect(parsePaymentTerms('{"kind":"net","days":14}')).toEqual({ terms: { kind: 'net', days: 14 } });
    expect(parsePaymentTerms('whenever')).toHaveProperty('error');
    expect(parsePaymentTerms('net 30; 2 percent')).toHaveProperty('error');
    expect(parsePaymentTerms('instalments 30-50')).toHaveProperty('error');
  });
});

describe('field values', () => {
  it('normalises BCP 47 short language tags and refuses unknown ones', () => {
    expect(normalizeLanguage('FR')).toBe('fr');
    expect(normalizeLanguage('fr_be')).toBe('fr-BE');
    expect(normalizeLanguage('nl')).toBe('nl');
    expect(normalizeLanguage('xx')).toBeNull();
    expect(normalizeLanguage('english')).toBeNull();
  });

  it('generates codes C-00001 and on', () => {
    expect(formatCustomerCode(42)).toBe('C-00042');
    expect(formatCustomerCode(123456)).toBe('C-123456');
  });
});

describe('search', () => {
  it('folds case and accents, and also matches tax ids typed in groups', () => {
    expect(foldText('Société Générale')).toBe('societe generale');
    const text = searchTextOf({
      code: 'C-00001',
      legalName: 'Café Lumière',
      taxId: 'FR40303265045',
      contactEmails: ['Compta@Cafe.example', null],
    });
    expect(text).toContain('cafe lumiere');
    expect(text).toContain('compta@cafe.example');
    expect(searchPatterns('FR 40 303')).toEqual(['%fr 40 303%', '%fr40303%']);
    expect(searchPatterns('50%_off')).toEqual(['%50\\%\\_off%']);
  });
});

describe('contacts who receive invoices and reminders', () => {
  const c = (email: string | null, receivesInvoices: boolean, receivesReminders = false) => ({
    email,
    receivesInvoices,
    receivesReminders,
  });

  it('sends invoices to every flagged contact with an email', () => {
    const contacts = [c('a@x.example', false), c('b@x.example', true), c('c@x.example', true), c(null, true)];
    expect(billingContacts(contacts).map((x) => x.email)).toEqual(['b@x.example', 'c@x.example']);
  });

  it('falls back to the first contact with an email, else nobody', () => {
    expect(billingContacts([c(null, false), c('a@x.example', false)]).map((x) => x.email)).toEqual([
      'a@x.example',
    ]);
    expect(billingContacts([c(null, false)])).toEqual([]);
  });

  it('sends reminders to flagged contacts, else to the billing contacts', () => {
    expect(
      reminderContacts([c('a@x.example', true), c('b@x.example', false, true)]).map((x) => x.email),
    ).toEqual(['b@x.example']);
    expect(reminderContacts([c('a@x.example', true)]).map((x) => x.email)).toEqual(['a@x.example']);
  });
});

describe('CSV cells', () => {
  it('defuses formulas on export and restores them on import', () => {
    for (const cell of ['=1+1', '+33 1 23 45 67 89', '-5', '@SUM(A1)', '\tx']) {
      expect(escapeFormula(cell)).toBe(`'${cell}`);
      expect(unescapeFormula(escapeFormula(cell))).toBe(cell);
    }
    expect(escapeFormula('plain')).toBe('plain');
    expect(unescapeFormula("'quoted on purpose")).toBe("'quoted on purpose");
  });

  it('quotes cells with separators, quotes and line breaks', () => {
    expect(csvRecord(['a', 'b,c', 'say "hi"', 'two\nlines', '=cmd'])).toBe(
      'a,"b,c","say ""hi""","two\nlines",\'=cmd',
    );
  });
});

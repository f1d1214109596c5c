/**
 * Pure rules of customers: payment terms (the spec and its CSV text form), the values a customer
 * field accepts, search keys, generated codes, who receives invoices, and CSV cell safety. No I/O.
 */
import { z } from 'zod';
import { isCountryCode } from './countries.js';

// ── Payment terms ────────────────────────────────────────────────────────────────────────────────

const MAX_TERM_DAYS = 730;

const hundredths = (value: number) => Math.round(value * 100);
const atMostTwoDecimals = (value: number) => Math.abs(value * 100 - hundredths(value)) < 1e-6;

const termDays = z
  .number({ message: 'must be a number of days' })
  .int('must be a whole number of days')
  .min(0, 'must not be negative')
  .max(MAX_TERM_DAYS, `must be at most ${MAX_TERM_DAYS} days`);

const percent = z
  .number({ message: 'must be a percentage' })
  .gt(0, 'must be more than 0')
  .max(100, 'must be at most 100')
  .refine(atMostTwoDecimals, 'must have at most two decimals');

export const earlyDiscountSchema = z.strictObject({
  percent: percent.refine((p) => p < 100, 'must be less than 100'),
  days: termDays,
});

/**
 * How an invoice's due date(s) follow from its date. `net`: date + days. `end_of_month`: the last day
 * of the invoice's month + days. `instalments`: several due dates, each date + days for its percent
 * of the total (percents add up to 100, days strictly increase). `earlyDiscount`: percent off when
 * paid within days of the invoice date. The invoicing module computes the dates from this.
 */
export const paymentTermsSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('net'), days: termDays, earlyDiscount: earlyDiscountSchema.optional() }),
    z.strictObject({
      kind: z.literal('end_of_month'),
      days: termDays,
      earlyDiscount: earlyDiscountSchema.optional(),
    }),
    z.strictObject({
      kind: z.literal('instalments'),
      parts: z
        .array(z.strictObject({ days: termDays, percent }))
        .min(2, 'needs at least two parts (use net terms for one)')
        .max(24, 'has more than 24 parts'),
      earlyDiscount: earlyDiscountSchema.optional(),
    }),
  ])
  .superRefine((terms, issue) => {
    if (terms.kind === 'instalments') {
      const total = terms.parts.reduce((sum, part) => sum + hundredths(part.percent), 0);
      if (total !== 10_000)
        issue.addIssue({
          code: 'custom',
          path: ['parts'],
          message: `percents must add up to 100 (they add up to ${total / 100})`,
        });
      for (let i = 1; i < terms.parts.length; i++) {
        if (terms.parts[i]!.days <= terms.parts[i - 1]!.days)
          issue.addIssue({
            code: 'custom',
            path: ['parts', i, 'days'],
            message: 'must be later than the previous part',
          });
      }
    }
    if (terms.kind === 'net' && terms.earlyDiscount && terms.earlyDiscount.days >= terms.days)
      issue.addIssue({
        code: 'custom',
        path: ['earlyDiscount', 'days'],
        message: 'must be fewer days than the payment term',
      });
  });

export type PaymentTerms = z.infer<typeof paymentTermsSchema>;

export const DEFAULT_PAYMENT_TERMS: PaymentTerms = { kind: 'net', days: 30 };

/**
 * The text form of payment terms used in CSV files:
 * `net 30`, `eom 45` (end of month + 45), `instalments 30:50 60:50` (days:percent),
 * each optionally followed by `; discount 2% 10` (2 % off when paid within 10 days).
 * A cell may also hold the JSON spec itself.
 */
export function formatPaymentTerms(terms: PaymentTerms): string {
  const base =
    terms.kind === 'net'
      ? `net ${terms.days}`
      : terms.kind === 'end_of_month'
        ? `eom ${terms.days}`
        : `instalments ${terms.parts.map((p) => `${p.days}:${p.percent}`).join(' ')}`;
  return terms.earlyDiscount
    ? `${base}; discount ${terms.earlyDiscount.percent}% ${terms.earlyDiscount.days}`
    : base;
}

const NUMBER = String.raw`\d+(?:\.\d+)?`;
const DAYS_WORD = String.raw`(?:\s*(?:days?|d))?`;

/** Parses the text form into an unvalidated spec (check it with paymentTermsSchema), or an error message. */
export function parsePaymentTerms(text: string): { terms: unknown } | { error: string } {
  const trimmed = text.trim();
  const usage = 'must be like "net 30", "eom 30" or "instalments 30:50 60:50", optionally "; discount 2% 10"';
  if (trimmed.startsWith('{')) {
    try {
      return { terms: JSON.parse(trimmed) };
    } catch {
      return { error: 'is not valid JSON' };
    }
  }
  const [main = '', discount, ...rest] = trimmed.toLowerCase().split(';');
  if (rest.length > 0) return { error: usage };
  let terms: Record<string, unknown>;
  const simple = new RegExp(String.raw`^(net|eom|end[ _]of[ _]month)\s+(\d+)${DAYS_WORD}$`).exec(main.trim());
  const instalments = /^instal(?:l)?ments?\s+(.+)$/.exec(main.trim());
  if (simple) {
    terms = { kind: simple[1] === 'net' ? 'net' : 'end_of_month', days: Number(simple[2]) };
  } else if (instalments) {
    const parts = instalments[1]!.split(/[\s,]+/).filter(Boolean);
    const parsed = parts.map((part) => new RegExp(String.raw`^(\d+):(${NUMBER})%?$`).exec(part));
    if (parsed.some((p) => p === null))
      return { error: 'instalments must be written days:percent, e.g. 30:50' };
    terms = {
      kind: 'instalments',
      parts: parsed.map((p) => ({ days: Number(p![1]), percent: Number(p![2]) })),
    };
  } else {
    return { error: usage };
  }
  if (discount !== undefined) {
    const match = new RegExp(String.raw`^(?:discount\s+)?(${NUMBER})\s*%\s+(\d+)${DAYS_WORD}$`).exec(
      discount.trim(),
    );
    if (!match) return { error: 'the discount must be written "discount 2% 10" (percent, then days)' };
    terms.earlyDiscount = { percent: Number(match[1]), days: Number(match[2]) };
  }
  return { terms };
}

// ── Field values ─────────────────────────────────────────────────────────────────────────────────

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** A BCP 47 language, short form: `fr`, or with a region `fr-BE`. Case is normalised. */
export function normalizeLanguage(value: string): string | null {
  const match = /^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}))?$/.exec(value.trim());
  if (!match) return null;
  const tag = match[2] ? `${match[1]!.toLowerCase()}-${match[2].toUpperCase()}` : match[1]!.toLowerCase();
  return languageNames.of(match[1]!.toLowerCase()) === undefined ? null : tag;
}

export const isCountry = (value: string): boolean => isCountryCode(value);

/** Tax ids (VAT numbers) are stored upper-cased without spaces: `FR 40 303 265 045` → `FR40303265045`. */
export const normalizeTaxId = (value: string): string => value.replace(/\s+/g, '').toUpperCase();
export const TAX_ID_PATTERN = /^[A-Z0-9][A-Z0-9./-]{1,39}$/;

/** Customer codes are upper-cased; letters, digits, `.`, `_` and `-`. */
export const normalizeCode = (value: string): string => value.trim().toUpperCase();
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,29}$/;

/** Tags are lower-cased and trimmed; `;` separates them in CSV files, so it cannot appear in one. */
export const normalizeTag = (value: string): string => value.trim().toLowerCase();
export const TAG_PATTERN = /^[^;\s](?:[^;]{0,48}[^;\s])?$/;

export const uniqueTags = (tags: readonly string[]): string[] => [
  ...new Set(tags.map(normalizeTag).filter(Boolean)),
];

/** Generated codes: `C-00001`, `C-00042`, … (wider once past 99999). */
export const formatCustomerCode = (n: number): string => `C-${String(n).padStart(5, '0')}`;

// ── Search ───────────────────────────────────────────────────────────────────────────────────────

/** Lower case without accents, so `societe` finds `Société` on both databases alike. */
export const foldText = (value: string): string =>
  value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

export interface SearchableCustomer {
  code: string;
  legalName: string;
  taxId: string | null;
  contactEmails: readonly (string | null)[];
}

/** One text per customer that search looks in: code, legal name, tax id and contact emails. */
export function searchTextOf(customer: SearchableCustomer): string {
  return [customer.code, customer.legalName, customer.taxId, ...customer.contactEmails]
    .filter((v): v is string => Boolean(v))
    .map(foldText)
    .join('\n');
}

/** The LIKE patterns a query matches: as typed, and without spaces (for tax ids written in groups). */
export function searchPatterns(query: string): string[] {
  const folded = foldText(query.trim());
  const like = (v: string) => `%${v.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const compact = folded.replace(/\s+/g, '');
  return compact !== folded && compact.length > 0 ? [like(folded), like(compact)] : [like(folded)];
}

// ── Contacts ─────────────────────────────────────────────────────────────────────────────────────

export interface ContactFlags {
  email: string | null;
  receivesInvoices: boolean;
  receivesReminders: boolean;
}

/**
 * The contacts to email invoices to: every contact flagged to receive invoices (one or more); when
 * none is flagged, the first contact with an email address, so an invoice always has somewhere to go
 * when the customer has any email at all.
 */
export function billingContacts<C extends ContactFlags>(contacts: readonly C[]): C[] {
  const flagged = contacts.filter((c) => c.receivesInvoices && c.email);
  if (flagged.length > 0) return flagged;
  const first = contacts.find((c) => c.email);
  return first ? [first] : [];
}

/** The contacts to send payment reminders to; falls back to the billing contacts. */
export function reminderContacts<C extends ContactFlags>(contacts: readonly C[]): C[] {
  const flagged = contacts.filter((c) => c.receivesReminders && c.email);
  return flagged.length > 0 ? flagged : billingContacts(contacts);
}

// ── CSV cells: the platform's one way (re-exported for this module's import and export) ─────────

export { csvText, escapeFormula, unescapeFormula } from '../../platform/csv.js';

import { csvText } from '../../platform/csv.js';

/** One CSV record (RFC 4180) of text cells. */
export const csvRecord = (cells: readonly string[]): string => cells.map(csvText).join(',');

/**
 * Pure rules of invoicing: the derived payment state, snapshots of buyer and seller, address lines,
 * the online payment link, and finding document numbers in free text. No I/O.
 */
import { daysBetween } from '../../platform/dates.js';
import { type Money, toDecimalString } from '../../platform/money.js';
import { findRfReferences } from './rf-reference.js';
import type { CompanyAddress, CompanySettings, PaymentMethod } from './settings.js';
import type { InvoiceKind, InvoiceStatus } from './tables.js';

export const SERIES: Record<InvoiceKind, string> = { invoice: 'INV', credit_note: 'CRN' };

/**
 * Paid / partially paid / overdue are derived, never stored: from the status, the open amount, the
 * gross total and the due date against today (in the company time zone). For a credit note the same
 * words describe how much of its credit is used (`paid`: all of it).
 */
export type PaymentState = 'unpaid' | 'partially_paid' | 'paid';

export interface DerivedState {
  paymentState: PaymentState | null;
  overdue: boolean;
  daysOverdue: number;
}

export function derivedState(
  doc: {
    kind: InvoiceKind;
    status: InvoiceStatus;
    openAmount: number;
    grossTotal: number;
    dueDate: string | null;
  },
  today: string,
): DerivedState {
  if (doc.status !== 'issued') return { paymentState: null, overdue: false, daysOverdue: 0 };
  const paymentState: PaymentState =
    doc.openAmount === 0 ? 'paid' : doc.openAmount < doc.grossTotal ? 'partially_paid' : 'unpaid';
  const overdue = doc.kind === 'invoice' && doc.openAmount > 0 && doc.dueDate !== null && doc.dueDate < today;
  return { paymentState, overdue, daysOverdue: overdue ? daysBetween(doc.dueDate!, today) : 0 };
}

/** The printed lines of an address: street lines, postal code and city, region, country code. */
export function addressLines(address: {
  line1: string;
  line2?: string | null | undefined;
  postalCode?: string | null | undefined;
  city: string;
  region?: string | null | undefined;
  country: string;
}): string[] {
  return [
    address.line1,
    address.line2,
    [address.postalCode, address.city].filter(Boolean).join(' '),
    address.region,
    address.country,
  ].filter((l): l is string => Boolean(l?.trim()));
}

export interface BuyerSnapshot {
  name: string;
  customerCode: string;
  address: string[];
  country: string;
  vatId: string | null;
}

export interface SellerSnapshot {
  legalName: string;
  tradingName: string | null;
  address: string[];
  vatId: string | null;
  registration: string | null;
  legalForm: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  paymentMethods: PaymentMethod[];
  bankAccount: { accountHolder: string; iban: string; bic: string | null; bankName: string | null } | null;
  cheque: { payableTo: string; mailingAddress: string[]; instructions: string | null } | null;
  onlinePaymentUrl: string | null;
  onlineInstructions: string | null;
  cashInstructions: string | null;
}

export function buyerSnapshot(customer: {
  legalName: string;
  code: string;
  taxId: string | null;
  billingAddress:
    | CompanyAddress
    | {
        line1: string;
        line2: string | null;
        postalCode: string | null;
        city: string;
        region: string | null;
        country: string;
      };
}): BuyerSnapshot {
  return {
    name: customer.legalName,
    customerCode: customer.code,
    address: addressLines(customer.billingAddress),
    country: customer.billingAddress.country,
    vatId: customer.taxId,
  };
}

/** The online payment link of one document, from the template's placeholders. */
export function onlinePaymentUrl(
  template: string | undefined,
  doc: { id: string; number: string; amount: Money; reference: string },
): string | null {
  if (!template) return null;
  const values: Record<string, string> = {
    id: doc.id,
    number: doc.number,
    amount: toDecimalString(doc.amount),
    currency: doc.amount.currency,
    reference: doc.reference,
  };
  return template.replace(/\{(id|number|amount|currency|reference)\}/g, (_, key: string) =>
    encodeURIComponent(values[key]!),
  );
}

export function sellerSnapshot(
  settings: CompanySettings,
  kind: InvoiceKind,
  doc: { id: string; number: string; amount: Money; reference: string },
): SellerSnapshot {
  // Credit notes are not paid: they print no payment instructions.
  const methods = kind === 'invoice' ? settings.paymentMethods : [];
  return {
    legalName: settings.legalName,
    tradingName: settings.tradingName ?? null,
    address: addressLines(settings.address),
    vatId: settings.vatId ?? null,
    registration: settings.registration ?? null,
    legalForm: settings.legalForm ?? null,
    email: settings.email ?? null,
    phone: settings.phone ?? null,
    website: settings.website ?? null,
    paymentMethods: methods,
    bankAccount:
      methods.includes('bank_transfer') && settings.bankAccount
        ? {
            accountHolder: settings.bankAccount.accountHolder,
            iban: settings.bankAccount.iban,
            bic: settings.bankAccount.bic ?? null,
            bankName: settings.bankAccount.bankName ?? null,
          }
        : null,
    cheque:
      methods.includes('cheque') && settings.cheque
        ? {
            payableTo: settings.cheque.payableTo,
            mailingAddress: addressLines(settings.cheque.mailingAddress),
            instructions: settings.cheque.instructions ?? null,
          }
        : null,
    onlinePaymentUrl: methods.includes('online')
      ? onlinePaymentUrl(settings.onlinePaymentUrlTemplate, doc)
      : null,
    onlineInstructions: settings.onlineInstructions ?? null,
    cashInstructions: methods.includes('cash') ? (settings.cashInstructions ?? null) : null,
  };
}

/**
 * Document numbers written in a free text (`INV-2026-000123`, `inv 2026 000123`, `INV2026000123`),
 * in their canonical form, without duplicates.
 */
export function findDocumentNumbers(text: string): string[] {
  const found = new Set<string>();
  const pattern = /\b(INV|CRN)[\s\-_/.]*(\d{4})[\s\-_/.]*(\d{6,})\b/gi;
  for (const match of text.matchAll(pattern)) {
    found.add(`${match[1]!.toUpperCase()}-${match[2]}-${match[3]}`);
  }
  return [...found];
}

export { findRfReferences };

/** The language of the PDF and mail templates: the customer's language when supported, else English. */
export function documentLanguage(language: string, supported: readonly string[]): string {
  const base = language.split('-')[0]!.toLowerCase();
  return supported.includes(base) ? base : 'en';
}

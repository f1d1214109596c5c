import type { Address, CreateCustomerInput, Customer, PaymentTerms } from '../../api/types.js';
import { parseMoneyInput, toDecimalString } from '../../lib/money.js';
import { DEFAULT_PAYMENT_TERMS } from './paymentTerms.js';

/** A number field's value as Mantine's NumberInput gives it: a number, or '' while empty. */
export type NumberDraft = number | string;

export interface AddressDraft {
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
  region: string;
  country: string | null;
}

export interface TermsDraft {
  kind: PaymentTerms['kind'];
  days: NumberDraft;
  parts: { key: number; days: NumberDraft; percent: NumberDraft }[];
  withDiscount: boolean;
  discountPercent: NumberDraft;
  discountDays: NumberDraft;
}

export interface ContactDraft {
  name: string;
  email: string;
  phone: string;
}

/** The create/edit form's state: text as typed; turned into the API's shape on submit. */
export interface CustomerDraft {
  code: string;
  legalName: string;
  billingAddress: AddressDraft;
  shipToBilling: boolean;
  shippingAddress: AddressDraft;
  language: string;
  currency: string | null;
  terms: TermsDraft;
  creditLimit: string;
  taxId: string;
  tags: string[];
  notes: string;
  ownerId: string | null;
  /** Create only: the contact who receives invoices and reminders. */
  billingContact: ContactDraft;
}

let partKey = 0;
export const nextPartKey = () => ++partKey;

const EMPTY_ADDRESS: AddressDraft = {
  line1: '',
  line2: '',
  postalCode: '',
  city: '',
  region: '',
  country: null,
};

function addressDraft(address: Address | null): AddressDraft {
  if (!address) return EMPTY_ADDRESS;
  return {
    line1: address.line1,
    line2: address.line2 ?? '',
    postalCode: address.postalCode ?? '',
    city: address.city,
    region: address.region ?? '',
    country: address.country,
  };
}

export function termsDraft(terms: PaymentTerms): TermsDraft {
  return {
    kind: terms.kind,
    days: terms.kind === 'instalments' ? 30 : terms.days,
    parts:
      terms.kind === 'instalments'
        ? terms.parts.map((p) => ({ key: nextPartKey(), days: p.days, percent: p.percent }))
        : [
            { key: nextPartKey(), days: 30, percent: 50 },
            { key: nextPartKey(), days: 60, percent: 50 },
          ],
    withDiscount: Boolean(terms.earlyDiscount),
    discountPercent: terms.earlyDiscount?.percent ?? 2,
    discountDays: terms.earlyDiscount?.days ?? 10,
  };
}

export function newCustomerDraft(baseCurrency: string | null): CustomerDraft {
  return {
    code: '',
    legalName: '',
    billingAddress: EMPTY_ADDRESS,
    shipToBilling: true,
    shippingAddress: EMPTY_ADDRESS,
    language: 'en',
    currency: baseCurrency,
    terms: termsDraft(DEFAULT_PAYMENT_TERMS),
    creditLimit: '',
    taxId: '',
    tags: [],
    notes: '',
    ownerId: null,
    billingContact: { name: '', email: '', phone: '' },
  };
}

export function customerDraft(customer: Customer): CustomerDraft {
  return {
    code: customer.code,
    legalName: customer.legalName,
    billingAddress: addressDraft(customer.billingAddress),
    shipToBilling: customer.shippingAddress === null,
    shippingAddress: addressDraft(customer.shippingAddress),
    language: customer.language,
    currency: customer.currency,
    terms: termsDraft(customer.paymentTerms),
    creditLimit:
      customer.creditLimit === null ? '' : toDecimalString(customer.creditLimit, customer.currency),
    taxId: customer.taxId ?? '',
    tags: customer.tags,
    notes: customer.notes ?? '',
    ownerId: customer.ownerId,
    billingContact: { name: '', email: '', phone: '' },
  };
}

/** An empty number field is sent as null so the server names the field ("must be a number of days"). */
const num = (value: NumberDraft): number => (value === '' ? (null as unknown as number) : Number(value));
const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

function addressInput(address: AddressDraft): Address {
  return {
    line1: address.line1.trim(),
    line2: orNull(address.line2),
    postalCode: orNull(address.postalCode),
    city: address.city.trim(),
    region: orNull(address.region),
    country: address.country ?? '',
  };
}

export function termsInput(draft: TermsDraft): PaymentTerms {
  const earlyDiscount = draft.withDiscount
    ? { earlyDiscount: { percent: num(draft.discountPercent), days: num(draft.discountDays) } }
    : {};
  if (draft.kind === 'instalments')
    return {
      kind: 'instalments',
      parts: draft.parts.map((p) => ({ days: num(p.days), percent: num(p.percent) })),
      ...earlyDiscount,
    };
  return { kind: draft.kind, days: num(draft.days), ...earlyDiscount };
}

/** The API input, or the credit limit's message when it cannot be read as an amount. */
export function customerInput(
  draft: CustomerDraft,
  options: { withContact: boolean },
): { input: CreateCustomerInput } | { creditLimitError: string } {
  let creditLimit: number | null = null;
  if (draft.creditLimit.trim() !== '') {
    const parsed = parseMoneyInput(draft.creditLimit, draft.currency ?? 'EUR');
    if ('error' in parsed) return { creditLimitError: `Credit limit ${parsed.error}` };
    creditLimit = parsed.minor;
  }
  const contact = draft.billingContact;
  const withContact =
    options.withContact && [contact.name, contact.email, contact.phone].some((v) => v.trim());
  const input: CreateCustomerInput = {
    ...(draft.code.trim() ? { code: draft.code.trim() } : {}),
    legalName: draft.legalName.trim(),
    billingAddress: addressInput(draft.billingAddress),
    shippingAddress: draft.shipToBilling ? null : addressInput(draft.shippingAddress),
    language: draft.language.trim(),
    ...(draft.currency ? { currency: draft.currency } : {}),
    paymentTerms: termsInput(draft.terms),
    creditLimit,
    taxId: orNull(draft.taxId),
    tags: draft.tags,
    notes: orNull(draft.notes),
    ownerId: draft.ownerId,
    ...(withContact
      ? {
          contacts: [
            {
              name: contact.name.trim(),
              email: orNull(contact.email),
              phone: orNull(contact.phone),
              role: null,
              receivesInvoices: true,
              receivesReminders: true,
            },
          ],
        }
      : {}),
  };
  return { input };
}

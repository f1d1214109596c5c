import type { PaymentTerms } from '../../api/types.js';

export const DEFAULT_PAYMENT_TERMS: PaymentTerms = { kind: 'net', days: 30 };

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/**
 * Payment terms in words: "Net 30 days", "End of month + 45", "Instalments 50% at 30 d, 50% at 60 d",
 * each with ", 2% discount within 10 days" when there is an early-payment discount.
 */
export function describePaymentTerms(terms: PaymentTerms): string {
  const base =
    terms.kind === 'net'
      ? terms.days === 0
        ? 'Due on receipt'
        : `Net ${days(terms.days)}`
      : terms.kind === 'end_of_month'
        ? terms.days === 0
          ? 'End of month'
          : `End of month + ${terms.days}`
        : `Instalments ${terms.parts.map((p) => `${p.percent}% at ${p.days} d`).join(', ')}`;
  return terms.earlyDiscount ? `${base}; ${describeDiscount(terms.earlyDiscount)}` : base;
}

export function describeDiscount(discount: { percent: number; days: number }): string {
  return `${discount.percent}% discount if paid within ${days(discount.days)}`;
}

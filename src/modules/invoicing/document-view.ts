/**
 * Builds the PDF view of an invoice or credit note from its stored rows and snapshots — a pure
 * function of immutable data, so re-rendering an issued document gives the very same bytes.
 */
import { formatMoney, money } from '../../platform/money.js';
import { epcQrPayload, epcQrProblems } from './epc-qr.js';
import { INVOICE_LANGUAGES, type InvoicePdfViewInput, type PaymentMethodView } from './pdf/index.js';
import { type BuyerSnapshot, documentLanguage, type SellerSnapshot } from './rules.js';
import type { InvoiceRow, LineRow, TaxRow } from './tables.js';

export interface StoredInstalment {
  number: number;
  dueDate: string;
  amount: number;
}

export interface StoredEarlyDiscount {
  deadline: string;
  percent: string;
  discountAmount: number;
  discountedAmount: number;
}

export const DRAFT_NUMBER = 'DRAFT';
const DRAFT_NOTE = {
  en: 'DRAFT — preview only, not a valid invoice. The number, dates and payment reference are assigned when it is issued.',
  fr: 'BROUILLON — aperçu uniquement, pas une facture valable. Le numéro, les dates et la référence de paiement sont attribués à l’émission.',
} as const;

function isLocale(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

function earlyDiscountText(
  language: string,
  locale: string,
  currency: string,
  early: StoredEarlyDiscount,
): string {
  const amount = formatMoney(money(early.discountedAmount, currency), locale);
  return language === 'fr'
    ? `${early.percent} % d’escompte en cas de paiement au plus tard le ${early.deadline} : ${amount}`
    : `${early.percent}% discount if paid by ${early.deadline}: pay ${amount}`;
}

/** The view of a document. `row` must carry buyer and seller snapshots (issued, or prepared for a preview). */
export function documentView(
  row: InvoiceRow,
  lines: readonly LineRow[],
  taxRows: readonly TaxRow[],
  preceding: { number: string; issueDate: string } | null,
): InvoicePdfViewInput {
  const buyer = JSON.parse(row.buyer!) as BuyerSnapshot;
  const seller = JSON.parse(row.seller!) as SellerSnapshot;
  const draft = row.status === 'draft';
  const language = documentLanguage(row.language, INVOICE_LANGUAGES) as (typeof INVOICE_LANGUAGES)[number];
  const locale = isLocale(row.language) ? row.language : language;
  const instalments = row.instalments ? (JSON.parse(row.instalments) as StoredInstalment[]) : [];
  const early = row.early_discount ? (JSON.parse(row.early_discount) as StoredEarlyDiscount) : null;
  const reference = row.rf_reference ?? DRAFT_NUMBER;

  const paymentMethods: PaymentMethodView[] = [];
  for (const method of seller.paymentMethods) {
    if (method === 'bank_transfer' && seller.bankAccount) {
      const bank = seller.bankAccount;
      let qr: string | undefined;
      if (!draft && row.currency === 'EUR' && row.rf_reference) {
        const input = {
          name: bank.accountHolder,
          iban: bank.iban,
          ...(bank.bic ? { bic: bank.bic } : {}),
          amount: money(row.gross_total, 'EUR'),
          reference: row.rf_reference,
        };
        if (epcQrProblems(input).length === 0) qr = epcQrPayload(input);
      }
      paymentMethods.push({
        method: 'bank_transfer',
        accountHolder: bank.accountHolder,
        iban: bank.iban,
        ...(bank.bic ? { bic: bank.bic } : {}),
        ...(bank.bankName ? { bankName: bank.bankName } : {}),
        reference,
        ...(qr ? { epcQrPayload: qr } : {}),
      });
    } else if (method === 'cheque' && seller.cheque) {
      paymentMethods.push({
        method: 'cheque',
        payableTo: seller.cheque.payableTo,
        mailingAddress: seller.cheque.mailingAddress,
        ...(seller.cheque.instructions ? { instructions: seller.cheque.instructions } : {}),
      });
    } else if (method === 'online') {
      paymentMethods.push({
        method: 'online',
        ...(seller.onlinePaymentUrl && !draft ? { url: seller.onlinePaymentUrl } : {}),
        ...(seller.onlineInstructions ? { instructions: seller.onlineInstructions } : {}),
      });
    } else if (method === 'cash' && seller.cashInstructions) {
      paymentMethods.push({ method: 'cash', instructions: seller.cashInstructions });
    }
  }

  const notes = [
    ...(draft ? [DRAFT_NOTE[language as 'en' | 'fr'] ?? DRAFT_NOTE.en] : []),
    ...(row.notes ? [row.notes] : []),
  ];
  return {
    kind: row.kind,
    number: row.number ?? DRAFT_NUMBER,
    issueDate: row.issue_date!,
    ...(row.issued_at ? { issuedAt: row.issued_at } : {}),
    ...(row.kind === 'invoice' && row.due_date ? { dueDate: row.due_date } : {}),
    ...(row.kind === 'invoice' && instalments.length > 1
      ? { instalments: instalments.map((i) => ({ dueDate: i.dueDate, amount: i.amount })) }
      : {}),
    currency: row.currency,
    language,
    locale,
    seller: {
      legalName: seller.legalName,
      ...(seller.tradingName ? { tradingName: seller.tradingName } : {}),
      address: seller.address,
      ...(seller.vatId ? { vatId: seller.vatId } : {}),
      ...(seller.registration ? { companyRegistration: seller.registration } : {}),
      ...(seller.legalForm ? { legalForm: seller.legalForm } : {}),
      ...(seller.email ? { email: seller.email } : {}),
      ...(seller.phone ? { phone: seller.phone } : {}),
      ...(seller.website ? { website: seller.website } : {}),
    },
    buyer: {
      name: buyer.name,
      address: buyer.address,
      ...(buyer.vatId ? { vatId: buyer.vatId } : {}),
      customerCode: buyer.customerCode,
    },
    ...(row.purchase_order ? { purchaseOrder: row.purchase_order } : {}),
    ...(row.order_reference ? { orderReference: row.order_reference } : {}),
    ...(preceding ? { precedingInvoice: preceding } : {}),
    lines: lines.map((line) => ({
      description: line.description,
      ...(line.item_code ? { itemCode: line.item_code } : {}),
      quantity: line.quantity,
      unit: line.unit,
      unitPrice: line.unit_price,
      ...(line.discount_percent !== '0' ? { discountPercent: line.discount_percent } : {}),
      taxCategory: line.tax_category as PaymentMethodTaxCategory,
      taxRate: line.tax_rate,
      netAmount: Number(line.net_amount),
    })),
    taxBreakdown: taxRows.map((t) => {
      const reason = t.exemption_reason ?? t.exemption_reason_code;
      return {
        category: t.category as PaymentMethodTaxCategory,
        rate: t.rate,
        taxableAmount: Number(t.taxable_amount),
        taxAmount: Number(t.tax_amount),
        ...(reason ? { exemptionReason: reason } : {}),
      };
    }),
    totals: {
      net: Number(row.net_total),
      tax: Number(row.tax_total),
      gross: Number(row.gross_total),
      // The document as issued: nothing paid yet. Payments show on statements, not on the invoice.
      paid: 0,
      due: Number(row.gross_total),
    },
    ...(early && row.kind === 'invoice'
      ? { earlyPaymentDiscount: earlyDiscountText(language, locale, row.currency, early) }
      : {}),
    notes,
    paymentMethods,
  };
}

type PaymentMethodTaxCategory = InvoicePdfViewInput['lines'][number]['taxCategory'];

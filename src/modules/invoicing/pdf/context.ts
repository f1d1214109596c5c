/** What every invoice section needs: the document, the view, its labels and its formatters. */
import { currencyExponent, formatMoney, money, toDecimalString } from '../../../platform/money.js';
import { formatDate, formatDecimal, formatPercent } from '../../../platform/pdf/index.js';
import { type InvoiceLabels, LABELS } from './labels.js';
import type { InvoicePdfView } from './view.js';

export interface InvoiceContext {
  doc: PDFKit.PDFDocument;
  view: InvoicePdfView;
  t: InvoiceLabels;
  /** Amount with currency symbol: "€1,234.50", "1 234,50 €". */
  money: (minor: number) => string;
  /** Amount without symbol, for table columns: "1,234.50". */
  amount: (minor: number) => string;
  decimal: (value: string, minFraction?: number) => string;
  /** A unit price: at least the currency's decimals, more when given ("0.1234"). */
  price: (value: string) => string;
  percent: (value: string) => string;
  date: (value: string) => string;
}

/** Left edge, right edge and width of the content area on A4 with the shared margins. */
export const LEFT = 48;
export const WIDTH = 595.28 - 2 * LEFT;
/** The right-hand column (document details, totals). */
export const RIGHT_COLUMN = { x: LEFT + WIDTH - 215, width: 215 } as const;

export function invoiceContext(doc: PDFKit.PDFDocument, view: InvoicePdfView): InvoiceContext {
  const t = LABELS[view.language];
  const locale = view.locale ?? t.locale;
  const exponent = currencyExponent(view.currency);
  return {
    doc,
    view,
    t,
    money: (minor) => formatMoney(money(minor, view.currency), locale),
    amount: (minor) => formatDecimal(toDecimalString(money(minor, view.currency)), locale, exponent),
    decimal: (value, minFraction = 0) => formatDecimal(value, locale, minFraction),
    price: (value) => formatDecimal(value, locale, exponent),
    percent: (value) => formatPercent(value, locale),
    date: (value) => formatDate(value, locale),
  };
}

/** What every statement section needs: the document, the view, its labels and its formatters. */
import { currencyExponent, formatMoney, money, toDecimalString } from '../../../platform/money.js';
import { formatDate, formatDecimal } from '../../../platform/pdf/index.js';
import { LABELS, type StatementLabels } from './labels.js';
import type { StatementPdfView } from './view.js';

export interface StatementContext {
  doc: PDFKit.PDFDocument;
  view: StatementPdfView;
  t: StatementLabels;
  /** Amount with currency symbol: "€1,234.50", "1 234,50 €". */
  money: (minor: number) => string;
  /** Amount without symbol, for table columns: "1,234.50"; empty for 0 when `blankZero`. */
  amount: (minor: number, blankZero?: boolean) => string;
  date: (value: string) => string;
}

/** Left edge and width of the content area on A4 with the shared margins. */
export const LEFT = 48;
export const WIDTH = 595.28 - 2 * LEFT;
/** The right-hand column (statement details, balances). */
export const RIGHT_COLUMN = { x: LEFT + WIDTH - 215, width: 215 } as const;

export function statementContext(doc: PDFKit.PDFDocument, view: StatementPdfView): StatementContext {
  const t = LABELS[view.language];
  const locale = view.locale ?? t.locale;
  const exponent = currencyExponent(view.currency);
  return {
    doc,
    view,
    t,
    money: (minor) => formatMoney(money(minor, view.currency), locale),
    amount: (minor, blankZero = false) =>
      blankZero && minor === 0
        ? ''
        : formatDecimal(toDecimalString(money(minor, view.currency)), locale, exponent),
    date: (value) => formatDate(value, locale),
  };
}

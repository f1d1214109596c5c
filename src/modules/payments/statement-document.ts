/** The statement as a PDF: its view from the statement, the company settings and the customer, then rendered. */
import type { AppContext } from '../../platform/context.js';
import type { Customer } from '../customers/index.js';
import { type CompanySettings, readCompanySettings } from '../invoicing/index.js';
import { today } from './common.js';
import { buildStatement, type Statement, type StatementInput, statementScope } from './statement.js';
import {
  renderStatementPdf,
  STATEMENT_LANGUAGES,
  type StatementLanguage,
  type StatementPdfViewInput,
} from './statement-pdf/index.js';

type AddressLike = {
  line1: string;
  line2?: string | null | undefined;
  postalCode?: string | null | undefined;
  city: string;
  region?: string | null | undefined;
  country: string;
};

/** The printed lines of an address: street lines, postal code and city, region, country code. */
const addressLines = (a: AddressLike): string[] =>
  [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region, a.country].filter(
    (l): l is string => Boolean(l?.trim()),
  );

/** The statement's language: the customer's when supported, else English; its locale when it is a variant of it. */
export function statementLanguage(language: string): { language: StatementLanguage; locale?: string } {
  const base = language.split('-')[0]!.toLowerCase();
  const supported = (STATEMENT_LANGUAGES as readonly string[]).includes(base);
  const chosen = (supported ? base : 'en') as StatementLanguage;
  if (!supported || !language.includes('-')) return { language: chosen };
  try {
    return Intl.getCanonicalLocales(language).length === 1
      ? { language: chosen, locale: language }
      : { language: chosen };
  } catch {
    return { language: chosen };
  }
}

export function statementView(
  statement: Statement,
  customer: Customer,
  settings: CompanySettings,
): StatementPdfViewInput {
  const optional = <K extends string>(key: K, value: string | null | undefined) =>
    (value ? { [key]: value } : {}) as Partial<Record<K, string>>;
  return {
    ...statementLanguage(customer.language),
    generatedOn: statement.generatedOn,
    currency: statement.currency,
    from: statement.from,
    to: statement.to,
    seller: {
      legalName: settings.legalName,
      ...optional('tradingName', settings.tradingName),
      address: addressLines(settings.address),
      ...optional('vatId', settings.vatId),
      ...optional('companyRegistration', settings.registration),
      ...optional('legalForm', settings.legalForm),
      ...optional('email', settings.email),
      ...optional('phone', settings.phone),
      ...optional('website', settings.website),
    },
    customer: {
      name: customer.legalName,
      code: customer.code,
      address: addressLines(customer.billingAddress),
      ...optional('vatId', customer.taxId),
    },
    openingBalance: statement.openingBalance,
    closingBalance: statement.closingBalance,
    totals: statement.totals,
    lines: statement.lines.map((l) => ({
      date: l.date,
      kind: l.kind,
      reference: l.reference,
      debit: l.debit,
      credit: l.credit,
      balance: l.balance,
      detail: l.detail,
    })),
    aging: {
      buckets: statement.aging.buckets,
      openInvoices: statement.aging.openInvoices,
      unusedCredit: statement.aging.unusedCredit,
      unappliedPayments: statement.aging.unappliedPayments,
      openCharges: statement.aging.openCharges,
    },
    openItems: statement.openItems.map((i) => ({
      kind: i.kind,
      number: i.number,
      issueDate: i.issueDate,
      dueDate: i.dueDate,
      daysOverdue: i.daysOverdue,
      grossTotal: i.grossTotal,
      openAmount: i.openAmount,
    })),
  };
}

export interface StatementFile {
  filename: string;
  contentType: 'application/pdf';
  content: Buffer;
  statement: Statement;
  language: StatementLanguage;
}

export const statementFilename = (statement: Statement, language: StatementLanguage): string =>
  `${language === 'fr' ? 'Releve' : 'Statement'}_${statement.customer.code}_${statement.currency}_${statement.from}_${statement.to}.pdf`;

/** Builds and renders the statement PDF, reading with `db` (a transaction's handle when inside one). */
export async function statementPdfWith(
  db: AppContext['db'],
  customer: Customer,
  period: { from: string; to: string; currency: string; generatedOn: string },
): Promise<StatementFile> {
  const [statement, settings] = await Promise.all([
    buildStatement(db, customer, period),
    readCompanySettings(db),
  ]);
  const view = statementView(statement, customer, settings);
  const content = await renderStatementPdf(view);
  const language = view.language;
  return {
    filename: statementFilename(statement, language),
    contentType: 'application/pdf',
    content,
    statement,
    language,
  };
}

export async function statementPdf(
  ctx: AppContext,
  customerId: string,
  input: StatementInput,
): Promise<StatementFile> {
  const { customer, period } = await statementScope(ctx, customerId, input);
  return statementPdfWith(ctx.db, customer, { ...period, generatedOn: today(ctx) });
}

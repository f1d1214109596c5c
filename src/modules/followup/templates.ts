/**
 * Reminder emails, pure: the built-in templates per language and tone (English and French), the values
 * of the template variables for one customer's group of overdue invoices, and the rendered message.
 * One message lists every invoice of the customer that is due a reminder on the same run.
 */
import { daysBetween } from '../../platform/dates.js';
import { currencyExponent, type Money, money, toDecimalString } from '../../platform/money.js';
import {
  type MessageTemplate,
  renderTemplate,
  type TemplateLanguage,
  type TemplateVariable,
  type Tone,
} from './rules.js';

export const DEFAULT_TEMPLATES: Record<TemplateLanguage, Record<Tone, MessageTemplate>> = {
  en: {
    friendly: {
      subject: 'Friendly reminder from {{companyName}}: {{invoiceNumbers}}',
      body: [
        'Hello {{customerName}},',
        '',
        'This is a friendly reminder that the following invoices are due or overdue:',
        '',
        '{{invoiceList}}',
        '',
        'Total: {{totalOverdue}}',
        '',
        'How to pay:',
        '{{paymentInstructions}}',
        '',
        'If you have already paid, thank you, and please disregard this message.',
        '',
        'Kind regards,',
        '{{companyName}}',
      ].join('\n'),
    },
    firm: {
      subject: 'Overdue invoices: {{invoiceNumbers}} ({{totalOverdue}})',
      body: [
        'Hello {{customerName}},',
        '',
        'Despite our previous reminder, the following invoices remain unpaid ({{daysOverdue}} days overdue at most):',
        '',
        '{{invoiceList}}',
        '',
        'Total overdue: {{totalOverdue}}',
        '',
        'Please arrange payment without delay:',
        '{{paymentInstructions}}',
        '',
        'If there is a problem with these invoices, reply to this email so we can resolve it.',
        '',
        'Regards,',
        '{{companyName}}',
      ].join('\n'),
    },
    final: {
      subject: 'Final notice: {{totalOverdue}} overdue ({{invoiceNumbers}})',
      body: [
        'Hello {{customerName}},',
        '',
        'This is our final notice. The following invoices are seriously overdue ({{daysOverdue}} days at most):',
        '',
        '{{invoiceList}}',
        '',
        'Total overdue: {{totalOverdue}}',
        '',
        'Unless payment reaches us promptly, we will suspend deliveries and take further collection steps.',
        '{{paymentInstructions}}',
        '',
        '{{companyName}}',
      ].join('\n'),
    },
  },
  fr: {
    friendly: {
      subject: 'Petit rappel de {{companyName}} : {{invoiceNumbers}}',
      body: [
        'Bonjour {{customerName}},',
        '',
        'Nous nous permettons de vous rappeler que les factures suivantes arrivent à échéance ou sont échues :',
        '',
        '{{invoiceList}}',
        '',
        'Total : {{totalOverdue}}',
        '',
        'Modalités de paiement :',
        '{{paymentInstructions}}',
        '',
        'Si vous avez déjà réglé, merci et veuillez ne pas tenir compte de ce message.',
        '',
        'Cordialement,',
        '{{companyName}}',
      ].join('\n'),
    },
    firm: {
      subject: 'Factures échues : {{invoiceNumbers}} ({{totalOverdue}})',
      body: [
        'Bonjour {{customerName}},',
        '',
        'Malgré notre précédent rappel, les factures suivantes restent impayées (jusqu’à {{daysOverdue}} jours de retard) :',
        '',
        '{{invoiceList}}',
        '',
        'Total échu : {{totalOverdue}}',
        '',
        'Merci de procéder au règlement sans délai :',
        '{{paymentInstructions}}',
        '',
        'En cas de problème sur ces factures, répondez à ce message afin que nous le réglions.',
        '',
        'Cordialement,',
        '{{companyName}}',
      ].join('\n'),
    },
    final: {
      subject: 'Dernier avis : {{totalOverdue}} échus ({{invoiceNumbers}})',
      body: [
        'Bonjour {{customerName}},',
        '',
        'Ceci est notre dernier avis. Les factures suivantes sont largement échues (jusqu’à {{daysOverdue}} jours) :',
        '',
        '{{invoiceList}}',
        '',
        'Total échu : {{totalOverdue}}',
        '',
        'Sans règlement rapide de votre part, nous suspendrons les livraisons et engagerons le recouvrement.',
        '{{paymentInstructions}}',
        '',
        '{{companyName}}',
      ].join('\n'),
    },
  },
};

export interface ReminderLine {
  number: string;
  dueDate: string;
  currency: string;
  openAmount: number;
  paymentLink: string | null;
}

export interface ReminderInput {
  language: TemplateLanguage;
  customerName: string;
  companyName: string;
  today: string;
  lines: readonly ReminderLine[];
  paymentInstructions: readonly string[];
}

const LOCALES: Record<TemplateLanguage, string> = { en: 'en-GB', fr: 'fr-FR' };

/** As platform/money's formatMoney, with one formatter per locale and currency (a run formats thousands of amounts). */
const formatters = new Map<string, Intl.NumberFormat>();
function formatMoney(value: Money, locale: string): string {
  const key = `${locale}|${value.currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const exponent = currencyExponent(value.currency);
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: value.currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(Number(toDecimalString(value)));
}

/** The language a customer's reminders are written in: theirs when a template exists for it, else English. */
export function reminderLanguage(customerLanguage: string | null | undefined): TemplateLanguage {
  const base = (customerLanguage ?? 'en').slice(0, 2).toLowerCase();
  return base === 'fr' ? 'fr' : 'en';
}

export function templateValues(input: ReminderInput): Record<TemplateVariable, string> {
  const locale = LOCALES[input.language];
  const fr = input.language === 'fr';
  const totals = new Map<string, number>();
  for (const line of input.lines)
    totals.set(line.currency, (totals.get(line.currency) ?? 0) + line.openAmount);
  const overdueDays = input.lines.map((l) => Math.max(0, daysBetween(l.dueDate, input.today)));
  const list = input.lines.map((l, i) => {
    const days = overdueDays[i]!;
    const late =
      days > 0 ? (fr ? `${days} j de retard` : `${days} days overdue`) : fr ? 'non échue' : 'not yet due';
    return `- ${l.number} — ${fr ? 'échéance' : 'due'} ${l.dueDate} — ${formatMoney(money(l.openAmount, l.currency), locale)} (${late})`;
  });
  const links = input.lines.flatMap((l) => (l.paymentLink ? [l.paymentLink] : []));
  return {
    customerName: input.customerName,
    companyName: input.companyName,
    invoiceNumbers: input.lines.map((l) => l.number).join(', '),
    invoiceList: list.join('\n'),
    dueDates: [...new Set(input.lines.map((l) => l.dueDate))].join(', '),
    daysOverdue: String(Math.max(0, ...overdueDays)),
    totalOverdue: [...totals]
      .map(([currency, amount]) => formatMoney(money(amount, currency), locale))
      .join(' + '),
    paymentInstructions: input.paymentInstructions.join('\n'),
    paymentLink: links[0] ?? '',
  };
}

/** The message for one customer's group: the step's own template for the language, else the built-in one. */
export function renderReminder(
  input: ReminderInput,
  tone: Tone,
  custom: Partial<Record<TemplateLanguage, MessageTemplate>> | undefined,
): MessageTemplate {
  const template = custom?.[input.language] ?? DEFAULT_TEMPLATES[input.language][tone];
  const values = templateValues(input);
  return {
    subject: renderTemplate(template.subject, values).replace(/[\r\n]+/g, ' '),
    body: renderTemplate(template.body, values),
  };
}

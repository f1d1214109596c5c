/** The email that carries an invoice or credit note, per language (English and French). Pure. */

import { formatMoney, type Money } from '../../platform/money.js';
import { formatIban } from './iban.js';
import { formatRfReference } from './rf-reference.js';
import type { SellerSnapshot } from './rules.js';
import type { InvoiceKind } from './tables.js';

export interface InvoiceMailInput {
  kind: InvoiceKind;
  number: string;
  issueDate: string;
  dueDate: string | null;
  amountDue: Money;
  gross: Money;
  rfReference: string | null;
  seller: SellerSnapshot;
  buyerName: string;
}

export const MAIL_LANGUAGES = ['en', 'fr'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

function howToPay(language: MailLanguage, input: InvoiceMailInput, locale: string): string[] {
  const s = input.seller;
  const lines: string[] = [];
  const ref = input.rfReference ? formatRfReference(input.rfReference) : input.number;
  for (const method of s.paymentMethods) {
    if (method === 'bank_transfer' && s.bankAccount) {
      const bic = s.bankAccount.bic ? `, BIC ${s.bankAccount.bic}` : '';
      lines.push(
        language === 'fr'
          ? `- Virement bancaire : IBAN ${formatIban(s.bankAccount.iban)}${bic}, au nom de ${s.bankAccount.accountHolder}, avec la référence ${ref}`
          : `- Bank transfer: IBAN ${formatIban(s.bankAccount.iban)}${bic}, to ${s.bankAccount.accountHolder}, quoting the reference ${ref}`,
      );
    } else if (method === 'cheque' && s.cheque) {
      lines.push(
        language === 'fr'
          ? `- Chèque à l'ordre de ${s.cheque.payableTo}, à envoyer à : ${s.cheque.mailingAddress.join(', ')}`
          : `- Cheque payable to ${s.cheque.payableTo}, sent to: ${s.cheque.mailingAddress.join(', ')}`,
      );
    } else if (method === 'online' && s.onlinePaymentUrl) {
      lines.push(
        language === 'fr' ? `- Paiement en ligne : ${s.onlinePaymentUrl}` : `- Online: ${s.onlinePaymentUrl}`,
      );
    } else if (method === 'cash' && s.cashInstructions) {
      lines.push(language === 'fr' ? `- Espèces : ${s.cashInstructions}` : `- Cash: ${s.cashInstructions}`);
    }
  }
  void locale;
  return lines;
}

export function invoiceMail(
  language: MailLanguage,
  locale: string,
  input: InvoiceMailInput,
): { subject: string; text: string } {
  const amount = formatMoney(input.amountDue, locale);
  const from = input.seller.tradingName ?? input.seller.legalName;
  const pay = howToPay(language, input, locale);
  if (language === 'fr') {
    if (input.kind === 'credit_note') {
      return {
        subject: `Avoir ${input.number} de ${from}`,
        text: [
          'Bonjour,',
          '',
          `Veuillez trouver ci-joint notre avoir ${input.number} du ${input.issueDate}, d'un montant de ${formatMoney(input.gross, locale)}.`,
          '',
          'Cordialement,',
          from,
        ].join('\n'),
      };
    }
    return {
      subject: `Facture ${input.number} de ${from} — ${amount} à régler${input.dueDate ? ` avant le ${input.dueDate}` : ''}`,
      text: [
        'Bonjour,',
        '',
        `Veuillez trouver ci-joint notre facture ${input.number} du ${input.issueDate}.`,
        '',
        `Montant à régler : ${amount}`,
        ...(input.dueDate ? [`Date d'échéance : ${input.dueDate}`] : []),
        ...(pay.length > 0 ? ['', 'Modalités de paiement :', ...pay] : []),
        '',
        'Cordialement,',
        from,
      ].join('\n'),
    };
  }
  if (input.kind === 'credit_note') {
    return {
      subject: `Credit note ${input.number} from ${from}`,
      text: [
        'Hello,',
        '',
        `Please find attached our credit note ${input.number} dated ${input.issueDate}, for ${formatMoney(input.gross, locale)}.`,
        '',
        'Kind regards,',
        from,
      ].join('\n'),
    };
  }
  return {
    subject: `Invoice ${input.number} from ${from} — ${amount} due${input.dueDate ? ` by ${input.dueDate}` : ''}`,
    text: [
      'Hello,',
      '',
      `Please find attached our invoice ${input.number} dated ${input.issueDate}.`,
      '',
      `Amount due: ${amount}`,
      ...(input.dueDate ? [`Due date: ${input.dueDate}`] : []),
      ...(pay.length > 0 ? ['', 'How to pay:', ...pay] : []),
      '',
      'Kind regards,',
      from,
    ].join('\n'),
  };
}

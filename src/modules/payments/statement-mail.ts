/** The email that carries a customer statement, per language (English and French). Pure. */

import { formatMoney, money } from '../../platform/money.js';
import { formatDate } from '../../platform/pdf/index.js';
import type { StatementLanguage } from './statement-pdf/index.js';

export interface StatementMailInput {
  customerName: string;
  from: string;
  to: string;
  currency: string;
  closingBalance: number;
  overdue: number;
  /** The company's trading (else legal) name, signing the mail. */
  sender: string;
}

const LOCALE: Record<StatementLanguage, string> = { en: 'en-GB', fr: 'fr-FR' };

export function statementMail(
  language: StatementLanguage,
  input: StatementMailInput,
  locale: string = LOCALE[language],
): { subject: string; text: string } {
  const amount = (minor: number) => formatMoney(money(minor, input.currency), locale);
  const from = formatDate(input.from, locale);
  const to = formatDate(input.to, locale);
  const balance = input.closingBalance;
  if (language === 'fr') {
    const position =
      balance > 0
        ? `Solde dû au ${to} : ${amount(balance)}${input.overdue > 0 ? `, dont ${amount(input.overdue)} échu.` : '.'}`
        : balance < 0
          ? `Solde en votre faveur au ${to} : ${amount(-balance)}.`
          : `Votre compte est soldé au ${to}.`;
    return {
      subject: `Relevé de compte ${input.customerName} du ${from} au ${to} — ${input.sender}`,
      text: [
        'Bonjour,',
        '',
        `Veuillez trouver ci-joint le relevé de votre compte pour la période du ${from} au ${to}.`,
        '',
        position,
        '',
        'Merci de le rapprocher de votre comptabilité et de nous signaler toute différence.',
        '',
        'Cordialement,',
        input.sender,
      ].join('\n'),
    };
  }
  const position =
    balance > 0
      ? `Balance due at ${to}: ${amount(balance)}${input.overdue > 0 ? `, of which ${amount(input.overdue)} is overdue.` : '.'}`
      : balance < 0
        ? `Credit in your favour at ${to}: ${amount(-balance)}.`
        : `Your account is settled at ${to}.`;
  return {
    subject: `Statement of account for ${input.customerName}, ${from} – ${to} — ${input.sender}`,
    text: [
      'Hello,',
      '',
      `Please find attached the statement of your account for ${from} to ${to}.`,
      '',
      position,
      '',
      'Please check it against your records and let us know of any difference.',
      '',
      'Kind regards,',
      input.sender,
    ].join('\n'),
  };
}

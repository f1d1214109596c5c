/** Every word printed on a statement PDF, per language. Add a language by adding one entry. */
export interface StatementLabels {
  /** BCP 47 locale for numbers and dates when the view does not give one. */
  locale: string;
  title: string;
  statementFor: string;
  customerCode: string;
  period: string;
  periodRange: (from: string, to: string) => string;
  statementDate: string;
  currency: string;
  vatId: string;
  openingBalance: string;
  closingBalance: string;
  balanceDue: string;
  creditBalance: string;
  movements: string;
  noMovements: string;
  columns: {
    date: string;
    reference: string;
    description: string;
    debit: string;
    credit: string;
    balance: string;
  };
  totals: string;
  kind: {
    invoice: string;
    credit_note: string;
    payment: string;
    payment_reversal: string;
    refund: string;
    write_off: string;
    fee: string;
  };
  due: (date: string) => string;
  voided: string;
  creditsInvoice: (number: string) => string;
  reversedWriteOff: string;
  method: Record<string, string>;
  aging: (date: string) => string;
  buckets: { current: string; '1-30': string; '31-60': string; '61-90': string; '90+': string };
  openInvoices: string;
  unusedCredit: string;
  unappliedPayments: string;
  openCharges: string;
  openItems: (date: string) => string;
  openColumns: {
    number: string;
    issueDate: string;
    dueDate: string;
    daysOverdue: string;
    amount: string;
    open: string;
  };
  closingNote: string;
  continued: string;
  page: (page: number, count: number) => string;
}

const en: StatementLabels = {
  locale: 'en-GB',
  title: 'Statement',
  statementFor: 'Statement for',
  customerCode: 'Customer no.',
  period: 'Period',
  periodRange: (from, to) => `${from} – ${to}`,
  statementDate: 'Statement date',
  currency: 'Currency',
  vatId: 'VAT ID',
  openingBalance: 'Opening balance',
  closingBalance: 'Closing balance',
  balanceDue: 'Balance due',
  creditBalance: 'Credit in your favour',
  movements: 'Account movements',
  noMovements: 'No movements in this period.',
  columns: {
    date: 'Date',
    reference: 'Reference',
    description: 'Description',
    debit: 'Debit',
    credit: 'Credit',
    balance: 'Balance',
  },
  totals: 'Totals for the period',
  kind: {
    invoice: 'Invoice',
    credit_note: 'Credit note',
    payment: 'Payment',
    payment_reversal: 'Payment reversed',
    refund: 'Refund',
    write_off: 'Write-off',
    fee: 'Fee',
  },
  due: (date) => `due ${date}`,
  voided: 'void, credited in full',
  creditsInvoice: (number) => `for invoice ${number}`,
  reversedWriteOff: 'Write-off reversed',
  method: {
    bank_transfer: 'bank transfer',
    cheque: 'cheque',
    card: 'card',
    online: 'online',
    cash: 'cash',
  },
  aging: (date) => `Aging as of ${date}`,
  buckets: {
    current: 'Not yet due',
    '1-30': '1–30 days',
    '31-60': '31–60 days',
    '61-90': '61–90 days',
    '90+': 'Over 90 days',
  },
  openInvoices: 'Open invoices',
  unusedCredit: 'Unused credit notes',
  unappliedPayments: 'Unapplied payments and credit on account',
  openCharges: 'Fees not yet invoiced',
  openItems: (date) => `Open items as of ${date}`,
  openColumns: {
    number: 'Document',
    issueDate: 'Issue date',
    dueDate: 'Due date',
    daysOverdue: 'Days overdue',
    amount: 'Amount',
    open: 'Open',
  },
  closingNote:
    'Please check this statement against your records and tell us of any difference. Payments made after the statement date are not shown.',
  continued: 'continued',
  page: (page, count) => `Page ${page} / ${count}`,
};

const fr: StatementLabels = {
  locale: 'fr-FR',
  title: 'Relevé de compte',
  statementFor: 'Relevé établi pour',
  customerCode: 'N° client',
  period: 'Période',
  periodRange: (from, to) => `du ${from} au ${to}`,
  statementDate: 'Date du relevé',
  currency: 'Devise',
  vatId: 'N° TVA',
  openingBalance: 'Solde d’ouverture',
  closingBalance: 'Solde de clôture',
  balanceDue: 'Solde dû',
  creditBalance: 'Solde en votre faveur',
  movements: 'Mouvements du compte',
  noMovements: 'Aucun mouvement sur la période.',
  columns: {
    date: 'Date',
    reference: 'Référence',
    description: 'Libellé',
    debit: 'Débit',
    credit: 'Crédit',
    balance: 'Solde',
  },
  totals: 'Totaux de la période',
  kind: {
    invoice: 'Facture',
    credit_note: 'Avoir',
    payment: 'Paiement',
    payment_reversal: 'Paiement rejeté',
    refund: 'Remboursement',
    write_off: 'Passage en perte',
    fee: 'Frais',
  },
  due: (date) => `échéance ${date}`,
  voided: 'annulée par avoir total',
  creditsInvoice: (number) => `sur facture ${number}`,
  reversedWriteOff: 'Annulation de passage en perte',
  method: {
    bank_transfer: 'virement',
    cheque: 'chèque',
    card: 'carte',
    online: 'en ligne',
    cash: 'espèces',
  },
  aging: (date) => `Balance âgée au ${date}`,
  buckets: {
    current: 'Non échu',
    '1-30': '1 à 30 jours',
    '31-60': '31 à 60 jours',
    '61-90': '61 à 90 jours',
    '90+': 'Plus de 90 jours',
  },
  openInvoices: 'Factures ouvertes',
  unusedCredit: 'Avoirs non utilisés',
  unappliedPayments: 'Paiements non affectés et crédit en compte',
  openCharges: 'Frais non encore facturés',
  openItems: (date) => `Pièces ouvertes au ${date}`,
  openColumns: {
    number: 'Pièce',
    issueDate: 'Date d’émission',
    dueDate: 'Échéance',
    daysOverdue: 'Jours de retard',
    amount: 'Montant',
    open: 'Reste dû',
  },
  closingNote:
    'Merci de rapprocher ce relevé de votre comptabilité et de nous signaler toute différence. Les paiements postérieurs à la date du relevé n’y figurent pas.',
  continued: 'suite',
  page: (page, count) => `Page ${page} / ${count}`,
};

export const LABELS = { en, fr } as const;
export type StatementLanguage = keyof typeof LABELS;
export const STATEMENT_LANGUAGES = Object.keys(LABELS) as [StatementLanguage, ...StatementLanguage[]];

/** Every word printed on an invoice PDF, per language. Add a language by adding one entry. */
import type { TaxCategory } from './view.js';

export interface InvoiceLabels {
  /** BCP 47 locale for numbers and dates when the view does not give one. */
  locale: string;
  title: { invoice: string; credit_note: string };
  number: { invoice: string; credit_note: string };
  issueDate: string;
  dueDate: string;
  supplyDate: string;
  customerCode: string;
  purchaseOrder: string;
  orderReference: string;
  precedingInvoice: string;
  currency: string;
  billTo: string;
  vatId: string;
  paymentTerms: string;
  earlyPaymentDiscount: string;
  columns: {
    line: string;
    description: string;
    quantity: string;
    unit: string;
    unitPrice: string;
    discount: string;
    vat: string;
    amount: string;
  };
  vatSummary: string;
  vatColumns: { category: string; rate: string; taxable: string; tax: string };
  taxCategory: Record<TaxCategory, string>;
  exemption: string;
  totals: { net: string; tax: string; gross: string; paid: string; due: string; credited: string };
  instalments: string;
  instalmentDue: string;
  instalmentAmount: string;
  notes: string;
  howToPay: string;
  bankTransfer: string;
  accountHolder: string;
  bank: string;
  paymentReference: string;
  quoteReference: string;
  scanToPay: string;
  cheque: string;
  payableTo: string;
  sendTo: string;
  online: string;
  onlineText: string;
  cash: string;
  continued: string;
  page: (page: number, count: number) => string;
}

const en: InvoiceLabels = {
  locale: 'en-GB',
  title: { invoice: 'Invoice', credit_note: 'Credit note' },
  number: { invoice: 'Invoice no.', credit_note: 'Credit note no.' },
  issueDate: 'Issue date',
  dueDate: 'Due date',
  supplyDate: 'Delivery date',
  customerCode: 'Customer no.',
  purchaseOrder: 'Your PO',
  orderReference: 'Our order',
  precedingInvoice: 'Credits invoice',
  currency: 'Currency',
  billTo: 'Bill to',
  vatId: 'VAT ID',
  paymentTerms: 'Payment terms',
  earlyPaymentDiscount: 'Early payment',
  columns: {
    line: '#',
    description: 'Description',
    quantity: 'Qty',
    unit: 'Unit',
    unitPrice: 'Unit price',
    discount: 'Disc.',
    vat: 'VAT',
    amount: 'Amount',
  },
  vatSummary: 'VAT summary',
  vatColumns: { category: 'VAT category', rate: 'Rate', taxable: 'Taxable amount', tax: 'VAT' },
  taxCategory: {
    S: 'Standard rate',
    Z: 'Zero rated',
    E: 'Exempt',
    AE: 'Reverse charge',
    K: 'Intra-EU supply',
    G: 'Export outside the EU',
    O: 'Not subject to VAT',
    L: 'Canary Islands IGIC',
    M: 'Ceuta and Melilla IPSI',
  },
  exemption: 'VAT exemption',
  totals: {
    net: 'Total excl. VAT',
    tax: 'VAT',
    gross: 'Total incl. VAT',
    paid: 'Already paid',
    due: 'Amount due',
    credited: 'Amount credited',
  },
  instalments: 'Payment schedule',
  instalmentDue: 'Due date',
  instalmentAmount: 'Amount',
  notes: 'Notes',
  howToPay: 'How to pay',
  bankTransfer: 'Bank transfer',
  accountHolder: 'Account holder',
  bank: 'Bank',
  paymentReference: 'Reference',
  quoteReference: 'Please quote this reference with your payment.',
  scanToPay: 'Scan with your banking app',
  cheque: 'Cheque',
  payableTo: 'Payable to',
  sendTo: 'Send to',
  online: 'Pay online',
  onlineText: 'Pay securely by card at:',
  cash: 'Cash',
  continued: 'continued',
  page: (page, count) => `Page ${page} / ${count}`,
};

const fr: InvoiceLabels = {
  locale: 'fr-FR',
  title: { invoice: 'Facture', credit_note: 'Avoir' },
  number: { invoice: 'Facture n°', credit_note: 'Avoir n°' },
  issueDate: 'Date d’émission',
  dueDate: 'Date d’échéance',
  supplyDate: 'Date de livraison',
  customerCode: 'N° client',
  purchaseOrder: 'Votre commande',
  orderReference: 'Notre commande',
  precedingInvoice: 'Avoir sur facture',
  currency: 'Devise',
  billTo: 'Facturer à',
  vatId: 'N° TVA',
  paymentTerms: 'Conditions de paiement',
  earlyPaymentDiscount: 'Escompte',
  columns: {
    line: 'N°',
    description: 'Désignation',
    quantity: 'Qté',
    unit: 'Unité',
    unitPrice: 'Prix unit. HT',
    discount: 'Remise',
    vat: 'TVA',
    amount: 'Montant HT',
  },
  vatSummary: 'Récapitulatif TVA',
  vatColumns: { category: 'Catégorie', rate: 'Taux', taxable: 'Base HT', tax: 'TVA' },
  taxCategory: {
    S: 'Taux normal',
    Z: 'Taux zéro',
    E: 'Exonéré',
    AE: 'Autoliquidation',
    K: 'Livraison intracommunautaire',
    G: 'Exportation hors de l’UE',
    O: 'Hors champ de la TVA',
    L: 'IGIC (Canaries)',
    M: 'IPSI (Ceuta et Melilla)',
  },
  exemption: 'Exonération de TVA',
  totals: {
    net: 'Total HT',
    tax: 'TVA',
    gross: 'Total TTC',
    paid: 'Déjà réglé',
    due: 'Net à payer',
    credited: 'Montant de l’avoir',
  },
  instalments: 'Échéancier',
  instalmentDue: 'Échéance',
  instalmentAmount: 'Montant',
  notes: 'Remarques',
  howToPay: 'Modalités de paiement',
  bankTransfer: 'Virement bancaire',
  accountHolder: 'Titulaire',
  bank: 'Banque',
  paymentReference: 'Référence',
  quoteReference: 'Merci de rappeler cette référence lors de votre paiement.',
  scanToPay: 'Scannez avec votre application bancaire',
  cheque: 'Chèque',
  payableTo: 'À l’ordre de',
  sendTo: 'À envoyer à',
  online: 'Paiement en ligne',
  onlineText: 'Payez par carte en toute sécurité sur :',
  cash: 'Espèces',
  continued: 'suite',
  page: (page, count) => `Page ${page} / ${count}`,
};

export const LABELS = { en, fr } as const;
export type InvoiceLanguage = keyof typeof LABELS;
export const INVOICE_LANGUAGES = Object.keys(LABELS) as [InvoiceLanguage, ...InvoiceLanguage[]];

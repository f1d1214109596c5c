/**
 * A complete, consistent invoice view for tests, previews and demo data: lines, VAT rows and
 * totals add up, and every payment method is offered.
 */
import type { InvoicePdfViewInput } from './view.js';

const PRODUCTS = [
  ['Pallet wrap film 500 mm × 300 m, 23 µm', 'PWF-500', 'roll', '18.90'],
  ['Corrugated shipping box 400 × 300 × 200 mm, double wall', 'BOX-4030', 'pcs', '1.2750'],
  ['Thermal labels 102 × 152 mm (4×6"), 500 per roll', 'LBL-46', 'roll', '12.40'],
  ['Packing tape, brown, 48 mm × 66 m', 'TAPE-48', 'pcs', '2.15'],
  ['Barcode scanner Zebra DS2208, USB kit', 'SCN-2208', 'pcs', '129.00'],
  ['On-site installation and training', 'SRV-INST', 'h', '85.00'],
] as const;

/** An invoice with `lineCount` lines (default 10) at 20% standard VAT plus one exempt training line. */
export function sampleInvoiceView(lineCount = 10): InvoicePdfViewInput {
  const lines: InvoicePdfViewInput['lines'] = [];
  let standardNet = 0;
  for (let i = 0; i < lineCount - 1; i++) {
    const [description, itemCode, unit, unitPrice] = PRODUCTS[i % PRODUCTS.length]!;
    const quantity = (i % 4) * 5 + 2;
    const discount = i % 5 === 2 ? 10 : 0;
    // Line net in cents, rounded half up per line (EN 16931 rounds each line).
    const netAmount = Math.round((quantity * Number(unitPrice) * 100 * (100 - discount)) / 100);
    standardNet += netAmount;
    lines.push({
      description,
      itemCode,
      quantity: String(quantity),
      unit,
      unitPrice,
      ...(discount ? { discountPercent: String(discount) } : {}),
      taxCategory: 'S',
      taxRate: '20',
      netAmount,
    });
  }
  const exemptNet = 45000;
  lines.push({
    description: 'Professional training course "Warehouse safety" (2 days)',
    quantity: '1',
    unit: 'course',
    unitPrice: '450.00',
    taxCategory: 'E',
    taxRate: '0',
    netAmount: exemptNet,
  });
  const standardTax = Math.round(standardNet * 0.2);
  const net = standardNet + exemptNet;
  const gross = net + standardTax;
  const paid = 10000;
  return {
    kind: 'invoice',
    number: 'INV-2026-000123',
    issueDate: '2026-03-05',
    issuedAt: '2026-03-05T09:30:00Z',
    dueDate: '2026-04-04',
    supplyDate: '2026-03-03',
    currency: 'EUR',
    language: 'en',
    seller: {
      legalName: 'Duely Demo Distribution SAS',
      tradingName: 'Duely Packaging',
      address: ['12 rue de la Logistique', '69007 Lyon', 'France'],
      vatId: 'FR32123456789',
      companyRegistration: 'RCS Lyon 123 456 789',
      legalForm: 'SAS au capital de 50 000 €',
      email: 'accounts@duely-demo.example',
      phone: '+33 4 72 00 00 00',
    },
    buyer: {
      name: 'Müller & Søn Großhandel GmbH',
      address: ['Hafenstraße 17', '20457 Hamburg', 'Germany'],
      vatId: 'DE123456789',
      customerCode: 'C-00042',
    },
    purchaseOrder: 'PO-88213',
    orderReference: 'SO-2026-0456',
    lines,
    taxBreakdown: [
      { category: 'S', rate: '20', taxableAmount: standardNet, taxAmount: standardTax },
      {
        category: 'E',
        rate: '0',
        taxableAmount: exemptNet,
        taxAmount: 0,
        exemptionReason: 'Vocational training, exempt under Article 132(1)(i) of Directive 2006/112/EC',
      },
    ],
    totals: { net, tax: standardTax, gross, paid, due: gross - paid },
    paymentTerms: 'Net 30 days from the invoice date.',
    earlyPaymentDiscount: '2% discount if paid within 10 days (by 15 Mar 2026).',
    notes: ['Late payments bear interest at three times the legal rate, plus a fixed recovery fee of €40.'],
    paymentMethods: [
      {
        method: 'bank_transfer',
        accountHolder: 'Duely Demo Distribution SAS',
        iban: 'FR7630006000011234567890189',
        bic: 'AGRIFRPP',
        bankName: 'Crédit Agricole',
        reference: 'RF18539007547034',
        epcQrPayload: [
          'BCD',
          '002',
          '1',
          'SCT',
          'AGRIFRPP',
          'Duely Demo Distribution SAS',
          'FR7630006000011234567890189',
          `EUR${(gross - paid) / 100}`,
          '',
          'RF18539007547034',
          '',
          '',
        ].join('\n'),
      },
      {
        method: 'cheque',
        payableTo: 'Duely Demo Distribution SAS',
        mailingAddress: ['Service comptabilité', '12 rue de la Logistique', '69007 Lyon', 'France'],
      },
      { method: 'online', url: 'https://pay.duely-demo.example/i/INV-2026-000123' },
      { method: 'cash', instructions: 'Cash accepted at our Lyon counter, Monday to Friday, 9:00–17:00.' },
    ],
  };
}

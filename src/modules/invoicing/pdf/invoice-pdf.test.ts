import { createHash } from 'node:crypto';
import bwipjs from 'bwip-js';
import { describe, expect, it } from 'vitest';
import { pdfPages } from '../../../../tests/support/pdf-text.js';
import { InvalidDocumentViewError } from '../../../platform/pdf/index.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import { sampleInvoiceView } from './sample-view.js';
import type { InvoicePdfViewInput } from './view.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const text = async (view: InvoicePdfViewInput) => (await pdfPages(await renderInvoicePdf(view))).join(' ');
/** Image XObjects drawn (bwip-js PNGs are RGBA, so each also brings a soft-mask image, not counted). */
const images = (pdf: Buffer) => {
  const bytes = pdf.toString('latin1');
  return bytes.split('/Subtype /Image').length - bytes.split('/SMask ').length;
};

describe('renderInvoicePdf', () => {
  it('renders the same view to identical bytes, and a different view to different bytes', async () => {
    const first = await renderInvoicePdf(sampleInvoiceView());
    const second = await renderInvoicePdf(sampleInvoiceView());
    expect(sha256(second)).toBe(sha256(first));
    const other = { ...sampleInvoiceView(), number: 'INV-2026-000124' };
    expect(sha256(await renderInvoicePdf(other))).not.toBe(sha256(first));
  });

  it('is a PDF with Inter embedded and no base-14 font', async () => {
    const pdf = await renderInvoicePdf(sampleInvoiceView());
    const bytes = pdf.toString('latin1');
    expect(bytes.startsWith('%PDF-')).toBe(true);
    expect(bytes).toContain('/FontFile2');
    expect(bytes).toMatch(/\+Inter-Regular/);
    expect(bytes).not.toContain('/Helvetica');
  });

  it('shows what art. 226 requires and how to pay', async () => {
    const all = await text(sampleInvoiceView());
    for (const expected of [
      'INVOICE',
      'Invoice no. INV-2026-000123',
      'Issue date 5 Mar 2026',
      'Due date 4 Apr 2026',
      'Delivery date 3 Mar 2026',
      'Duely Demo Distribution SAS',
      '12 rue de la Logistique',
      'VAT ID FR32123456789',
      'Müller & Søn Großhandel GmbH',
      'Hafenstraße 17',
      'VAT ID DE123456789',
      'Customer no. C-00042',
      'Your PO PO-88213',
      'Pallet wrap film 500 mm × 300 m',
      'S · Standard rate 20%',
      'E · Exempt 0%',
      'Article 132(1)(i) of Directive 2006/112/EC',
      'Amount due €1,959.56',
      'IBAN FR76 3000 6000 0112 3456 7890 189',
      'BIC AGRIFRPP',
      'Reference RF18 5390 0754 7034',
      'Payable to Duely Demo Distribution SAS',
      'https://pay.duely-demo.example/i/INV-2026-000123',
      'Cash accepted at our Lyon counter',
      'RCS Lyon 123 456 789',
    ]) {
      expect(all).toContain(expected);
    }
  });

  it('draws the EPC QR code only when a payload is given', async () => {
    const view = sampleInvoiceView();
    const withQr = await renderInvoicePdf(view);
    const methods = view.paymentMethods!.map((m) =>
      m.method === 'bank_transfer' ? { ...m, epcQrPayload: undefined } : m,
    );
    const withoutQr = await renderInvoicePdf({ ...view, paymentMethods: methods });
    expect(images(withQr)).toBe(1);
    expect(images(withoutQr)).toBe(0);
    expect((await pdfPages(withoutQr)).join(' ')).not.toContain('Scan with your banking app');
  });

  it('spreads 60 lines over pages, numbered, with the table header repeated', async () => {
    const pages = await pdfPages(await renderInvoicePdf(sampleInvoiceView(60)));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const [i, page] of pages.entries()) expect(page).toContain(`Page ${i + 1} / ${pages.length}`);
    const withLines = pages.filter((page) => /\b60 1 course\b|Pallet wrap film/.test(page));
    expect(withLines.length).toBeGreaterThanOrEqual(2);
    for (const page of withLines) expect(page).toContain('Description Qty Unit Unit price');
    expect(pages[1]).toContain('Invoice INV-2026-000123 · Müller & Søn Großhandel GmbH (continued)');
    expect(pages.join(' ')).toContain('Professional training course');
  });

  it('labels a credit note as such, with the invoice it credits', async () => {
    const view: InvoicePdfViewInput = {
      ...sampleInvoiceView(3),
      kind: 'credit_note',
      number: 'CN-2026-000007',
      dueDate: undefined,
      precedingInvoice: { number: 'INV-2026-000123', issueDate: '2026-03-05' },
      paymentMethods: [],
    };
    view.totals = { ...view.totals, paid: 0, due: view.totals.gross };
    const all = await text(view);
    expect(all).toContain('CREDIT NOTE');
    expect(all).toContain('Credit note no. CN-2026-000007');
    expect(all).toContain('Credits invoice INV-2026-000123 (5 Mar 2026)');
    expect(all).toContain('Amount credited');
    expect(all).not.toContain('Amount due');
    expect(all).not.toContain('How to pay');
  });

  it('speaks French with French number and date formats', async () => {
    // pdf.js reads the apostrophe glyph of "d’émission" as "2" (poppler reads the ToUnicode map
    // right), so the expectations avoid apostrophes.
    const all = await text({ ...sampleInvoiceView(), language: 'fr' });
    for (const expected of [
      'FACTURE',
      'Facture n° INV-2026-000123',
      'émission 5 mars 2026',
      'Date de livraison 3 mars 2026',
      'Désignation',
      'RÉCAPITULATIF TVA Catégorie Taux Base HT TVA',
      'S · Taux normal 20 %',
      'Net à payer 1 959,56 €',
      'Total HT 1 791,30 €',
      'VIREMENT BANCAIRE Titulaire',
      'À envoyer à Service comptabilité',
      'Page 1 / 2',
    ]) {
      expect(all).toContain(expected);
    }
  });

  it('prints amounts with the currency exponent (JPY has none)', async () => {
    const view: InvoicePdfViewInput = {
      ...sampleInvoiceView(1),
      currency: 'JPY',
      lines: [
        {
          description: 'Consulting',
          quantity: '2',
          unit: 'day',
          unitPrice: '60000',
          taxCategory: 'S',
          taxRate: '10',
          netAmount: 120000,
        },
      ],
      taxBreakdown: [{ category: 'S', rate: '10', taxableAmount: 120000, taxAmount: 12000 }],
      totals: { net: 120000, tax: 12000, gross: 132000, paid: 0, due: 132000 },
      paymentMethods: [{ method: 'cash', instructions: 'Cash at the counter.' }],
    };
    const all = await text(view);
    expect(all).toContain('60,000');
    expect(all).toContain('Amount due JP¥132,000');
    expect(all).not.toContain('132,000.00');
  });

  it('places a PNG logo', async () => {
    const logo = await bwipjs.toBuffer({ bcid: 'code128', text: 'DUELY', scale: 1 });
    const view = sampleInvoiceView();
    const withLogo = await renderInvoicePdf({ ...view, seller: { ...view.seller, logo } });
    expect(images(withLogo)).toBeGreaterThan(images(await renderInvoicePdf(view)));
  });

  it('refuses an invalid view with an error naming the field', async () => {
    const view = sampleInvoiceView();
    const badLine = { ...view, lines: [{ ...view.lines[0]!, quantity: 'two' }, ...view.lines.slice(1)] };
    await expect(renderInvoicePdf(badLine)).rejects.toThrow(InvalidDocumentViewError);
    await expect(renderInvoicePdf(badLine)).rejects.toThrow(/lines\.0\.quantity must be a decimal string/);

    const noReason = {
      ...view,
      taxBreakdown: view.taxBreakdown.map(({ exemptionReason: _, ...row }) => row),
    };
    await expect(renderInvoicePdf(noReason)).rejects.toThrow(
      /taxBreakdown\.1\.exemptionReason is required for VAT category E/,
    );

    const wrongTotal = { ...view, totals: { ...view.totals, due: view.totals.due + 1 } };
    await expect(renderInvoicePdf(wrongTotal)).rejects.toThrow(/totals\.due must be gross − paid/);

    const noDue = { ...view, dueDate: undefined };
    await expect(renderInvoicePdf(noDue)).rejects.toThrow(
      /dueDate an invoice needs a due date or an instalment schedule/,
    );

    const badIban = {
      ...view,
      paymentMethods: [
        {
          method: 'bank_transfer' as const,
          accountHolder: 'X',
          iban: 'not an iban',
          reference: 'RF18539007547034',
        },
      ],
    };
    await expect(renderInvoicePdf(badIban)).rejects.toThrow(/paymentMethods\.0\.iban must be an IBAN/);
  });

  it('prints an instalment schedule instead of a single due date', async () => {
    const view = sampleInvoiceView(3);
    const half = Math.floor(view.totals.gross / 2);
    const all = await text({
      ...view,
      dueDate: undefined,
      instalments: [
        { dueDate: '2026-04-04', amount: half },
        { dueDate: '2026-05-04', amount: view.totals.gross - half },
      ],
    });
    expect(all).toContain('PAYMENT SCHEDULE Due date Amount (EUR) 4 Apr 2026 253.03 4 May 2026 253.03');
    expect(all).not.toContain('Due date 4 Apr 2026');
  });
});

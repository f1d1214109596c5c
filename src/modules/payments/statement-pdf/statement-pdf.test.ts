import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pdfPages } from '../../../../tests/support/pdf-text.js';
import { InvalidDocumentViewError } from '../../../platform/pdf/index.js';
import { renderStatementPdf } from './statement-pdf.js';
import type { StatementPdfViewInput } from './view.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A statement with `count` payments of 10.00 against an opening balance, the rest open and overdue. */
function sampleView(count = 3): StatementPdfViewInput {
  const opening = 100000;
  const lines = Array.from({ length: count }, (_, i) => ({
    date: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`,
    kind: 'payment' as const,
    reference: `REF-${i + 1}`,
    debit: 0,
    credit: 1000,
    balance: opening - 1000 * (i + 1),
    detail: { method: 'bank_transfer' },
  }));
  const closing = opening - 1000 * count;
  return {
    language: 'en',
    generatedOn: '2026-04-02',
    currency: 'EUR',
    from: '2026-03-01',
    to: '2026-03-31',
    seller: {
      legalName: 'Duely Demo Distribution SAS',
      address: ['12 rue de la Logistique', '69007 Lyon', 'FR'],
      vatId: 'FR32123456789',
    },
    customer: {
      name: 'Müller & Søn GmbH',
      code: 'C-00042',
      address: ['Hafenstraße 17', '20457 Hamburg', 'DE'],
    },
    openingBalance: opening,
    closingBalance: closing,
    totals: { debit: 0, credit: 1000 * count },
    lines,
    aging: {
      buckets: [
        { key: 'current', amount: 0 },
        { key: '1-30', amount: 0 },
        { key: '31-60', amount: closing },
        { key: '61-90', amount: 0 },
        { key: '90+', amount: 0 },
      ],
      openInvoices: closing,
      unusedCredit: 0,
      unappliedPayments: 0,
      openCharges: 0,
    },
  };
}

describe('renderStatementPdf', () => {
  it('renders the same view to identical bytes', async () => {
    const first = await renderStatementPdf(sampleView());
    expect(sha256(await renderStatementPdf(sampleView()))).toBe(sha256(first));
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    expect(first.toString('latin1')).not.toContain('/Helvetica');
  });

  it('shows the balances, the movements and the aging', async () => {
    const text = (await pdfPages(await renderStatementPdf(sampleView()))).join(' ');
    for (const expected of [
      'STATEMENT',
      'Müller & Søn GmbH',
      'Opening balance €1,000.00',
      'Balance due €970.00',
      'REF-2 Payment (bank transfer) 10.00 980.00',
      'Totals for the period 0.00 30.00',
      '31–60 days',
      'VAT ID FR32123456789',
      'Page 1 / 1',
    ])
      expect(text).toContain(expected);
  });

  it('breaks long statements across pages with numbered pages and a running header', async () => {
    const pages = await pdfPages(await renderStatementPdf(sampleView(90)));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toContain(`Page 1 / ${pages.length}`);
    expect(pages[1]).toContain('Statement · Müller & Søn GmbH');
    expect(pages[1]).toContain('Date Reference Description Debit Credit Balance (EUR)');
  });

  it('refuses a view that does not add up, naming the field', async () => {
    const view = { ...sampleView(), closingBalance: 12345 };
    await expect(renderStatementPdf(view)).rejects.toThrow(InvalidDocumentViewError);
    await expect(renderStatementPdf(view)).rejects.toThrow(
      /closingBalance must be the opening balance plus the movements/,
    );
  });
});

/**
 * The 4x6 label's tests, in a file of their own so the first render happens in a fresh process: see
 * 'rendering history' in documents.test.ts for the platform glyph-cache bug that makes text
 * extraction depend on what was rendered before.
 */
import { describe, expect, it } from 'vitest';
import { pdfPages } from '../../../../tests/support/pdf-text.js';
import { renderShippingLabel } from './index.js';
import { sampleShippingLabelView } from './sample-views.js';

/** Image XObjects drawn (bwip-js PNGs may bring a soft-mask image too, not counted). */
const images = (pdf: Buffer) => {
  const bytes = pdf.toString('latin1');
  return bytes.split('/Subtype /Image').length - bytes.split('/SMask ').length;
};
const mediaBoxes = (pdf: Buffer) =>
  [...pdf.toString('latin1').matchAll(/\/MediaBox \[([^\]]+)\]/g)].map((m) =>
    m[1]!.trim().split(/\s+/).map(Number),
  );

describe('renderShippingLabel', () => {
  it('is exactly 4 × 6 in, one page, with the Code 128 and GS1-128 barcodes', async () => {
    const pdf = await renderShippingLabel(sampleShippingLabelView());
    expect(mediaBoxes(pdf)).toEqual([[0, 0, 288, 432]]);
    expect(images(pdf)).toBe(2);
    const [page, ...rest] = await pdfPages(pdf);
    expect(rest).toHaveLength(0);
    for (const expected of [
      'SHIP TO',
      'Müller & Søn Großhandel GmbH',
      '20457 Hamburg',
      'DHL FREIGHT',
      'EURAPID',
      'JVGL0624598812345',
      '1 of 2',
      '12.4 kg',
      'SO-2026-001188',
      '(00) 1 0614141123456789 7',
    ]) {
      expect(page).toContain(expected);
    }
  });

  it('refuses an SSCC with a wrong check digit when drawing the barcode', async () => {
    await expect(
      renderShippingLabel({ ...sampleShippingLabelView(), sscc: '106141411234567890' }),
    ).rejects.toThrow(/GS1-128 for "\(00\)106141411234567890": AI 00: Bad checksum/);
  });

  it('fits a long consignee address into its zone on one page', async () => {
    const view = sampleShippingLabelView();
    const shipTo = {
      ...view.shipTo,
      name: 'Internationale Verpackungsmittel- und Logistikbedarfsgesellschaft mbH & Co. KG',
      address: [
        'Abteilung Wareneingang, Halle 12, Tor 3',
        'Industriestraße 117–119',
        'Gewerbegebiet Nord',
        '20457 Hamburg',
        'Germany',
        'Building C',
      ],
    };
    const pages = await pdfPages(await renderShippingLabel({ ...view, shipTo }));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Building C');
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { drawCode128, drawGs1_128, InvalidBarcodeError } from './barcode.js';
import { createPdf, renderToBuffer } from './document.js';

const meta = { title: 'Barcodes', author: 'Duely tests', createdAt: '2026-03-05T09:30:00Z' };
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function sample(sscc = '106141411234567897'): Promise<Buffer> {
  const doc = createPdf({ ...meta, size: [288, 432], margins: { top: 10, bottom: 10, left: 10, right: 10 } });
  await drawGs1_128(doc, `(00)${sscc}`, { x: 20, y: 300, width: 234, height: 70 });
  await drawCode128(doc, '1Z999AA10123456784', { x: 20, y: 100, width: 200, height: 40 });
  return renderToBuffer(doc);
}

describe('drawGs1_128 / drawCode128', () => {
  it('draws both as images, deterministically, on a page of the requested size', async () => {
    const pdf = await sample();
    const bytes = pdf.toString('latin1');
    expect(bytes.split('/Subtype /Image').length - 1).toBeGreaterThanOrEqual(2);
    expect(bytes).toContain('/MediaBox [0 0 288 432]');
    expect(sha256(await sample())).toBe(sha256(pdf));
  });

  it('returns the module count, so callers know the X-dimension', async () => {
    const doc = createPdf(meta);
    // Start C, FNC1, 10 digit pairs, check symbol: 13 × 11 modules, plus the 13-module stop.
    expect(await drawGs1_128(doc, '(00)106141411234567897', { x: 0, y: 0, width: 234, height: 70 })).toBe(
      156,
    );
  });

  it('refuses a wrong SSCC check digit and data not in AI syntax', async () => {
    const doc = createPdf(meta);
    const at = { x: 0, y: 0, width: 200, height: 50 };
    await expect(drawGs1_128(doc, '(00)106141411234567890', at)).rejects.toThrow(InvalidBarcodeError);
    await expect(drawGs1_128(doc, '(00)106141411234567890', at)).rejects.toThrow(/checksum/i);
    await expect(drawGs1_128(doc, '106141411234567897', at)).rejects.toThrow(/AI syntax/);
    await expect(drawCode128(doc, 'tab\there', at)).rejects.toThrow(/printable ASCII/);
  });

  it('leaves the default page size A4', async () => {
    const pdf = await renderToBuffer(createPdf(meta));
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
  });
});

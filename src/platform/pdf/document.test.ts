import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pdfInfo, pdfPages } from '../../../tests/support/pdf-text.js';
import { createPdf, renderToBuffer } from './document.js';
import { FONT } from './fonts.js';
import { drawQr } from './qr.js';
import { drawTable } from './table.js';
import { addressBlock, keyValueBlock, textAt } from './text.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const meta = { title: 'Test document', author: 'Duely tests', createdAt: '2026-03-05T09:30:00Z' };

async function sample(text = 'Grüße aus Köln — 1 234,50 €', title = meta.title): Promise<Buffer> {
  const doc = createPdf({ ...meta, title });
  textAt(doc, text, { x: 48, y: 60, width: 300 }, { font: FONT.bold });
  addressBlock(
    doc,
    { caption: 'Ship to', name: 'Łódź Sp. z o.o.', lines: ['ul. Piotrkowska 1', '90-001 Łódź'] },
    {
      x: 48,
      y: 100,
      width: 200,
    },
  );
  keyValueBlock(doc, [['Number', 'X-1']], { x: 300, y: 100, width: 200 }, { labelWidth: 80 });
  await drawQr(doc, 'https://example.com/é', { x: 400, y: 200, size: 80 });
  return renderToBuffer(doc);
}

describe('createPdf / renderToBuffer', () => {
  it('writes a PDF with the Inter TTF embedded and no base-14 font', async () => {
    const pdf = await sample();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const bytes = pdf.toString('latin1');
    expect(bytes).toContain('/FontFile2');
    expect(bytes).toMatch(/\/FontName \/[A-Z]{6}\+Inter-Bold/);
    expect(bytes).not.toContain('/Helvetica');
    expect(bytes).not.toContain('/BaseFont /Times');
    expect(bytes).toContain('/FlateDecode');
  });

  it('renders the same input to the same bytes, and other input to other bytes', async () => {
    const first = await sample();
    const second = await sample();
    expect(sha256(second)).toBe(sha256(first));
    expect(sha256(await sample('Grüße aus Bonn'))).not.toBe(sha256(first));
  });

  it('sets the dates from createdAt and derives the document ID from the content', async () => {
    const a = await sample();
    const b = await sample('other text');
    const id = (pdf: Buffer) => /\/ID \[<([0-9a-f]{32})> <\1>\]/.exec(pdf.toString('latin1'))?.[1];
    expect(id(a)).toMatch(/^[0-9a-f]{32}$/);
    expect(id(a)).not.toBe('d1'.repeat(16));
    expect(id(a)).not.toBe(id(b));
    const info = await pdfInfo(a);
    expect(info).toMatchObject({
      Title: 'Test document',
      Author: 'Duely tests',
      CreationDate: 'D:20260305093000Z',
      ModDate: 'D:20260305093000Z',
    });
  });

  it('keeps the text extractable, accents and currency signs included', async () => {
    const [page] = await pdfPages(await sample());
    expect(page).toContain('Grüße aus Köln — 1 234,50 €');
    expect(page).toContain('Łódź Sp. z o.o.');
  });

  it('refuses a creation date that is not an instant', () => {
    expect(() => createPdf({ ...meta, createdAt: 'yesterday' })).toThrow(/createdAt "yesterday"/);
  });
});

describe('drawTable', () => {
  it('breaks across pages and repeats the header row on each', async () => {
    const doc = createPdf(meta);
    const rows = Array.from({ length: 90 }, (_, i) => [`Row ${i + 1}`, `${i * 3}.00`]);
    let headerPages = 0;
    const end = drawTable(
      doc,
      { x: 48, y: 100, width: 300 },
      {
        columns: [
          { header: 'Item', width: '*' },
          { header: 'Price', width: 80, align: 'right' },
        ],
        rows,
        onNewPage: (d) => {
          headerPages++;
          return d.page.margins.top;
        },
      },
    );
    expect(end).toBeGreaterThan(100);
    const pages = await pdfPages(await renderToBuffer(doc));
    expect(pages.length).toBeGreaterThan(1);
    expect(headerPages).toBe(pages.length - 1);
    for (const page of pages) expect(page).toMatch(/^Item Price /);
    expect(pages.join(' ')).toContain('Row 90');
  });

  it('refuses columns wider than the table', () => {
    const doc = createPdf(meta);
    expect(() =>
      drawTable(
        doc,
        { x: 48, y: 100, width: 100 },
        {
          columns: [
            { header: 'A', width: 120 },
            { header: 'B', width: '*' },
          ],
          rows: [],
        },
      ),
    ).toThrow(/need 120pt but only 100pt/);
  });
});

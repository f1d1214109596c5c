import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pdfPages } from '../../../../tests/support/pdf-text.js';
import { InvalidDocumentViewError } from '../../../platform/pdf/index.js';
import {
  renderBillOfLading,
  renderPackingList,
  renderPickList,
  renderShippingLabel,
  sortPickLines,
} from './index.js';
import {
  sampleBillOfLadingView,
  samplePackingListView,
  samplePickListView,
  sampleShippingLabelView,
} from './sample-views.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const text = async (pdf: Buffer) => (await pdfPages(pdf)).join(' ');
const mediaBoxes = (pdf: Buffer) =>
  [...pdf.toString('latin1').matchAll(/\/MediaBox \[([^\]]+)\]/g)].map((m) =>
    m[1]!.trim().split(/\s+/).map(Number),
  );

const documents = [
  ['pick list', () => renderPickList(samplePickListView())],
  ['packing list', () => renderPackingList(samplePackingListView())],
  ['shipping label', () => renderShippingLabel(sampleShippingLabelView())],
  ['bill of lading', () => renderBillOfLading(sampleBillOfLadingView())],
] as const;

describe.each(documents)('%s', (_name, render) => {
  it('renders the same view to identical bytes', async () => {
    expect(sha256(await render())).toBe(sha256(await render()));
  });

  it('is a PDF with Inter embedded and no base-14 font', async () => {
    const bytes = (await render()).toString('latin1');
    expect(bytes.startsWith('%PDF-')).toBe(true);
    expect(bytes).toContain('/FontFile2');
    expect(bytes).toMatch(/\+Inter-(Regular|Bold|SemiBold)/);
    expect(bytes).not.toContain('/Helvetica');
  });
});

describe('renderPickList', () => {
  it('lists the lines by bin location in natural order, with the references and signature lines', async () => {
    const pages = await pdfPages(await renderPickList(samplePickListView()));
    expect(pages).toHaveLength(1);
    const page = pages[0]!;
    for (const expected of [
      'PICK LIST',
      'Pick list no. PL-2026-000871',
      'Warehouse LYS · Lyon Sud',
      'Order SO-2026-001188',
      'Shipment SHP-2026-000417',
      'Lot L2602-114',
      '5 lines · 224 units to pick',
      'PICKED BY',
      'Name and signature',
    ]) {
      expect(page).toContain(expected);
    }
    const order = ['A-2-1', 'A-10-3', 'B-2-4', 'B-10-2', 'C-1-1'].map((bin) => page.indexOf(bin));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('sorts by location, then SKU', () => {
    const view = samplePickListView();
    const lines = sortPickLines(
      [
        { location: 'A-10', sku: 'B', description: 'x', quantity: '1', unit: '' },
        { location: 'A-2', sku: 'Z', description: 'x', quantity: '1', unit: '' },
        { location: 'A-2', sku: 'C', description: 'x', quantity: '1', unit: '' },
      ].map((l) => ({ ...view.lines[0]!, ...l })) as Parameters<typeof sortPickLines>[0],
    );
    expect(lines.map((l) => `${l.location}/${l.sku}`)).toEqual(['A-2/C', 'A-2/Z', 'A-10/B']);
  });
});

describe('renderPackingList', () => {
  it('shows parties, references, packages with SSCC, export data and totals', async () => {
    const all = await text(await renderPackingList(samplePackingListView()));
    for (const expected of [
      'PACKING LIST',
      'Shipment SHP-2026-000417',
      'Order SO-2026-001188',
      'Customer PO PO-88213',
      'Müller & Søn Großhandel GmbH',
      'Hafenstraße 17',
      'Duely Demo Distribution SAS',
      'Package 1 of 2',
      'Package 2 of 2',
      'SSCC 1 0614141123456789 7',
      'Weight 12.4 kg',
      '60 × 40 × 40 cm',
      'HS code',
      '3920.10.89',
      'Ordered Shipped Backordered',
      'PACKAGES 2',
      'GROSS WEIGHT 25.8 kg',
      'Page 1 / 1',
    ]) {
      expect(all).toContain(expected);
    }
  });

  it('leaves the HS code and origin columns out of a domestic shipment', async () => {
    const view = { ...samplePackingListView(), export: false };
    const all = await text(await renderPackingList(view));
    expect(all).not.toContain('HS code');
    expect(all).toContain('SKU Description Ordered Shipped Backordered');
  });

  it('paginates many lines, repeating the table header and numbering the pages', async () => {
    const pdf = await renderPackingList(samplePackingListView(60, 2));
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} / ${pages.length}`);
      if (i < pages.length - 1)
        expect(page).toContain('SKU Description HS code Origin Ordered Shipped Backordered');
      if (i > 0) expect(page).toContain('Packing list SHP-2026-000417 · Order SO-2026-001188 (continued)');
    });
    const all = pages.join(' ');
    expect(all).toContain('Package 1 of 2 · SSCC 1 0614141123456789 7 (continued)');
    expect(all).toContain('CP-EDGE-50-60');
  });
});

describe('renderBillOfLading', () => {
  it('is one Letter page with the VICS fields', async () => {
    const pdf = await renderBillOfLading(sampleBillOfLadingView());
    expect(mediaBoxes(pdf)).toEqual([[0, 0, 612, 792]]);
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(1);
    for (const expected of [
      'BILL OF LADING',
      'BOL-2026-000093',
      'Carrier name Old Dominion Freight Line',
      'SCAC ODFL',
      'Pro number 07512345678',
      'Trailer number TRL 53-1187',
      'SL-449102, SL-449103',
      'SID no. SID-0042',
      'CID no. CID-88213',
      'FreightPay Audit Services',
      '3rd party',
      'Liftgate required',
      'SO-2026-001188 18 842 Y',
      'Grand total 24 1,153.5',
      'NMFC #',
      '156600-03 70',
      'COD amount: 1,250.00 USD',
      'No value declared',
      'Tom Becker',
      'Mar 5, 2026',
      'SHIPPER SIGNATURE / DATE',
      'CARRIER SIGNATURE / PICKUP DATE',
    ]) {
      expect(pages[0]).toContain(expected);
    }
  });
});

describe('invalid views', () => {
  const cases: Array<[string, () => Promise<Buffer>, RegExp]> = [
    [
      'a pick list without lines',
      () => renderPickList({ ...samplePickListView(), lines: [] }),
      /lines needs at least one line/,
    ],
    [
      'a packing list with a short SSCC',
      () => {
        const view = samplePackingListView();
        return renderPackingList({ ...view, packages: [{ ...view.packages[0]!, sscc: '12345' }] });
      },
      /packages\.0\.sscc must be an 18-digit SSCC/,
    ],
    [
      'an export packing list without an HS code',
      () => {
        const view = samplePackingListView(1, 1);
        const pkg = view.packages[0]!;
        return renderPackingList({
          ...view,
          packages: [{ ...pkg, lines: [{ ...pkg.lines[0]!, hsCode: undefined }] }],
        });
      },
      /packages\.0\.lines\.0\.hsCode is required for an export shipment/,
    ],
    [
      'a label for package 3 of 2',
      () => renderShippingLabel({ ...sampleShippingLabelView(), package: { number: 3, count: 2 } }),
      /package\.number must not exceed the package count 2/,
    ],
    [
      'a label with a bad weight',
      () => renderShippingLabel({ ...sampleShippingLabelView(), weight: { value: '-1', unit: 'kg' } }),
      /weight\.value must be a non-negative decimal/,
    ],
    [
      'a third-party BOL without a bill-to',
      () => renderBillOfLading({ ...sampleBillOfLadingView(), thirdPartyBillTo: undefined }),
      /thirdPartyBillTo is required when freight charges are billed to a third party/,
    ],
    [
      'a BOL with an unknown freight class',
      () => {
        const view = sampleBillOfLadingView();
        return renderBillOfLading({
          ...view,
          handlingUnits: [{ ...view.handlingUnits[0]!, freightClass: '42' as '50' }],
        });
      },
      /handlingUnits\.0\.freightClass/,
    ],
  ];
  it.each(cases)('refuses %s, naming the field', async (_what, render, message) => {
    const error = await render().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDocumentViewError);
    expect((error as Error).message).toMatch(message);
  });
});

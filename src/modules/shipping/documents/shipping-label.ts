/**
 * The 4x6 in (288 × 432 pt) shipping label, laid out in zones like a GS1 logistic label: sender
 * and package facts, the consignee in large type, the carrier and service, the tracking number in
 * Code 128, the order references, and the SSCC in GS1-128 with its "(00) …" human-readable line.
 * Everything is black on white for thermal printers.
 */
import {
  createPdf,
  drawCode128,
  drawGs1_128,
  FONT,
  parseView,
  renderToBuffer,
  textAt,
  textHeight,
} from '../../../platform/pdf/index.js';
import { docContext } from './layout.js';
import { formatSscc } from './packing-list.js';
import { type ShippingLabelViewInput, shippingLabelViewSchema } from './view.js';

export const LABEL_SIZE = [288, 432] as const;
const M = 10; // outer margin
const W = LABEL_SIZE[0] - 2 * M;
const BLACK = '#000000';

export async function renderShippingLabel(input: ShippingLabelViewInput): Promise<Buffer> {
  const view = parseView(shippingLabelViewSchema, input, 'shipping label view');
  const doc = createPdf({
    title: `Shipping label ${view.trackingNumber}`,
    author: view.issuer,
    subject: `Order ${view.orderNumber} · package ${view.package.number} of ${view.package.count}`,
    createdAt: view.issuedAt,
    language: view.locale ?? view.language,
    size: LABEL_SIZE,
    margins: { top: M, bottom: 0, left: M, right: M },
  });
  const ctx = docContext(doc, view);
  const l = ctx.t.label;
  const ink = (font: string, size: number, align: 'left' | 'right' | 'center' = 'left') =>
    ({ font, size, color: BLACK, align }) as const;
  const hline = (y: number, weight = 1) =>
    doc
      .save()
      .moveTo(M, y)
      .lineTo(M + W, y)
      .lineWidth(weight)
      .strokeColor(BLACK)
      .stroke()
      .restore();

  doc
    .save()
    .rect(M, M, W, LABEL_SIZE[1] - 2 * M)
    .lineWidth(1.5)
    .strokeColor(BLACK)
    .stroke()
    .restore();
  const inner = { x: M + 6, width: W - 12 };

  // Zone 1: from (left), package facts (right).
  let y = M + 5;
  const fromWidth = 160;
  textAt(doc, l.from, { x: inner.x, y, width: fromWidth }, ink(FONT.bold, 6));
  const from = view.shipFrom;
  textAt(
    doc,
    [from.name, ...from.address.slice(0, 4)].join('\n'),
    { x: inner.x, y: y + 8, width: fromWidth },
    ink(FONT.regular, 7),
  );
  const factsX = inner.x + fromWidth + 6;
  const factsWidth = inner.width - fromWidth - 6;
  doc
    .save()
    .moveTo(factsX - 6, M)
    .lineTo(factsX - 6, M + 66)
    .lineWidth(1)
    .strokeColor(BLACK)
    .stroke()
    .restore();
  textAt(doc, l.package, { x: factsX, y, width: factsWidth }, ink(FONT.bold, 6));
  textAt(
    doc,
    `${view.package.number} ${l.of} ${view.package.count}`,
    { x: factsX, y: y + 7, width: factsWidth },
    ink(FONT.bold, 16),
  );
  textAt(doc, l.weight, { x: factsX, y: y + 29, width: factsWidth }, ink(FONT.bold, 6));
  textAt(doc, ctx.weight(view.weight), { x: factsX, y: y + 36, width: factsWidth }, ink(FONT.bold, 10));
  textAt(
    doc,
    `${l.date} ${view.shipDate}`,
    { x: factsX, y: y + 50, width: factsWidth },
    ink(FONT.regular, 7),
  );
  y = M + 66;
  hline(y);

  // Zone 2: ship to, as large as fits the zone.
  const to = view.shipTo;
  const zoneBottom = M + 168;
  textAt(doc, l.to, { x: inner.x, y: y + 5, width: inner.width }, ink(FONT.bold, 7));
  const toBox = { x: inner.x + 14, width: inner.width - 14 };
  const toLines = [...(to.contact ? [to.contact] : []), ...to.address].join('\n');
  let size = 11;
  const heightAt = (sz: number) =>
    textHeight(doc, to.name, toBox.width, { font: FONT.bold, size: sz + 2 }) +
    2 +
    textHeight(doc, toLines, toBox.width, { font: FONT.bold, size: sz }) +
    (to.phone ? 2 + textHeight(doc, to.phone, toBox.width, { size: 8 }) : 0);
  while (size > 6 && y + 16 + heightAt(size) > zoneBottom) size -= 0.5;
  let toY = textAt(doc, to.name, { ...toBox, y: y + 16 }, ink(FONT.bold, size + 2));
  toY = textAt(doc, toLines, { ...toBox, y: toY + 2 }, ink(FONT.bold, size));
  if (to.phone) textAt(doc, to.phone, { ...toBox, y: toY + 2 }, ink(FONT.regular, 8));
  y = M + 170;
  hline(y, 1.5);

  // Zone 3: carrier and service, reversed out for the sorter's eye.
  doc.save().rect(M, y, W, 30).fill(BLACK).restore();
  const white = { color: '#ffffff' } as const;
  textAt(
    doc,
    view.carrier.name.toUpperCase(),
    { x: inner.x, y: y + 8, width: inner.width / 2 },
    { ...ink(FONT.bold, 12), ...white },
  );
  textAt(
    doc,
    view.carrier.service.toUpperCase(),
    { x: inner.x + inner.width / 2, y: y + 9, width: inner.width / 2 },
    { ...ink(FONT.bold, 10, 'right'), ...white },
  );
  y += 30;

  // Zone 4: tracking number.
  textAt(doc, l.tracking, { x: inner.x, y: y + 5, width: inner.width }, ink(FONT.bold, 6));
  textAt(doc, view.trackingNumber, { x: inner.x, y: y + 4, width: inner.width }, ink(FONT.bold, 9, 'right'));
  await drawCode128(doc, view.trackingNumber, { x: M + 18, y: y + 17, width: W - 36, height: 44 });
  y += 68;
  hline(y);

  // Zone 5: references.
  const refs: Array<[string, string]> = [[l.order, view.orderNumber]];
  if (view.purchaseOrder) refs.push([l.po, view.purchaseOrder]);
  if (view.shipmentNumber) refs.push([ctx.t.shipment.toUpperCase(), view.shipmentNumber]);
  if (view.carrier.scac) refs.push(['SCAC', view.carrier.scac]);
  const refWidth = inner.width / refs.length;
  refs.forEach(([label, value], i) => {
    const x = inner.x + i * refWidth;
    textAt(doc, label, { x, y: y + 5, width: refWidth - 4 }, ink(FONT.bold, 6));
    textAt(
      doc,
      value,
      { x, y: y + 13, width: refWidth - 4 },
      ink(FONT.bold, fitSize(doc, value, refWidth - 6, 8.5)),
    );
  });
  y += 34;
  hline(y, 1.5);

  // Zone 6: SSCC in GS1-128 (X ≈ 1.5 pt, i.e. 0.53 mm, within GS1's logistic-label range).
  textAt(doc, l.sscc, { x: inner.x, y: y + 5, width: inner.width }, ink(FONT.bold, 7));
  const modules = 156; // start C + FNC1 + 10 digit pairs + check + stop, for (00) + 18 digits
  const barWidth = modules * 1.5;
  await drawGs1_128(doc, `(00)${view.sscc}`, {
    x: M + (W - barWidth) / 2,
    y: y + 16,
    width: barWidth,
    height: 70,
  });
  textAt(
    doc,
    `(00) ${formatSscc(view.sscc)}`,
    { x: inner.x, y: y + 89, width: inner.width },
    ink(FONT.bold, 11, 'center'),
  );
  return renderToBuffer(doc);
}

/** The largest size up to `max` (down to 5 pt) at which one line of bold text fits the width. */
function fitSize(doc: PDFKit.PDFDocument, value: string, width: number, max: number): number {
  doc.font(FONT.bold);
  let size = max;
  while (size > 5 && doc.fontSize(size).widthOfString(value) > width) size -= 0.5;
  return size;
}

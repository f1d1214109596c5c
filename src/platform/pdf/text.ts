/** Text building blocks. Each draws at an explicit position and returns the y below what it drew. */
import { FONT } from './fonts.js';
import { COLOR, SIZE } from './style.js';

export interface Box {
  x: number;
  y: number;
  width: number;
}

export interface TextStyle {
  font?: string;
  size?: number;
  color?: string;
  align?: 'left' | 'right' | 'center';
}

/** Draws wrapped text in a box; never lets pdfkit add a page on its own (layout decides page breaks). */
export function textAt(doc: PDFKit.PDFDocument, text: string, box: Box, style: TextStyle = {}): number {
  doc
    .font(style.font ?? FONT.regular)
    .fontSize(style.size ?? SIZE.body)
    .fillColor(style.color ?? COLOR.text);
  const options = { width: box.width, align: style.align ?? 'left', lineGap: 1.5 } as const;
  const height = doc.heightOfString(text, options);
  doc.text(text, box.x, box.y, { ...options, height: height + 2 });
  return box.y + height;
}

/** Height the text would take in the box, with the same options `textAt` draws with. */
export function textHeight(
  doc: PDFKit.PDFDocument,
  text: string,
  width: number,
  style: TextStyle = {},
): number {
  doc.font(style.font ?? FONT.regular).fontSize(style.size ?? SIZE.body);
  return doc.heightOfString(text, { width, lineGap: 1.5 });
}

/** A small uppercase caption above a block, e.g. "BILL TO". */
export function caption(doc: PDFKit.PDFDocument, text: string, box: Box): number {
  return (
    textAt(doc, text.toUpperCase(), box, { font: FONT.semibold, size: SIZE.small, color: COLOR.muted }) + 3
  );
}

export interface AddressBlock {
  caption?: string;
  name: string;
  lines: readonly string[];
  /** Identifiers under the address, e.g. "VAT FR12 345678901". */
  extra?: readonly string[];
}

export function addressBlock(doc: PDFKit.PDFDocument, block: AddressBlock, box: Box): number {
  let y = block.caption ? caption(doc, block.caption, box) : box.y;
  y = textAt(doc, block.name, { ...box, y }, { font: FONT.semibold, size: SIZE.heading });
  y = textAt(doc, block.lines.join('\n'), { ...box, y: y + 1 });
  if (block.extra?.length)
    y = textAt(doc, block.extra.join('\n'), { ...box, y: y + 3 }, { color: COLOR.muted });
  return y;
}

export interface KeyValueOptions {
  labelWidth: number;
  size?: number;
  /** Rows whose value is drawn bold, e.g. the document number. */
  strong?: readonly string[];
}

/** Label/value rows, labels muted on the left, values right next to them; values may wrap. */
export function keyValueBlock(
  doc: PDFKit.PDFDocument,
  rows: ReadonlyArray<readonly [label: string, value: string]>,
  box: Box,
  options: KeyValueOptions,
): number {
  const size = options.size ?? SIZE.body;
  let y = box.y;
  for (const [label, value] of rows) {
    const strong = options.strong?.includes(label) ?? false;
    textAt(doc, label, { x: box.x, y, width: options.labelWidth - 6 }, { size, color: COLOR.muted });
    const valueBox = { x: box.x + options.labelWidth, y, width: box.width - options.labelWidth };
    y = textAt(doc, value, valueBox, { size, font: strong ? FONT.semibold : FONT.regular }) + 2;
  }
  return y;
}

export function rule(
  doc: PDFKit.PDFDocument,
  x: number,
  y: number,
  width: number,
  color: string = COLOR.rule,
): void {
  doc
    .save()
    .moveTo(x, y)
    .lineTo(x + width, y)
    .lineWidth(0.6)
    .strokeColor(color)
    .stroke()
    .restore();
}

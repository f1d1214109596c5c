/**
 * A table with fixed column widths and alignments that breaks across pages, repeating its header
 * row on each new page. Cells are pre-formatted strings: the document decides how values read.
 */
import { FONT } from './fonts.js';
import { COLOR, SIZE } from './style.js';
import { type Box, rule, textAt, textHeight } from './text.js';

export interface TableColumn {
  header: string;
  /** Points, or '*' for the one column that takes the width left over. */
  width: number | '*';
  align?: 'left' | 'right' | 'center';
}

export interface TableOptions {
  columns: readonly TableColumn[];
  rows: ReadonlyArray<readonly string[]>;
  size?: number;
  padding?: number;
  /** Called after a page break, before the header is repeated; returns the y to continue at. */
  onNewPage?: OnNewPage;
}

function columnWidths(columns: readonly TableColumn[], total: number): number[] {
  const fixed = columns.reduce((sum, c) => sum + (c.width === '*' ? 0 : c.width), 0);
  const flexible = columns.filter((c) => c.width === '*').length;
  const rest = flexible === 0 ? 0 : (total - fixed) / flexible;
  if (rest < 0) throw new RangeError(`Table columns need ${fixed}pt but only ${total}pt are available`);
  return columns.map((c) => (c.width === '*' ? rest : c.width));
}

/** The lowest y content may reach on the current page. */
export const contentBottom = (doc: PDFKit.PDFDocument): number => doc.page.height - doc.page.margins.bottom;

export type OnNewPage = (doc: PDFKit.PDFDocument) => number;

/** Adds a page and returns the y to continue at. */
export function newPage(doc: PDFKit.PDFDocument, onNewPage?: OnNewPage): number {
  doc.addPage();
  return onNewPage ? onNewPage(doc) : doc.page.margins.top;
}

/** Starts a new page unless `height` still fits below y; returns the y to draw at. */
export function ensureSpace(
  doc: PDFKit.PDFDocument,
  y: number,
  height: number,
  onNewPage?: OnNewPage,
): number {
  return y + height <= contentBottom(doc) ? y : newPage(doc, onNewPage);
}

export function drawTable(doc: PDFKit.PDFDocument, box: Box, options: TableOptions): number {
  const size = options.size ?? SIZE.body;
  const pad = options.padding ?? 3.5;
  const widths = columnWidths(options.columns, box.width);
  const xs = widths.map((_, i) => box.x + widths.slice(0, i).reduce((s, w) => s + w, 0));

  const rowHeight = (cells: readonly string[], font: string) =>
    Math.max(...cells.map((cell, i) => textHeight(doc, cell, widths[i]! - 2 * pad, { font, size }))) +
    2 * pad;

  const drawRow = (cells: readonly string[], y: number, font: string, color: string, height: number) => {
    cells.forEach((cell, i) => {
      const cellBox = { x: xs[i]! + pad, y: y + pad, width: widths[i]! - 2 * pad };
      textAt(doc, cell, cellBox, { font, size, color, align: options.columns[i]!.align ?? 'left' });
    });
    return y + height;
  };

  const headers = options.columns.map((c) => c.header);
  const headerHeight = rowHeight(headers, FONT.semibold);
  const drawHeader = (y: number) => {
    doc.save().rect(box.x, y, box.width, headerHeight).fill(COLOR.fill).restore();
    return drawRow(headers, y, FONT.semibold, COLOR.muted, headerHeight);
  };

  // The header never stands alone at the foot of a page: it needs room for one row too.
  const firstRow = options.rows[0];
  let y = ensureSpace(
    doc,
    box.y,
    headerHeight + (firstRow ? rowHeight(firstRow, FONT.regular) : 0),
    options.onNewPage,
  );
  y = drawHeader(y);
  for (const cells of options.rows) {
    const height = rowHeight(cells, FONT.regular);
    if (y + height > contentBottom(doc)) y = drawHeader(newPage(doc, options.onNewPage));
    y = drawRow(cells, y, FONT.regular, COLOR.text, height);
    rule(doc, box.x, y, box.width);
  }
  return y;
}

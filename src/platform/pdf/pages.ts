/** Furniture drawn on every page once the page count is known: running header, footer, "Page 1 / 2". */

export interface PageInfo {
  /** 1-based. */
  number: number;
  count: number;
}

/**
 * Visits each buffered page. The bottom margin is lifted while drawing so that text in the footer
 * area does not make pdfkit start yet another page.
 */
export function stampPages(doc: PDFKit.PDFDocument, draw: (page: PageInfo) => void): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    draw({ number: i - start + 1, count });
    doc.page.margins.bottom = bottom;
  }
}

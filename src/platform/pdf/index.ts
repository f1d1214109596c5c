/** Shared PDF building blocks for invoices, statements and dispatch documents. */
export { type BarcodePlacement, drawCode128, drawGs1_128, InvalidBarcodeError } from './barcode.js';
export { createPdf, PAGE_MARGINS, type PdfMeta, renderToBuffer } from './document.js';
export { FONT, type FontWeight, fonts } from './fonts.js';
export { formatDate, formatDecimal, formatPercent, groupsOfFour } from './format.js';
export { type PageInfo, stampPages } from './pages.js';
export { drawQr, type QrPlacement } from './qr.js';
export { COLOR, SIZE } from './style.js';
export { contentBottom, drawTable, ensureSpace, newPage, type OnNewPage, type TableColumn } from './table.js';
export {
  type AddressBlock,
  addressBlock,
  type Box,
  caption,
  keyValueBlock,
  rule,
  textAt,
  textHeight,
} from './text.js';
export { InvalidDocumentViewError, parseView } from './view.js';

/**
 * Renders an invoice or credit note to PDF. The same view always renders to the same bytes, so an
 * issued invoice can be archived with its SHA-256 and re-rendered later to prove it unchanged.
 */
import {
  COLOR,
  caption,
  createPdf,
  ensureSpace,
  type OnNewPage,
  parseView,
  renderToBuffer,
  SIZE,
  stampPages,
  textAt,
} from '../../../platform/pdf/index.js';
import { type InvoiceContext, invoiceContext, LEFT, WIDTH } from './context.js';
import { drawFurniture } from './furniture.js';
import { drawHeader } from './header.js';
import { LABELS } from './labels.js';
import { drawLines } from './lines.js';
import { drawPayment } from './payment.js';
import { drawSummary } from './summary.js';
import { type InvoicePdfViewInput, invoicePdfViewSchema } from './view.js';

export async function renderInvoicePdf(input: InvoicePdfViewInput): Promise<Buffer> {
  const view = parseView(invoicePdfViewSchema, input, 'invoice PDF view');
  const title = `${LABELS[view.language].title[view.kind]} ${view.number}`;
  const doc = createPdf({
    title,
    author: view.seller.legalName,
    subject: `${title} — ${view.buyer.name}`,
    createdAt: view.issuedAt ?? `${view.issueDate}T00:00:00Z`,
    language: view.locale ?? view.language,
  });
  const ctx = invoiceContext(doc, view);
  const onNewPage: OnNewPage = (d) => d.page.margins.top;

  let y = drawHeader(ctx);
  y = drawLines(ctx, y, onNewPage);
  y = drawSummary(ctx, y + 18, onNewPage);
  y = drawNotes(ctx, y, onNewPage);
  await drawPayment(ctx, y + 6, onNewPage);
  stampPages(doc, (page) => drawFurniture(ctx, page));
  return renderToBuffer(doc);
}

function drawNotes(ctx: InvoiceContext, y: number, onNewPage: OnNewPage): number {
  if (ctx.view.notes.length === 0) return y;
  let at = ensureSpace(ctx.doc, y, 40, onNewPage);
  at = caption(ctx.doc, ctx.t.notes, { x: LEFT, y: at, width: WIDTH });
  for (const note of ctx.view.notes) {
    at = ensureSpace(ctx.doc, at, 14, onNewPage);
    at = textAt(ctx.doc, note, { x: LEFT, y: at, width: WIDTH }, { size: SIZE.body, color: COLOR.text }) + 4;
  }
  return at + 10;
}

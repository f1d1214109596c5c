/**
 * Renders a customer statement to PDF (A4). The same view always renders to the same bytes: the
 * creation date is the statement's own date, never "now".
 */
import {
  createPdf,
  type OnNewPage,
  parseView,
  renderToBuffer,
  stampPages,
} from '../../../platform/pdf/index.js';
import { drawAging, drawClosingNote, drawOpenItems } from './aging.js';
import { statementContext } from './context.js';
import { drawFurniture } from './furniture.js';
import { drawHeader } from './header.js';
import { LABELS } from './labels.js';
import { drawMovements } from './movements.js';
import { type StatementPdfViewInput, statementPdfViewSchema } from './view.js';

export async function renderStatementPdf(input: StatementPdfViewInput): Promise<Buffer> {
  const view = parseView(statementPdfViewSchema, input, 'statement PDF view');
  const t = LABELS[view.language];
  const title = `${t.title} ${view.customer.code} ${view.from} – ${view.to}`;
  const doc = createPdf({
    title,
    author: view.seller.legalName,
    subject: `${title} — ${view.customer.name}`,
    createdAt: `${view.generatedOn}T00:00:00Z`,
    language: view.locale ?? view.language,
  });
  const ctx = statementContext(doc, view);
  const onNewPage: OnNewPage = (d) => d.page.margins.top;

  let y = drawHeader(ctx);
  y = drawMovements(ctx, y, onNewPage);
  y = drawAging(ctx, y + 20, onNewPage);
  y = drawOpenItems(ctx, y + 4, onNewPage);
  drawClosingNote(ctx, y + 4, onNewPage);
  stampPages(doc, (page) => drawFurniture(ctx, page));
  return renderToBuffer(doc);
}

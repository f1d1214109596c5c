/** Page one's top: seller identity, document title and details, the buyer, the terms. */
import {
  addressBlock,
  COLOR,
  caption,
  FONT,
  keyValueBlock,
  SIZE,
  textAt,
} from '../../../platform/pdf/index.js';
import { type InvoiceContext, LEFT, RIGHT_COLUMN } from './context.js';

const LOGO = { width: 150, height: 48 };
const TOP = 44;

export function drawHeader(ctx: InvoiceContext): number {
  const { doc, view, t } = ctx;
  const seller = view.seller;
  const left = { x: LEFT, width: 250 };

  let leftY = TOP;
  if (seller.logo) {
    doc.image(Buffer.from(seller.logo), LEFT, TOP, { fit: [LOGO.width, LOGO.height] });
    leftY += LOGO.height + 10;
  }
  // VAT id, registration and legal form are in every page's footer; the top stays short.
  const contact = [seller.email, seller.phone, seller.website].filter((v): v is string => Boolean(v));
  leftY = addressBlock(
    doc,
    {
      name: seller.tradingName ?? seller.legalName,
      lines: [...(seller.tradingName ? [seller.legalName] : []), ...seller.address],
      extra: contact.length > 0 ? [contact.join(' · ')] : [],
    },
    { ...left, y: leftY },
  );
  const buyer = view.buyer;
  leftY = addressBlock(
    doc,
    {
      caption: t.billTo,
      name: buyer.name,
      lines: buyer.address,
      extra: buyer.vatId ? [`${t.vatId} ${buyer.vatId}`] : [],
    },
    { ...left, y: leftY + 20 },
  );

  const title = t.title[view.kind];
  textAt(
    doc,
    title.toUpperCase(),
    { ...RIGHT_COLUMN, y: TOP - 4 },
    {
      font: FONT.bold,
      size: SIZE.title,
      color: COLOR.accent,
      align: 'right',
    },
  );
  const rows: Array<[string, string]> = [[t.number[view.kind], view.number]];
  rows.push([t.issueDate, ctx.date(view.issueDate)]);
  if (view.dueDate) rows.push([t.dueDate, ctx.date(view.dueDate)]);
  if (view.supplyDate) rows.push([t.supplyDate, ctx.date(view.supplyDate)]);
  if (view.precedingInvoice) {
    const { number, issueDate } = view.precedingInvoice;
    rows.push([t.precedingInvoice, `${number} (${ctx.date(issueDate)})`]);
  }
  if (view.buyer.customerCode) rows.push([t.customerCode, view.buyer.customerCode]);
  if (view.purchaseOrder) rows.push([t.purchaseOrder, view.purchaseOrder]);
  if (view.orderReference) rows.push([t.orderReference, view.orderReference]);
  rows.push([t.currency, view.currency]);
  let rightY = keyValueBlock(
    doc,
    rows,
    { ...RIGHT_COLUMN, y: TOP + 34 },
    {
      labelWidth: 100,
      strong: [t.number[view.kind]],
    },
  );

  const terms = [view.paymentTerms, view.earlyPaymentDiscount].filter((v): v is string => Boolean(v));
  if (terms.length > 0) {
    rightY = caption(doc, t.paymentTerms, { ...RIGHT_COLUMN, y: rightY + 12 });
    rightY = textAt(doc, terms.join('\n'), { ...RIGHT_COLUMN, y: rightY });
  }
  return Math.max(leftY, rightY) + 20;
}

/** Page one's top: seller identity, the customer, the statement's details and its two balances. */
import { addressBlock, COLOR, FONT, keyValueBlock, rule, SIZE, textAt } from '../../../platform/pdf/index.js';
import { LEFT, RIGHT_COLUMN, type StatementContext } from './context.js';

const TOP = 44;

export function drawHeader(ctx: StatementContext): number {
  const { doc, view, t } = ctx;
  const seller = view.seller;
  const left = { x: LEFT, width: 250 };

  const contact = [seller.email, seller.phone, seller.website].filter((v): v is string => Boolean(v));
  let leftY = addressBlock(
    doc,
    {
      name: seller.tradingName ?? seller.legalName,
      lines: [...(seller.tradingName ? [seller.legalName] : []), ...seller.address],
      extra: contact.length > 0 ? [contact.join(' · ')] : [],
    },
    { ...left, y: TOP },
  );
  const customer = view.customer;
  leftY = addressBlock(
    doc,
    {
      caption: t.statementFor,
      name: customer.name,
      lines: customer.address,
      extra: customer.vatId ? [`${t.vatId} ${customer.vatId}`] : [],
    },
    { ...left, y: leftY + 20 },
  );

  textAt(
    doc,
    t.title.toUpperCase(),
    { ...RIGHT_COLUMN, y: TOP - 4 },
    { font: FONT.bold, size: SIZE.title, color: COLOR.accent, align: 'right' },
  );
  let rightY = keyValueBlock(
    doc,
    [
      [t.customerCode, customer.code],
      [t.period, t.periodRange(ctx.date(view.from), ctx.date(view.to))],
      [t.statementDate, ctx.date(view.generatedOn)],
      [t.currency, view.currency],
    ],
    { ...RIGHT_COLUMN, y: TOP + 34 },
    { labelWidth: 90, strong: [t.customerCode] },
  );

  // The two balances: where the period starts, and what is due at its end.
  rightY += 10;
  textAt(doc, t.openingBalance, { ...RIGHT_COLUMN, y: rightY }, { color: COLOR.muted });
  rightY =
    textAt(doc, ctx.money(view.openingBalance), { ...RIGHT_COLUMN, y: rightY }, { align: 'right' }) + 5;
  rule(doc, RIGHT_COLUMN.x, rightY, RIGHT_COLUMN.width, COLOR.text);
  const height = 26;
  doc
    .save()
    .rect(RIGHT_COLUMN.x, rightY + 4, RIGHT_COLUMN.width, height)
    .fill(COLOR.fill)
    .restore();
  const style = { font: FONT.bold, size: SIZE.heading + 1 } as const;
  const inner = { x: RIGHT_COLUMN.x + 8, y: rightY + 11, width: RIGHT_COLUMN.width - 16 };
  textAt(doc, view.closingBalance < 0 ? t.creditBalance : t.balanceDue, inner, style);
  textAt(doc, ctx.money(view.closingBalance), inner, { ...style, color: COLOR.accent, align: 'right' });
  rightY += 4 + height;
  return Math.max(leftY, rightY) + 22;
}

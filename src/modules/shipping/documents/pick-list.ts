/**
 * The pick list a warehouse worker walks the aisles with: lines sorted by bin location (natural
 * order, so A-2 comes before A-10), a box to tick per line, and the picker's signature at the end.
 */
import {
  COLOR,
  caption,
  createPdf,
  drawTable,
  ensureSpace,
  FONT,
  type OnNewPage,
  parseView,
  renderToBuffer,
  rule,
  SIZE,
  stampPages,
  textAt,
} from '../../../platform/pdf/index.js';
import {
  type DocContext,
  docContext,
  drawFurniture,
  drawParties,
  drawTitle,
  partyBlock,
  sumDecimals,
} from './layout.js';
import { type PickListView, type PickListViewInput, pickListViewSchema } from './view.js';

const byLocation = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function sortPickLines(lines: PickListView['lines']): PickListView['lines'] {
  return [...lines].sort(
    (a, b) => byLocation.compare(a.location, b.location) || byLocation.compare(a.sku, b.sku),
  );
}

export async function renderPickList(input: PickListViewInput): Promise<Buffer> {
  const view = parseView(pickListViewSchema, input, 'pick list view');
  const doc = createPdf({
    title: `Pick list ${view.number}`,
    author: view.issuer,
    subject: `Order ${view.orderNumber} · shipment ${view.shipmentNumber}`,
    createdAt: view.issuedAt,
    language: view.locale ?? view.language,
  });
  const ctx = docContext(doc, view);
  const p = ctx.t.pickList;
  const onNewPage: OnNewPage = (d) => d.page.margins.top;

  const rows: Array<[string, string]> = [
    [p.number, view.number],
    [p.warehouse, `${view.warehouse.code} · ${view.warehouse.name}`],
    [ctx.t.order, view.orderNumber],
    [ctx.t.shipment, view.shipmentNumber],
  ];
  if (view.customer) rows.push([ctx.t.customer, view.customer]);
  if (view.requestedShipDate) rows.push([p.requestedShipDate, ctx.date(view.requestedShipDate)]);
  if (view.carrier) rows.push([ctx.t.carrier, view.carrier]);
  rows.push([p.printed, ctx.date(view.issuedAt.slice(0, 10))]);
  let y = drawTitle(ctx, p.title, rows, [p.number, ctx.t.order]);
  if (view.shipTo) y = drawParties(ctx, y, [partyBlock(view.shipTo, ctx.t.shipTo)]);

  const lines = sortPickLines(view.lines);
  const c = p.columns;
  y = drawTable(
    doc,
    { x: ctx.left, y, width: ctx.width },
    {
      columns: [
        { header: '', width: 18, align: 'center' },
        { header: c.location, width: 76 },
        { header: c.sku, width: 90 },
        { header: c.description, width: '*' },
        { header: c.quantity, width: 58, align: 'right' },
        { header: c.unit, width: 40 },
        { header: c.picked, width: 50 },
      ],
      rows: lines.map((line) => [
        '□',
        line.location,
        line.sku,
        [line.description, line.lot && `${p.lot} ${line.lot}`, line.gtin && `GTIN ${line.gtin}`]
          .filter(Boolean)
          .join('\n'),
        ctx.decimal(line.quantity),
        line.unit,
        '',
      ]),
      size: 9.5,
      padding: 5,
      onNewPage,
    },
  );
  const units = sumDecimals(lines.map((l) => l.quantity));
  textAt(
    doc,
    p.summary(lines.length, ctx.decimal(units)),
    { x: ctx.left, y: y + 6, width: ctx.width },
    {
      font: FONT.semibold,
      align: 'right',
    },
  );
  y = drawNotes(ctx, view.notes, y + 28, onNewPage);
  drawSignatures(ctx, ensureSpace(doc, y + 10, 70, onNewPage));

  const running = `${p.title} ${view.number} · ${ctx.t.order} ${view.orderNumber}`;
  stampPages(doc, (page) => drawFurniture(ctx, page, `${view.issuer} · ${view.warehouse.name}`, running));
  return renderToBuffer(doc);
}

export function drawNotes(
  ctx: DocContext,
  notes: readonly string[],
  y: number,
  onNewPage: OnNewPage,
): number {
  if (notes.length === 0) return y;
  let at = ensureSpace(ctx.doc, y, 36, onNewPage);
  at = caption(ctx.doc, ctx.t.notes, { x: ctx.left, y: at, width: ctx.width });
  for (const note of notes) {
    at = ensureSpace(ctx.doc, at, 14, onNewPage);
    at = textAt(ctx.doc, note, { x: ctx.left, y: at, width: ctx.width }) + 4;
  }
  return at + 8;
}

function drawSignatures(ctx: DocContext, y: number): void {
  const { doc, left, width, t } = ctx;
  const p = t.pickList;
  const column = (width - 24) / 2;
  [p.pickedBy, p.checkedBy].forEach((title, i) => {
    const x = left + i * (column + 24);
    caption(doc, title, { x, y, width: column });
    const lineY = y + 40;
    rule(doc, x, lineY, column * 0.62, COLOR.text);
    rule(doc, x + column * 0.68, lineY, column * 0.32, COLOR.text);
    const small = { size: SIZE.small, color: COLOR.muted } as const;
    textAt(doc, p.signature, { x, y: lineY + 3, width: column * 0.62 }, small);
    textAt(doc, p.dateTime, { x: x + column * 0.68, y: lineY + 3, width: column * 0.32 }, small);
  });
}

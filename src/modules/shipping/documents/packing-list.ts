/**
 * The packing list that travels with a shipment: who ships to whom, the order and PO it fulfils,
 * and per package (SSCC, weight, dimensions) what it contains — ordered, shipped and backordered
 * quantities, with HS codes and countries of origin on export shipments. Totals at the end.
 */
import {
  COLOR,
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
  type TableColumn,
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
import { drawNotes } from './pick-list.js';
import { type PackingListView, type PackingListViewInput, packingListViewSchema } from './view.js';

/** An SSCC as printed for people: extension digit, then company prefix + serial, then the check digit. */
export const formatSscc = (sscc: string): string =>
  `${sscc.slice(0, 1)} ${sscc.slice(1, 17)} ${sscc.slice(17)}`;

export async function renderPackingList(input: PackingListViewInput): Promise<Buffer> {
  const view = parseView(packingListViewSchema, input, 'packing list view');
  const doc = createPdf({
    title: `Packing list ${view.shipmentNumber}`,
    author: view.issuer,
    subject: `Order ${view.orderNumber} — ${view.shipTo.name}`,
    createdAt: view.issuedAt,
    language: view.locale ?? view.language,
  });
  const ctx = docContext(doc, view);
  const { t } = ctx;
  const p = t.packingList;
  const onNewPage: OnNewPage = (d) => d.page.margins.top;

  const rows: Array<[string, string]> = [
    [t.shipment, view.shipmentNumber],
    [t.shipDate, ctx.date(view.shipDate)],
    [t.order, view.orderNumber],
  ];
  if (view.purchaseOrder) rows.push([t.purchaseOrder, view.purchaseOrder]);
  if (view.customerNumber) rows.push([t.customerNumber, view.customerNumber]);
  if (view.carrier) rows.push([t.carrier, [view.carrier, view.service].filter(Boolean).join(' · ')]);
  if (view.trackingNumbers.length > 0) rows.push([t.tracking, view.trackingNumbers.join('\n')]);
  if (view.incoterm) rows.push([p.incoterm, view.incoterm]);
  let y = drawTitle(ctx, p.title, rows, [t.shipment]);
  y = drawParties(ctx, y, [
    partyBlock(view.shipFrom, t.shipFrom),
    partyBlock(view.shipTo, t.shipTo),
    ...(view.billTo ? [partyBlock(view.billTo, t.billTo)] : []),
  ]);

  const count = view.packages.length;
  view.packages.forEach((pkg, i) => {
    y = drawPackage(ctx, view, pkg, i + 1, count, y, onNewPage) + 14;
  });
  y = drawTotals(ctx, view, y, onNewPage);
  if (view.export) {
    y =
      textAt(
        doc,
        p.exportNote,
        { x: ctx.left, y: y + 4, width: ctx.width },
        { size: SIZE.small, color: COLOR.muted },
      ) + 10;
  }
  drawNotes(ctx, view.notes, y + 6, onNewPage);

  const running = `${p.title} ${view.shipmentNumber} · ${t.order} ${view.orderNumber}`;
  stampPages(doc, (page) => drawFurniture(ctx, page, `${view.shipFrom.name} → ${view.shipTo.name}`, running));
  return renderToBuffer(doc);
}

type Package = PackingListView['packages'][number];

function drawPackage(
  ctx: DocContext,
  view: PackingListView,
  pkg: Package,
  n: number,
  count: number,
  y: number,
  onNewPage: OnNewPage,
): number {
  const { doc, left, width, t } = ctx;
  const p = t.packingList;
  // The package band never stands alone at the foot of a page: keep room for the header and a line.
  let at = ensureSpace(doc, y, 70, onNewPage);
  const bandHeight = 22;
  doc.save().rect(left, at, width, bandHeight).fill(COLOR.accent).restore();
  const white = { font: FONT.semibold, size: SIZE.heading, color: '#ffffff' } as const;
  textAt(doc, p.package(n, count), { x: left + 8, y: at + 6, width: 140 }, white);
  const facts = [
    `${p.sscc} ${formatSscc(pkg.sscc)}`,
    `${t.weight} ${ctx.weight(pkg.weight)}`,
    ...(pkg.dimensions
      ? [
          `${ctx.decimal(pkg.dimensions.length)} × ${ctx.decimal(pkg.dimensions.width)} × ${ctx.decimal(pkg.dimensions.height)} ${pkg.dimensions.unit}`,
        ]
      : []),
    ...(pkg.packaging ? [pkg.packaging] : []),
  ].join('   ·   ');
  textAt(
    doc,
    facts,
    { x: left + 140, y: at + 6.5, width: width - 148 },
    { size: SIZE.body, color: '#ffffff', align: 'right' },
  );
  at += bandHeight;

  const c = p.columns;
  const columns: TableColumn[] = [
    { header: c.sku, width: 82 },
    { header: c.description, width: '*' },
    ...(view.export
      ? ([
          { header: c.hsCode, width: 60 },
          { header: c.origin, width: 38, align: 'center' },
        ] as const)
      : []),
    { header: c.ordered, width: 52, align: 'right' },
    { header: c.shipped, width: 52, align: 'right' },
    { header: c.backordered, width: 62, align: 'right' },
  ];
  const qty = (value: string, unit: string) => (unit ? `${ctx.decimal(value)} ${unit}` : ctx.decimal(value));
  const rows = pkg.lines.map((line) => [
    line.sku,
    line.description,
    ...(view.export ? [line.hsCode ?? '', line.countryOfOrigin ?? ''] : []),
    qty(line.ordered, line.unit),
    qty(line.shipped, line.unit),
    line.backordered === '0' || /^0(\.0+)?$/.test(line.backordered) ? '—' : qty(line.backordered, line.unit),
  ]);
  // On a continuation page the band is repeated (smaller) so the lines keep their package.
  const continued: OnNewPage = (d) => {
    const top = onNewPage(d);
    textAt(
      d,
      `${p.package(n, count)} · ${p.sscc} ${formatSscc(pkg.sscc)} (${t.continued})`,
      { x: left, y: top, width },
      {
        font: FONT.semibold,
        color: COLOR.accent,
      },
    );
    return top + 16;
  };
  return drawTable(doc, { x: left, y: at, width }, { columns, rows, onNewPage: continued });
}

function drawTotals(ctx: DocContext, view: PackingListView, y: number, onNewPage: OnNewPage): number {
  const { doc, left, width, t } = ctx;
  const p = t.packingList;
  const lines = view.packages.flatMap((pkg) => pkg.lines);
  const unit = view.packages[0]!.weight.unit;
  const cells: Array<[string, string]> = [
    [p.packages, String(view.packages.length)],
    [p.grossWeight, ctx.weight({ value: sumDecimals(view.packages.map((pkg) => pkg.weight.value)), unit })],
    [p.unitsShipped, ctx.decimal(sumDecimals(lines.map((l) => l.shipped)))],
    [p.unitsBackordered, ctx.decimal(sumDecimals(lines.map((l) => l.backordered)))],
  ];
  const at = ensureSpace(doc, y, 50, onNewPage);
  const height = 40;
  doc.save().rect(left, at, width, height).fill(COLOR.fill).restore();
  rule(doc, left, at, width, COLOR.text);
  const cell = width / cells.length;
  cells.forEach(([label, value], i) => {
    const x = left + i * cell + 10;
    textAt(
      doc,
      label.toUpperCase(),
      { x, y: at + 7, width: cell - 20 },
      { font: FONT.semibold, size: SIZE.small, color: COLOR.muted },
    );
    textAt(doc, value, { x, y: at + 19, width: cell - 20 }, { font: FONT.bold, size: 12 });
  });
  return at + height + 10;
}

/**
 * The VICS-style straight bill of lading (US Letter) for LTL and truckload shipments: parties,
 * carrier and its references, freight charge terms, the customer order and carrier information
 * tables, COD and declared value, the receipt and liability wording, and both signature blocks.
 * The wording is Duely's own summary of the usual terms, not a reproduction of any published form.
 */
import {
  addressBlock,
  COLOR,
  createPdf,
  drawCode128,
  drawTable,
  ensureSpace,
  FONT,
  keyValueBlock,
  type OnNewPage,
  parseView,
  renderToBuffer,
  SIZE,
  stampPages,
  textAt,
} from '../../../platform/pdf/index.js';
import { type DocContext, docContext, drawFurniture, partyBlock, sumDecimals } from './layout.js';
import { type BillOfLadingView, type BillOfLadingViewInput, billOfLadingViewSchema } from './view.js';

const MARGIN = 36;
const GAP = 12;

export async function renderBillOfLading(input: BillOfLadingViewInput): Promise<Buffer> {
  const view = parseView(billOfLadingViewSchema, input, 'bill of lading view');
  const doc = createPdf({
    title: `Bill of lading ${view.bolNumber}`,
    author: view.issuer,
    subject: `${view.carrier.name} (${view.carrier.scac}) — ${view.shipTo.name}`,
    createdAt: view.issuedAt,
    language: view.locale ?? view.language,
    size: 'LETTER',
    margins: { top: MARGIN + 10, bottom: 46, left: MARGIN, right: MARGIN },
  });
  const ctx = docContext(doc, view);
  const b = ctx.t.bol;
  const onNewPage: OnNewPage = (d) => d.page.margins.top;
  const { left, width } = ctx;
  const half = (width - GAP) / 2;
  const right = left + half + GAP;

  // Title line.
  textAt(
    doc,
    b.title.toUpperCase(),
    { x: left, y: MARGIN - 6, width },
    { font: FONT.bold, size: 18, color: COLOR.accent },
  );
  textAt(doc, b.subtitle, { x: left, y: MARGIN + 16, width }, { size: SIZE.small, color: COLOR.muted });
  keyValueBlock(
    doc,
    [[b.date, ctx.date(view.date)]],
    { x: left + width - 160, y: MARGIN, width: 160 },
    { labelWidth: 60 },
  );
  let y = MARGIN + 30;

  // Left: parties and instructions.
  let leftY = y;
  const shipFrom = partyBlock(view.shipFrom, b.fob);
  leftY = band(ctx, left, leftY, half, ctx.t.shipFrom);
  leftY = addressBlock(
    doc,
    { ...shipFrom, caption: undefined },
    { x: left + 4, y: leftY + 4, width: half - 8 },
  );
  leftY = inlineFacts(
    ctx,
    left + 4,
    leftY + 3,
    half - 8,
    [...(view.shipFrom.sid ? [[b.sid, view.shipFrom.sid] as const] : [])],
    view.shipFrom.fob,
  );
  leftY = band(ctx, left, leftY + 4, half, ctx.t.shipTo);
  leftY = addressBlock(
    doc,
    { ...partyBlock(view.shipTo, ''), caption: undefined },
    { x: left + 4, y: leftY + 4, width: half - 8 },
  );
  leftY = inlineFacts(
    ctx,
    left + 4,
    leftY + 3,
    half - 8,
    [
      ...(view.shipTo.locationNumber ? [[b.location, view.shipTo.locationNumber] as const] : []),
      ...(view.shipTo.cid ? [[b.cid, view.shipTo.cid] as const] : []),
    ],
    view.shipTo.fob,
  );
  leftY = band(ctx, left, leftY + 4, half, b.thirdParty);
  leftY = view.thirdPartyBillTo
    ? addressBlock(
        doc,
        { ...partyBlock(view.thirdPartyBillTo, ''), caption: undefined },
        { x: left + 4, y: leftY + 4, width: half - 8 },
      )
    : textAt(doc, '—', { x: left + 4, y: leftY + 4, width: half - 8 }, { color: COLOR.muted });

  // Right: BOL number with barcode, carrier and its references, freight terms.
  let rightY = band(ctx, right, y, half, b.number);
  textAt(doc, view.bolNumber, { x: right + 4, y: rightY + 9, width: 130 }, { font: FONT.bold, size: 11 });
  if (/^[\x20-\x7e]{1,40}$/.test(view.bolNumber))
    await drawCode128(doc, view.bolNumber, { x: right + half - 134, y: rightY + 4, width: 126, height: 22 });
  rightY += 30;
  rightY = band(ctx, right, rightY, half, ctx.t.carrier);
  rightY = keyValueBlock(
    doc,
    [
      [b.carrierName, view.carrier.name],
      [b.scac, view.carrier.scac],
      [b.pro, view.proNumber ?? '—'],
      [b.trailer, view.trailerNumber ?? '—'],
      [b.seals, view.sealNumbers.length > 0 ? view.sealNumbers.join(', ') : '—'],
    ],
    { x: right + 4, y: rightY + 5, width: half - 8 },
    { labelWidth: 90, strong: [b.carrierName, b.scac, b.pro] },
  );
  if (view.proNumber && /^[\x20-\x7e]{1,40}$/.test(view.proNumber)) {
    await drawCode128(doc, view.proNumber, { x: right + 94, y: rightY + 1, width: 126, height: 20 });
    rightY += 24;
  }
  rightY = band(ctx, right, rightY + 4, half, b.freightTerms);
  let x = right + 4;
  for (const terms of ['prepaid', 'collect', 'third_party'] as const) {
    x = checkbox(ctx, x, rightY + 6, b.terms[terms], view.freightTerms === terms) + 16;
  }
  rightY += 22;
  checkbox(ctx, right + 4, rightY + 2, b.masterBol, view.masterBol);
  rightY += 16;
  rightY = band(ctx, right, rightY, half, b.specialInstructions);
  rightY = textAt(doc, view.specialInstructions ?? '—', { x: right + 4, y: rightY + 4, width: half - 8 });
  y = Math.max(leftY, rightY) + 8;

  // Customer order information.
  const unit = view.weightUnit;
  const oc = b.orderColumns;
  const yesNo = (v: boolean | undefined) => (v === undefined ? '' : v ? b.yes : b.no);
  y = band(ctx, left, y, width, b.customerOrders);
  y = drawTable(
    doc,
    { x: left, y, width },
    {
      columns: [
        { header: oc.order, width: 130 },
        { header: oc.pkgs, width: 50, align: 'right' },
        { header: `${oc.weight} (${unit})`, width: 70, align: 'right' },
        { header: oc.palletSlip, width: 80, align: 'center' },
        { header: oc.info, width: '*' },
      ],
      rows: [
        ...view.customerOrders.map((o) => [
          o.orderNumber,
          String(o.packages),
          ctx.decimal(o.weight),
          yesNo(o.palletSlip),
          o.additionalInfo ?? '',
        ]),
        [
          b.grandTotal,
          String(view.customerOrders.reduce((s, o) => s + o.packages, 0)),
          ctx.decimal(sumDecimals(view.customerOrders.map((o) => o.weight))),
          '',
          '',
        ],
      ],
      padding: 2.5,
      onNewPage,
    },
  );

  // Carrier information.
  const uc = b.unitColumns;
  y = band(ctx, left, ensureSpace(doc, y + 8, 80, onNewPage), width, b.carrierInfo);
  y = drawTable(
    doc,
    { x: left, y, width },
    {
      columns: [
        { header: uc.huQty, width: 44, align: 'right' },
        { header: uc.huType, width: 46 },
        { header: uc.pkgQty, width: 42, align: 'right' },
        { header: uc.pkgType, width: 46 },
        { header: `${uc.weight} (${unit})`, width: 62, align: 'right' },
        { header: uc.hm, width: 38, align: 'center' },
        { header: uc.description, width: '*' },
        { header: uc.nmfc, width: 56 },
        { header: uc.class, width: 36, align: 'right' },
      ],
      rows: [
        ...view.handlingUnits.map((u) => [
          String(u.handlingQuantity),
          u.handlingType,
          String(u.packageQuantity),
          u.packageType,
          ctx.decimal(u.weight),
          u.hazardous ? 'X' : '',
          u.description,
          u.nmfc ?? '',
          u.freightClass ?? '',
        ]),
        [
          String(view.handlingUnits.reduce((s, u) => s + u.handlingQuantity, 0)),
          '',
          String(view.handlingUnits.reduce((s, u) => s + u.packageQuantity, 0)),
          '',
          ctx.decimal(sumDecimals(view.handlingUnits.map((u) => u.weight))),
          '',
          b.grandTotal,
          '',
          '',
        ],
      ],
      padding: 2.5,
      onNewPage,
    },
  );

  y = drawValueAndCod(ctx, view, ensureSpace(doc, y + 10, 60, onNewPage));
  y = ensureSpace(doc, y + 6, 50, onNewPage);
  y = textAt(doc, b.liability, { x: left, y, width }, { size: SIZE.small });
  y = textAt(doc, b.hazmatNote, { x: left, y: y + 2, width }, { size: SIZE.small, color: COLOR.muted });
  drawSignatures(ctx, view, ensureSpace(doc, y + 8, 90, onNewPage));

  const running = `${b.title} ${view.bolNumber} · ${view.carrier.name}`;
  stampPages(doc, (page) =>
    drawFurniture(ctx, page, `${b.number} ${view.bolNumber} · ${view.shipFrom.name}`, running),
  );
  return renderToBuffer(doc);
}

/** A black band with a white caption heading a box; returns the y below it. */
function band(ctx: DocContext, x: number, y: number, width: number, title: string): number {
  ctx.doc.save().rect(x, y, width, 14).fill(COLOR.text).restore();
  textAt(
    ctx.doc,
    title.toUpperCase(),
    { x: x + 4, y: y + 3.5, width: width - 8 },
    { font: FONT.semibold, size: SIZE.small, color: '#ffffff' },
  );
  return y + 14;
}

/** A tick box with its label; returns the x after the label. */
function checkbox(ctx: DocContext, x: number, y: number, label: string, checked: boolean): number {
  const { doc } = ctx;
  doc.save().rect(x, y, 8, 8).lineWidth(0.8).strokeColor(COLOR.text).stroke().restore();
  if (checked) textAt(doc, 'X', { x, y: y - 0.5, width: 8 }, { font: FONT.bold, size: 8, align: 'center' });
  textAt(doc, label, { x: x + 12, y: y - 0.5, width: 200 });
  doc.font(FONT.regular).fontSize(SIZE.body);
  return x + 12 + doc.widthOfString(label);
}

function inlineFacts(
  ctx: DocContext,
  x: number,
  y: number,
  width: number,
  facts: ReadonlyArray<readonly [string, string]>,
  fob: boolean,
): number {
  let at = facts.length > 0 ? keyValueBlock(ctx.doc, facts, { x, y, width }, { labelWidth: 70 }) : y;
  checkbox(ctx, x + width - 40, y, ctx.t.bol.fob, fob);
  at = Math.max(at, y + 10);
  return at;
}

function drawValueAndCod(ctx: DocContext, view: BillOfLadingView, y: number): number {
  const { doc, left, width, t } = ctx;
  const b = t.bol;
  const half = (width - GAP) / 2;
  const right = left + half + GAP;
  let leftY = textAt(doc, b.declaredValueNote, { x: left, y, width: half }, { size: SIZE.small });
  const declared = view.declaredValue
    ? b.declaredValue(
        `${ctx.decimal(view.declaredValue.amount, 2)} ${view.declaredValue.currency}`,
        view.declaredValue.per,
      )
    : b.noDeclaredValue;
  leftY = textAt(
    doc,
    declared,
    { x: left, y: leftY + 3, width: half },
    { font: FONT.semibold, size: SIZE.small },
  );

  doc
    .save()
    .rect(right, y - 2, half, 44)
    .lineWidth(0.8)
    .strokeColor(COLOR.text)
    .stroke()
    .restore();
  const cod = view.cod;
  textAt(doc, `${b.cod}:`, { x: right + 6, y: y + 3, width: 80 }, { font: FONT.semibold });
  textAt(
    doc,
    cod ? `${ctx.decimal(cod.amount, 2)} ${cod.currency}` : b.none,
    { x: right + 80, y: y + 3, width: half - 86 },
    { font: FONT.bold },
  );
  let x =
    checkbox(ctx, right + 6, y + 18, `${b.feeTerms}: ${b.codTerms.collect}`, cod?.feeTerms === 'collect') +
    12;
  checkbox(ctx, x, y + 18, b.codTerms.prepaid, cod?.feeTerms === 'prepaid');
  x = right + 6;
  checkbox(ctx, x, y + 30, b.customerCheck, cod?.customerCheckAcceptable ?? false);
  return Math.max(leftY, y + 42);
}

function drawSignatures(ctx: DocContext, view: BillOfLadingView, y: number): void {
  const { doc, left, width, t } = ctx;
  const b = t.bol;
  // Trailer loaded / freight counted: one strip above both signature blocks.
  const small = { size: SIZE.small } as const;
  textAt(doc, `${b.trailerLoaded}:`, { x: left, y, width: 80 }, { font: FONT.semibold });
  let cx = checkbox(ctx, left + 72, y, b.loadedBy.shipper, view.trailerLoadedBy === 'shipper') + 10;
  cx = checkbox(ctx, cx, y, b.loadedBy.driver, view.trailerLoadedBy === 'driver') + 24;
  textAt(doc, `${b.freightCounted}:`, { x: cx, y, width: 80 }, { font: FONT.semibold });
  cx = checkbox(ctx, cx + 78, y, b.countedBy.shipper, view.freightCountedBy === 'shipper') + 10;
  cx = checkbox(ctx, cx, y, b.countedBy.driver_pallets, view.freightCountedBy === 'driver_pallets') + 10;
  checkbox(ctx, cx, y, b.countedBy.driver_pieces, view.freightCountedBy === 'driver_pieces');
  const top = y + 16;

  const column = (width - GAP) / 2;
  const height = 74;
  const blocks = [
    { x: left, title: b.shipperSignature, text: b.shipperCertifies, signed: view.shipperSignature },
    {
      x: left + column + GAP,
      title: b.carrierSignature,
      text: b.carrierAcknowledges,
      signed: view.carrierSignature,
    },
  ];
  for (const block of blocks) {
    doc.save().rect(block.x, top, column, height).lineWidth(0.8).strokeColor(COLOR.text).stroke().restore();
    band(ctx, block.x, top, column, block.title);
    textAt(
      doc,
      block.text,
      { x: block.x + 5, y: top + 18, width: column - 10 },
      { ...small, color: COLOR.muted },
    );
    const lineY = top + height - 14;
    doc
      .save()
      .moveTo(block.x + 5, lineY)
      .lineTo(block.x + column * 0.62, lineY)
      .lineWidth(0.6)
      .strokeColor(COLOR.text)
      .stroke()
      .restore();
    doc
      .save()
      .moveTo(block.x + column * 0.68, lineY)
      .lineTo(block.x + column - 5, lineY)
      .lineWidth(0.6)
      .strokeColor(COLOR.text)
      .stroke()
      .restore();
    if (block.signed) {
      textAt(
        doc,
        block.signed.name,
        { x: block.x + 5, y: lineY - 11, width: column * 0.6 },
        { font: FONT.semibold },
      );
      textAt(
        doc,
        ctx.date(block.signed.date),
        { x: block.x + column * 0.68, y: lineY - 11, width: column * 0.3 },
        { font: FONT.semibold },
      );
    }
  }
}

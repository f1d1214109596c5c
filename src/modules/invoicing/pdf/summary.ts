/**
 * Below the lines: the VAT summary (taxable amount, rate and tax per category, with the legal
 * reason for each exemption), the totals, and the instalment schedule when there is one.
 */
import {
  COLOR,
  caption,
  drawTable,
  ensureSpace,
  FONT,
  type OnNewPage,
  rule,
  SIZE,
  textAt,
} from '../../../platform/pdf/index.js';
import { type InvoiceContext, LEFT, RIGHT_COLUMN } from './context.js';

const LEFT_WIDTH = 270;

export function drawSummary(ctx: InvoiceContext, y: number, onNewPage: OnNewPage): number {
  const { view } = ctx;
  const exemptions = view.taxBreakdown.filter((row) => row.exemptionReason);
  // Keep the VAT summary and the totals together on one page.
  const estimate = Math.max(40 + 20 * view.taxBreakdown.length + 24 * exemptions.length, 110);
  const top = ensureSpace(ctx.doc, y, estimate, onNewPage);
  const totalsY = drawTotals(ctx, top);
  const leftY = drawVatSummary(ctx, top, onNewPage);
  return Math.max(totalsY, leftY) + 16;
}

function drawVatSummary(ctx: InvoiceContext, y: number, onNewPage: OnNewPage): number {
  const { doc, t, view } = ctx;
  const box = { x: LEFT, width: LEFT_WIDTH };
  let at = caption(doc, t.vatSummary, { ...box, y });
  at = drawTable(
    doc,
    { ...box, y: at },
    {
      columns: [
        { header: t.vatColumns.category, width: '*' },
        { header: t.vatColumns.rate, width: 44, align: 'right' },
        { header: t.vatColumns.taxable, width: 70, align: 'right' },
        { header: t.vatColumns.tax, width: 62, align: 'right' },
      ],
      rows: view.taxBreakdown.map((row) => [
        `${row.category} · ${t.taxCategory[row.category]}`,
        ctx.percent(row.rate),
        ctx.amount(row.taxableAmount),
        ctx.amount(row.taxAmount),
      ]),
      onNewPage,
    },
  );
  for (const row of view.taxBreakdown) {
    if (!row.exemptionReason) continue;
    const reason = `${t.exemption} (${row.category}): ${row.exemptionReason}`;
    at = textAt(doc, reason, { ...box, y: at + 5 }, { size: SIZE.small, color: COLOR.muted });
  }
  if (view.instalments) {
    at = ensureSpace(doc, at + 14, 40 + 18 * view.instalments.length, onNewPage);
    at = caption(doc, t.instalments, { ...box, y: at });
    at = drawTable(
      doc,
      { ...box, y: at },
      {
        columns: [
          { header: t.instalmentDue, width: '*' },
          { header: `${t.instalmentAmount} (${view.currency})`, width: 100, align: 'right' },
        ],
        rows: view.instalments.map((i) => [ctx.date(i.dueDate), ctx.amount(i.amount)]),
        onNewPage,
      },
    );
  }
  return at;
}

function drawTotals(ctx: InvoiceContext, y: number): number {
  const { doc, t, view } = ctx;
  const { net, tax, gross, paid, due } = view.totals;
  const credit = view.kind === 'credit_note';
  const rows: Array<[string, number]> = [
    [t.totals.net, net],
    [t.totals.tax, tax],
  ];
  if (!credit || paid !== 0) rows.push([t.totals.gross, gross]);
  if (paid !== 0) rows.push([t.totals.paid, -paid]);
  const box = RIGHT_COLUMN;
  let at = y + 14; // aligned with the VAT summary's table header, below its caption
  for (const [label, value] of rows) {
    textAt(doc, label, { ...box, y: at }, { color: COLOR.muted });
    at = textAt(doc, ctx.money(value), { ...box, y: at }, { align: 'right' }) + 5;
  }
  rule(doc, box.x, at, box.width, COLOR.text);
  const label = credit ? t.totals.credited : t.totals.due;
  const height = 26;
  doc
    .save()
    .rect(box.x, at + 4, box.width, height)
    .fill(COLOR.fill)
    .restore();
  const style = { font: FONT.bold, size: SIZE.heading + 1 } as const;
  textAt(doc, label, { x: box.x + 8, y: at + 11, width: box.width - 16 }, style);
  textAt(
    doc,
    ctx.money(due),
    { x: box.x + 8, y: at + 11, width: box.width - 16 },
    {
      ...style,
      color: COLOR.accent,
      align: 'right',
    },
  );
  return at + 4 + height;
}

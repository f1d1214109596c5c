/** The aging summary as of the statement's end (what the closing balance is made of) and the open items. */
import {
  COLOR,
  caption,
  drawTable,
  ensureSpace,
  FONT,
  type OnNewPage,
  SIZE,
  textAt,
} from '../../../platform/pdf/index.js';
import { LEFT, type StatementContext, WIDTH } from './context.js';

export function drawAging(ctx: StatementContext, y: number, onNewPage: OnNewPage): number {
  const { doc, t, view } = ctx;
  const a = view.aging;
  // Keep the buckets and the balance below them together on one page.
  let at = ensureSpace(doc, y, 150, onNewPage);
  at = caption(doc, t.aging(ctx.date(view.to)), { x: LEFT, y: at, width: WIDTH });
  at = drawTable(
    doc,
    { x: LEFT, y: at, width: WIDTH },
    {
      columns: [
        ...a.buckets.map((b) => ({ header: t.buckets[b.key], width: '*' as const, align: 'right' as const })),
        { header: `${t.openInvoices} (${view.currency})`, width: 100, align: 'right' },
      ],
      rows: [[...a.buckets.map((b) => ctx.amount(b.amount)), ctx.amount(a.openInvoices)]],
      onNewPage,
    },
  );
  at += 10;
  const rows: Array<[string, number]> = [[t.openInvoices, a.openInvoices]];
  if (a.openCharges !== 0) rows.push([t.openCharges, a.openCharges]);
  if (a.unusedCredit !== 0) rows.push([t.unusedCredit, -a.unusedCredit]);
  if (a.unappliedPayments !== 0) rows.push([t.unappliedPayments, -a.unappliedPayments]);
  const box = { x: LEFT + WIDTH - 300, width: 300 };
  for (const [label, value] of rows) {
    textAt(doc, label, { ...box, y: at }, { color: COLOR.muted });
    at = textAt(doc, ctx.money(value), { ...box, y: at }, { align: 'right' }) + 4;
  }
  const style = { font: FONT.bold, size: SIZE.heading } as const;
  const label = view.closingBalance < 0 ? t.creditBalance : t.balanceDue;
  textAt(doc, label, { ...box, y: at + 2 }, style);
  at = textAt(
    doc,
    ctx.money(view.closingBalance),
    { ...box, y: at + 2 },
    { ...style, color: COLOR.accent, align: 'right' },
  );
  return at + 16;
}

export function drawOpenItems(ctx: StatementContext, y: number, onNewPage: OnNewPage): number {
  const { doc, t, view } = ctx;
  if (view.openItems.length === 0) return y;
  const c = t.openColumns;
  let at = ensureSpace(doc, y, 60, onNewPage);
  at = caption(doc, t.openItems(ctx.date(view.to)), { x: LEFT, y: at, width: WIDTH });
  at = drawTable(
    doc,
    { x: LEFT, y: at, width: WIDTH },
    {
      columns: [
        { header: c.number, width: '*' },
        { header: c.issueDate, width: 72 },
        { header: c.dueDate, width: 72 },
        { header: c.daysOverdue, width: 64, align: 'right' },
        { header: `${c.amount} (${view.currency})`, width: 80, align: 'right' },
        { header: `${c.open} (${view.currency})`, width: 80, align: 'right' },
      ],
      rows: view.openItems.map((item) => {
        const credit = item.kind === 'credit_note';
        return [
          `${t.kind[item.kind]} ${item.number}`,
          ctx.date(item.issueDate),
          credit ? '' : ctx.date(item.dueDate),
          item.daysOverdue > 0 ? String(item.daysOverdue) : '',
          ctx.amount(credit ? -item.grossTotal : item.grossTotal),
          ctx.amount(credit ? -item.openAmount : item.openAmount),
        ];
      }),
      onNewPage,
    },
  );
  return at + 16;
}

export function drawClosingNote(ctx: StatementContext, y: number, onNewPage: OnNewPage): number {
  const at = ensureSpace(ctx.doc, y, 30, onNewPage);
  return textAt(
    ctx.doc,
    ctx.t.closingNote,
    { x: LEFT, y: at, width: WIDTH },
    { size: SIZE.small, color: COLOR.muted },
  );
}

/** The movements of the period between the opening and the closing balance, each with the running balance. */
import {
  COLOR,
  caption,
  drawTable,
  ensureSpace,
  type OnNewPage,
  SIZE,
  type TableColumn,
  textAt,
} from '../../../platform/pdf/index.js';
import { LEFT, type StatementContext, WIDTH } from './context.js';
import type { StatementPdfView } from './view.js';

type Line = StatementPdfView['lines'][number];

export function drawMovements(ctx: StatementContext, y: number, onNewPage: OnNewPage): number {
  const { doc, t, view } = ctx;
  const c = t.columns;
  let at = ensureSpace(doc, y, 60, onNewPage);
  at = caption(doc, t.movements, { x: LEFT, y: at, width: WIDTH });
  const columns: TableColumn[] = [
    { header: c.date, width: 62 },
    { header: c.reference, width: 92 },
    { header: c.description, width: '*' },
    { header: c.debit, width: 64, align: 'right' },
    { header: c.credit, width: 64, align: 'right' },
    { header: `${c.balance} (${view.currency})`, width: 74, align: 'right' },
  ];
  const rows: string[][] = [
    [ctx.date(view.from), '', t.openingBalance, '', '', ctx.amount(view.openingBalance)],
    ...view.lines.map((line) => [
      ctx.date(line.date),
      // A cheque is named by its number (the description says it is a cheque, in the right language).
      line.detail.chequeNumber ?? line.reference ?? '',
      describeLine(ctx, line),
      ctx.amount(line.debit, true),
      ctx.amount(line.credit, true),
      ctx.amount(line.balance),
    ]),
    ['', '', t.totals, ctx.amount(view.totals.debit), ctx.amount(view.totals.credit), ''],
    [ctx.date(view.to), '', t.closingBalance, '', '', ctx.amount(view.closingBalance)],
  ];
  at = drawTable(doc, { x: LEFT, y: at, width: WIDTH }, { columns, rows, onNewPage });
  if (view.lines.length === 0)
    at = textAt(
      doc,
      t.noMovements,
      { x: LEFT, y: at + 5, width: WIDTH },
      { size: SIZE.small, color: COLOR.muted },
    );
  return at;
}

/** The line in the document's language: its kind, then what identifies it (due date, method, reason). */
export function describeLine(ctx: StatementContext, line: Line): string {
  const { t } = ctx;
  const d = line.detail;
  const method = d.method ? (t.method[d.method] ?? d.method) : undefined;
  const parts: string[] = [];
  switch (line.kind) {
    case 'invoice':
      parts.push(t.kind.invoice);
      if (d.dueDate) parts.push(t.due(ctx.date(d.dueDate)));
      if (d.void) parts.push(t.voided);
      break;
    case 'credit_note':
      parts.push(t.kind.credit_note);
      if (d.creditedNumber) parts.push(t.creditsInvoice(d.creditedNumber));
      break;
    case 'payment':
      parts.push(method ? `${t.kind.payment} (${method})` : t.kind.payment);
      break;
    case 'payment_reversal':
      parts.push(method ? `${t.kind.payment_reversal} (${method})` : t.kind.payment_reversal);
      if (d.text) parts.push(d.text);
      break;
    case 'refund':
      parts.push(method ? `${t.kind.refund} (${method})` : t.kind.refund);
      if (d.text) parts.push(d.text);
      break;
    case 'write_off':
      parts.push(d.reversed ? t.reversedWriteOff : t.kind.write_off);
      if (d.text) parts.push(d.text);
      break;
    case 'fee':
      parts.push(t.kind.fee);
      if (d.text) parts.push(d.text);
      break;
  }
  return parts.join(' · ');
}

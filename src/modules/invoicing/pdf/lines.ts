/** The invoice lines: nature and quantity of what was supplied, price, VAT rate, net amount. */
import { drawTable, type OnNewPage, type TableColumn } from '../../../platform/pdf/index.js';
import { type InvoiceContext, LEFT, WIDTH } from './context.js';
import type { InvoicePdfView } from './view.js';

type Line = InvoicePdfView['lines'][number];

export function drawLines(ctx: InvoiceContext, y: number, onNewPage: OnNewPage): number {
  const { t, view } = ctx;
  // The discount column only appears when some line has a discount: it is rare and costs width.
  const discounts = view.lines.some((line) => line.discountPercent && Number(line.discountPercent) !== 0);
  const c = t.columns;
  const columns: TableColumn[] = [
    { header: c.line, width: 20, align: 'right' },
    { header: c.description, width: '*' },
    { header: c.quantity, width: 40, align: 'right' },
    { header: c.unit, width: 38 },
    { header: c.unitPrice, width: 62, align: 'right' },
    ...(discounts ? [{ header: c.discount, width: 40, align: 'right' } as const] : []),
    { header: c.vat, width: 42, align: 'right' },
    { header: `${c.amount} (${view.currency})`, width: 74, align: 'right' },
  ];
  const rows = view.lines.map((line, i) => [
    String(i + 1),
    line.itemCode ? `${line.description}\n${line.itemCode}` : line.description,
    ctx.decimal(line.quantity),
    line.unit,
    ctx.price(line.unitPrice),
    ...(discounts ? [line.discountPercent ? ctx.percent(line.discountPercent) : ''] : []),
    vatCell(ctx, line),
    ctx.amount(line.netAmount),
  ]);
  return drawTable(ctx.doc, { x: LEFT, y, width: WIDTH }, { columns, rows, onNewPage });
}

/** The rate, with the category code when it is not the standard one (details in the VAT summary). */
const vatCell = (ctx: InvoiceContext, line: Line): string =>
  line.taxCategory === 'S' ? ctx.percent(line.taxRate) : `${ctx.percent(line.taxRate)} ${line.taxCategory}`;

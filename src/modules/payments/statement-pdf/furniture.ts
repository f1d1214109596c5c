/** What repeats on every page: the seller's legal identity and the page number at the foot,
 * and on continuation pages a running header naming the statement. */
import { COLOR, type PageInfo, rule, SIZE, textAt } from '../../../platform/pdf/index.js';
import { LEFT, type StatementContext, WIDTH } from './context.js';

export function drawFurniture(ctx: StatementContext, page: PageInfo): void {
  const { doc, t, view } = ctx;
  const seller = view.seller;
  const footY = doc.page.height - 46;
  rule(doc, LEFT, footY - 6, WIDTH);
  const identity = [
    seller.legalName,
    seller.legalForm,
    seller.companyRegistration,
    seller.vatId && `${t.vatId} ${seller.vatId}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const small = { size: SIZE.small, color: COLOR.muted } as const;
  textAt(doc, identity, { x: LEFT, y: footY, width: WIDTH - 80 }, small);
  textAt(
    doc,
    t.page(page.number, page.count),
    { x: LEFT + WIDTH - 80, y: footY, width: 80 },
    { ...small, align: 'right' },
  );
  if (page.number > 1) {
    const period = t.periodRange(ctx.date(view.from), ctx.date(view.to));
    const running = `${t.title} · ${view.customer.name} · ${period} (${t.continued})`;
    textAt(doc, running, { x: LEFT, y: 30, width: WIDTH }, small);
  }
}

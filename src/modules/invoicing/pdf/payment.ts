/**
 * How to pay, for each method the company offers: bank transfer (with the RF creditor reference
 * and the EPC GiroCode), cheque, online payment, cash. The reference is what lets cash application
 * match the incoming payment to this invoice, so it is printed large.
 */
import {
  COLOR,
  caption,
  drawQr,
  ensureSpace,
  FONT,
  groupsOfFour,
  keyValueBlock,
  type OnNewPage,
  rule,
  SIZE,
  textAt,
  textHeight,
} from '../../../platform/pdf/index.js';
import { type InvoiceContext, LEFT, WIDTH } from './context.js';
import type { PaymentMethodView } from './view.js';

const QR_SIZE = 92;
const LABEL_WIDTH = 92;

export async function drawPayment(ctx: InvoiceContext, y: number, onNewPage: OnNewPage): Promise<number> {
  const { doc, t, view } = ctx;
  if (view.paymentMethods.length === 0) return y;
  let at = ensureSpace(doc, y, 120, onNewPage);
  at =
    textAt(doc, t.howToPay, { x: LEFT, y: at, width: WIDTH }, { font: FONT.bold, size: SIZE.heading + 1 }) +
    3;
  rule(doc, LEFT, at, WIDTH, COLOR.text);
  at += 8;
  for (const method of view.paymentMethods) {
    at = await drawMethod(ctx, method, at, onNewPage);
    at += 10;
  }
  return at;
}

async function drawMethod(
  ctx: InvoiceContext,
  method: PaymentMethodView,
  y: number,
  onNewPage: OnNewPage,
): Promise<number> {
  const { doc, t } = ctx;
  switch (method.method) {
    case 'bank_transfer': {
      const qr = method.epcQrPayload;
      const width = qr ? WIDTH - QR_SIZE - 16 : WIDTH;
      const rows: Array<[string, string]> = [
        [t.accountHolder, method.accountHolder],
        ['IBAN', groupsOfFour(method.iban)],
      ];
      if (method.bic) rows.push(['BIC', method.bic]);
      if (method.bankName) rows.push([t.bank, method.bankName]);
      rows.push([t.paymentReference, groupsOfFour(method.reference)]);
      const at = ensureSpace(doc, y, Math.max(QR_SIZE + 14, rows.length * 13 + 40), onNewPage);
      let end = caption(doc, t.bankTransfer, { x: LEFT, y: at, width });
      end = keyValueBlock(
        doc,
        rows,
        { x: LEFT, y: end, width },
        { labelWidth: LABEL_WIDTH, size: SIZE.heading, strong: ['IBAN', t.paymentReference] },
      );
      end = textAt(
        doc,
        t.quoteReference,
        { x: LEFT + LABEL_WIDTH, y: end + 1, width: width - LABEL_WIDTH },
        { color: COLOR.muted },
      );
      if (qr) {
        const x = LEFT + WIDTH - QR_SIZE;
        await drawQr(doc, qr, { x, y: at, size: QR_SIZE });
        const below = textAt(
          doc,
          t.scanToPay,
          { x: x - 10, y: at + QR_SIZE, width: QR_SIZE + 20 },
          { size: SIZE.small, color: COLOR.muted, align: 'center' },
        );
        end = Math.max(end, below);
      }
      return end;
    }
    case 'cheque': {
      const rows: Array<[string, string]> = [
        [t.payableTo, method.payableTo],
        [t.sendTo, method.mailingAddress.join('\n')],
      ];
      if (method.instructions) rows.push(['', method.instructions]);
      return block(ctx, t.cheque, rows, y, onNewPage);
    }
    case 'online': {
      const lines = [method.instructions ?? t.onlineText, ...(method.url ? [method.url] : [])];
      const at = ensureSpace(doc, y, 44, onNewPage);
      const end = caption(doc, t.online, { x: LEFT, y: at, width: WIDTH });
      const textEnd = textAt(doc, lines[0]!, { x: LEFT, y: end, width: WIDTH }, { size: SIZE.heading });
      if (!method.url) return textEnd;
      const urlY = textEnd + 2;
      const linkEnd = textAt(
        doc,
        method.url,
        { x: LEFT, y: urlY, width: WIDTH },
        { size: SIZE.heading, color: COLOR.accent },
      );
      doc.link(LEFT, urlY, Math.min(WIDTH, doc.widthOfString(method.url)), linkEnd - urlY, method.url);
      return linkEnd;
    }
    case 'cash':
      return block(ctx, t.cash, [['', method.instructions]], y, onNewPage);
  }
}

/** A captioned block of label/value rows; rows with an empty label are plain text. */
function block(
  ctx: InvoiceContext,
  title: string,
  rows: Array<[string, string]>,
  y: number,
  onNewPage: OnNewPage,
): number {
  const { doc } = ctx;
  const height =
    16 +
    rows.reduce(
      (h, [, value]) => h + textHeight(doc, value, WIDTH - LABEL_WIDTH, { size: SIZE.heading }) + 2,
      0,
    );
  const at = ensureSpace(doc, y, height, onNewPage);
  const end = caption(doc, title, { x: LEFT, y: at, width: WIDTH });
  const plain = rows.every(([label]) => label === '');
  if (plain)
    return textAt(
      doc,
      rows.map(([, v]) => v).join('\n'),
      { x: LEFT, y: end, width: WIDTH },
      { size: SIZE.heading },
    );
  return keyValueBlock(
    doc,
    rows,
    { x: LEFT, y: end, width: WIDTH },
    { labelWidth: LABEL_WIDTH, size: SIZE.heading },
  );
}

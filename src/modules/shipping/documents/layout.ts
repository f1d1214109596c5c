/** What the A4/Letter dispatch documents share: formatters, the title block, parties and page furniture. */
import {
  type AddressBlock,
  addressBlock,
  COLOR,
  FONT,
  formatDate,
  formatDecimal,
  keyValueBlock,
  type PageInfo,
  rule,
  SIZE,
  textAt,
} from '../../../platform/pdf/index.js';
import { type DocumentLabels, type DocumentLanguage, LABELS } from './labels.js';
import type { PartyView, WeightView } from './view.js';

export interface DocContext {
  doc: PDFKit.PDFDocument;
  t: DocumentLabels;
  locale: string;
  left: number;
  width: number;
  decimal: (value: string, minFraction?: number) => string;
  date: (value: string) => string;
  weight: (w: WeightView) => string;
}

export function docContext(
  doc: PDFKit.PDFDocument,
  view: { language: DocumentLanguage; locale?: string | undefined },
): DocContext {
  const t = LABELS[view.language];
  const locale = view.locale ?? t.locale;
  const left = doc.page.margins.left;
  const decimal = (value: string, minFraction = 0) => formatDecimal(value, locale, minFraction);
  return {
    doc,
    t,
    locale,
    left,
    width: doc.page.width - left - doc.page.margins.right,
    decimal,
    date: (value) => formatDate(value, locale),
    weight: (w) => `${decimal(w.value)} ${w.unit}`,
  };
}

/** Exact sum of non-negative decimal strings ("1.5" + "2.25" = "3.75"), never through a float. */
export function sumDecimals(values: readonly string[]): string {
  const scale = Math.max(0, ...values.map((v) => v.split('.')[1]?.length ?? 0));
  const total = values.reduce((sum, v) => {
    const [whole = '0', fraction = ''] = v.split('.');
    return sum + BigInt(whole + fraction.padEnd(scale, '0'));
  }, 0n);
  if (scale === 0) return total.toString();
  const digits = total.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

export const partyBlock = (party: PartyView, caption: string): AddressBlock => ({
  caption,
  name: party.name,
  lines: party.address,
  extra: [...[party.contact, party.phone].filter((v): v is string => Boolean(v)), ...party.extra].filter(
    Boolean,
  ),
});

export const TOP = 44;

/**
 * Page one's top: issuer and document title on the left, the document's references in a key/value
 * block on the right. Returns the y below both.
 */
export function drawTitle(
  ctx: DocContext,
  title: string,
  rows: ReadonlyArray<readonly [string, string]>,
  strong: readonly string[],
): number {
  const { doc, left, width } = ctx;
  const rightWidth = 230;
  textAt(
    doc,
    title.toUpperCase(),
    { x: left, y: TOP - 4, width: width - rightWidth - 10 },
    {
      font: FONT.bold,
      size: SIZE.title,
      color: COLOR.accent,
    },
  );
  const rightY = keyValueBlock(
    doc,
    rows,
    { x: left + width - rightWidth, y: TOP, width: rightWidth },
    {
      labelWidth: 92,
      strong,
    },
  );
  return Math.max(rightY, TOP + 30) + 10;
}

/** Parties side by side in equal columns, with a rule above. */
export function drawParties(ctx: DocContext, y: number, blocks: readonly AddressBlock[]): number {
  const { doc, left, width } = ctx;
  const gap = 16;
  const columnWidth = (width - gap * (blocks.length - 1)) / blocks.length;
  rule(doc, left, y, width);
  let bottom = y;
  blocks.forEach((block, i) => {
    const end = addressBlock(doc, block, {
      x: left + i * (columnWidth + gap),
      y: y + 10,
      width: columnWidth,
    });
    bottom = Math.max(bottom, end);
  });
  return bottom + 16;
}

/** Footer on every page (identity and page number) and a running header on continuation pages. */
export function drawFurniture(ctx: DocContext, page: PageInfo, footer: string, running: string): void {
  const { doc, left, width, t } = ctx;
  const footY = doc.page.height - 40;
  rule(doc, left, footY - 6, width);
  const small = { size: SIZE.small, color: COLOR.muted } as const;
  textAt(doc, footer, { x: left, y: footY, width: width - 90 }, small);
  textAt(
    doc,
    t.page(page.number, page.count),
    { x: left + width - 90, y: footY, width: 90 },
    { ...small, align: 'right' },
  );
  if (page.number > 1) textAt(doc, `${running} (${t.continued})`, { x: left, y: 30, width }, small);
}

/**
 * A 4×6 inch shipping label in ZPL II for 203 dpi thermal printers (812 × 1218 dots), from a view
 * model — a pure string builder.
 *
 * Layout, top to bottom: ship-from block, carrier + service and package n of m, ship-to block (large),
 * tracking number with a Code 128 barcode, weight, order reference and date, and the GS1-128 SSCC
 * barcode (AI 00) with its human-readable line `(00) 0 0614141 123456789 0`.
 *
 * - `^CI28`: field data is UTF-8, so accents and non-Latin names print (given a font that has them).
 * - Every text field is written with `^FH\` and the characters ZPL would read as commands are hex
 *   escaped: `^` → `\5E`, `~` → `\7E`, and the escape character itself `\` → `\5C`. Control
 *   characters (U+0000–U+001F, U+007F) are dropped. User text therefore can never end a field or the
 *   label or inject a command.
 * - The SSCC barcode is `^BC` in subset C with the GS1 FNC1: `^FD>;>800<18 digits>^FS` — `>;` starts
 *   in subset C, `>8` is FNC1, then AI `00` and the SSCC (20 digits, an even count, as subset C needs).
 *   The printer's interpretation line is off; the GS1 human-readable text is printed separately.
 */
import { compactSscc, formatSscc, isValidSscc } from './sscc.js';

export const LABEL_WIDTH_DOTS = 812;
export const LABEL_HEIGHT_DOTS = 1218;

export interface LabelAddress {
  name: string;
  company?: string | null;
  lines: string[];
  city: string;
  region?: string | null;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  phone?: string | null;
}

export interface ShippingLabelView {
  shipFrom: LabelAddress;
  shipTo: LabelAddress;
  carrier: string;
  service: string;
  trackingNumber: string;
  weight: { value: number; unit: 'kg' | 'lb' };
  packageNumber: number;
  packageCount: number;
  orderReference: string;
  sscc: string;
  /** GS1 company prefix length, to group the human-readable SSCC (default 7). */
  companyPrefixLength?: number;
  /** Ship date, `YYYY-MM-DD`. */
  shipDate?: string | null;
}

/** Escape free text for a `^FH\` field: no command, escape or control character survives. */
export function zplText(text: string, maxLength = 60): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping control characters is the point
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  const cut = [...clean].slice(0, maxLength).join('');
  return cut.replace(/[\\^~]/g, (c) => `\\${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function textField(x: number, y: number, size: number, text: string, maxLength?: number): string {
  return `^FO${x},${y}^A0N,${size},${size}^FH\\^FD${zplText(text, maxLength)}^FS`;
}

function addressLines(a: LabelAddress): string[] {
  const cityLine = [a.postalCode, a.city, a.region].filter((p) => p?.trim()).join(' ');
  return [a.name, a.company ?? '', ...a.lines, cityLine, a.country.toUpperCase()].filter(
    (l) => l.trim() !== '',
  );
}

/** Tracking numbers go into a Code 128 field: letters, digits, spaces and dashes only. */
const TRACKING_NUMBER = /^[A-Za-z0-9][A-Za-z0-9 -]{0,39}$/;

/** The ZPL II program for one package's label. Throws RangeError on an invalid SSCC or tracking number. */
export function renderZplLabel(view: ShippingLabelView): string {
  if (!isValidSscc(view.sscc)) throw new RangeError(`"${view.sscc}" is not a valid SSCC`);
  if (!TRACKING_NUMBER.test(view.trackingNumber))
    throw new RangeError(
      `tracking number "${view.trackingNumber}" may contain only letters, digits, spaces and dashes`,
    );
  if (
    !Number.isInteger(view.packageNumber) ||
    !Number.isInteger(view.packageCount) ||
    view.packageNumber < 1 ||
    view.packageNumber > view.packageCount
  )
    throw new RangeError(
      `package ${view.packageNumber} of ${view.packageCount} is not a valid package number`,
    );
  if (!(view.weight.value >= 0) || !Number.isFinite(view.weight.value))
    throw new RangeError(`weight ${view.weight.value} is not a valid weight`);

  const sscc = compactSscc(view.sscc);
  const out: string[] = ['^XA', '^CI28', `^PW${LABEL_WIDTH_DOTS}`, `^LL${LABEL_HEIGHT_DOTS}`, '^LH0,0'];

  // Ship from (small), top left.
  out.push(textField(30, 30, 22, 'FROM'));
  addressLines(view.shipFrom)
    .slice(0, 6)
    .forEach((line, i) => {
      out.push(textField(30, 58 + i * 26, 24, line, 40));
    });
  // Carrier, service, package n of m, top right.
  out.push(textField(520, 30, 34, view.carrier, 16));
  out.push(textField(520, 72, 26, view.service, 20));
  out.push(textField(520, 120, 40, `${view.packageNumber} of ${view.packageCount}`, 12));
  out.push('^FO20,220^GB772,3,3^FS');

  // Ship to (large).
  out.push(textField(30, 240, 24, 'SHIP TO'));
  addressLines(view.shipTo)
    .slice(0, 7)
    .forEach((line, i) => {
      out.push(textField(50, 274 + i * 42, 38, line, 32));
    });
  out.push('^FO20,580^GB772,3,3^FS');

  // Tracking number and its barcode.
  out.push(textField(30, 600, 24, `TRACKING #  ${view.trackingNumber}`, 60));
  out.push(`^FO60,635^BY3^BCN,140,N,N,N^FD${view.trackingNumber}^FS`);
  out.push('^FO20,800^GB772,3,3^FS');

  // Weight, order reference, date.
  const weight = `${view.weight.value.toFixed(view.weight.unit === 'kg' ? 2 : 1)} ${view.weight.unit.toUpperCase()}`;
  out.push(textField(30, 815, 28, `WEIGHT ${weight}`, 30));
  out.push(textField(420, 815, 28, `ORDER ${view.orderReference}`, 24));
  if (view.shipDate) out.push(textField(30, 850, 24, `SHIP DATE ${view.shipDate}`, 30));
  out.push('^FO20,885^GB772,3,3^FS');

  // SSCC: GS1-128, AI 00, FNC1 in subset C.
  out.push(textField(30, 900, 24, 'SSCC'));
  out.push(`^FO70,935^BY3^BCN,200,N,N,N^FD>;>800${sscc}^FS`);
  out.push(textField(110, 1150, 34, formatSscc(sscc, view.companyPrefixLength ?? 7), 40));

  out.push('^PQ1');
  out.push('^XZ');
  return `${out.join('\n')}\n`;
}

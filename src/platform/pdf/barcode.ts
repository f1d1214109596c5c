/**
 * Linear barcodes encoded with bwip-js: GS1-128 (the SSCC on shipping labels, AI syntax "(00)…") and
 * plain Code 128 (carrier tracking numbers). bwip-js gives the bar/space widths (`raw`); they become a
 * one-pixel-high greyscale PNG, one pixel per module, stretched to the placement: bars stay exact
 * multiples of one module, the image is ~200 bytes and pdfkit embeds it without decoding (bwip-js's
 * own RGBA PNGs cost four times as much to make and embed). Human-readable text is left to the
 * document (in Inter, where it wants it).
 */
import { crc32, deflateSync } from 'node:zlib';
import bwipjs from 'bwip-js';

export interface BarcodePlacement {
  x: number;
  y: number;
  /** Width of the bars in points; the quiet zone (10 modules each side) is drawn around it, not inside. */
  width: number;
  /** Height of the bars in points. */
  height: number;
}

export class InvalidBarcodeError extends Error {
  constructor(symbology: string, data: string, reason: string) {
    super(`Cannot draw ${symbology} for "${data}": ${reason}`);
    this.name = 'InvalidBarcodeError';
  }
}

function encode(bcid: string, text: string, symbology: string): number[] {
  try {
    const [symbol] = bwipjs.raw({ bcid, text }) as Array<{ sbs?: number[] }>;
    if (!symbol?.sbs) throw new Error('bwip-js returned no bar pattern');
    return symbol.sbs;
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^bwipp\.\w+#\d+:\s*/, '') : String(error);
    throw new InvalidBarcodeError(symbology, text, reason);
  }
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_END = chunk('IEND', Buffer.alloc(0));

/** Bars (starting with a bar, alternating with spaces) as a 1 px high, 8-bit greyscale PNG. */
export function barsToPng(sbs: readonly number[]): Buffer {
  const modules = sbs.reduce((sum, w) => sum + w, 0);
  const row = Buffer.alloc(1 + modules, 0xff); // filter byte 0, then white
  row[0] = 0;
  let x = 1;
  sbs.forEach((width, i) => {
    if (i % 2 === 0) row.fill(0, x, x + width);
    x += width;
  });
  const header = Buffer.alloc(13);
  header.writeUInt32BE(modules, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 0, 0, 0, 0], 8); // bit depth 8, greyscale, deflate, no filter, no interlace
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(row)), PNG_END]);
}

function place(doc: PDFKit.PDFDocument, sbs: readonly number[], at: BarcodePlacement): number {
  const png = barsToPng(sbs);
  const modules = png.readUInt32BE(16);
  const quiet = (at.width / modules) * 10;
  doc
    .save()
    .rect(at.x - quiet, at.y, at.width + 2 * quiet, at.height)
    .fill('#ffffff')
    .restore();
  doc.image(png, at.x, at.y, { width: at.width, height: at.height });
  return modules;
}

/**
 * GS1-128 from element strings in AI syntax, e.g. `(00)106141411234567897` for an SSCC. bwip-js
 * checks the AIs and their check digits, so a bad SSCC throws instead of printing a wrong label.
 * Returns the number of modules, so callers can check the X-dimension (width / modules).
 */
export async function drawGs1_128(
  doc: PDFKit.PDFDocument,
  data: string,
  at: BarcodePlacement,
): Promise<number> {
  if (!/^(\(\d{2,4}\)[^()]+)+$/.test(data))
    throw new InvalidBarcodeError('GS1-128', data, 'expected AI syntax such as (00)123456789012345675');
  return place(doc, encode('gs1-128', data, 'GS1-128'), at);
}

/** Code 128 of any printable ASCII text, e.g. a carrier tracking number. */
export async function drawCode128(
  doc: PDFKit.PDFDocument,
  data: string,
  at: BarcodePlacement,
): Promise<number> {
  if (!/^[\x20-\x7e]{1,80}$/.test(data))
    throw new InvalidBarcodeError('Code 128', data, 'expected 1–80 printable ASCII characters');
  return place(doc, encode('code128', data, 'Code 128'), at);
}

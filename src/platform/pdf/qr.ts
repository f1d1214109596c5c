/** QR codes drawn with bwip-js (the same library will draw GS1-128 on shipping labels). */
import bwipjs from 'bwip-js';

export interface QrPlacement {
  x: number;
  y: number;
  /** Side of the square in points, quiet zone included. */
  size: number;
}

/** bwip-js draws a QR module as 2 px per unit of scale. */
const SCALE = 2;
const PX_PER_MODULE = 2 * SCALE;
const QUIET_MODULES = 4;

/**
 * Draws a QR code with error correction M (what the EPC GiroCode requires) and its 4-module quiet
 * zone; bwip-js encodes the text as UTF-8. The quiet zone is drawn here, not by bwip-js: its
 * `padding` option with a scale above 1 produced images thousands of pixels wide (bwip-js 4.11).
 */
export async function drawQr(doc: PDFKit.PDFDocument, payload: string, at: QrPlacement): Promise<void> {
  const options: bwipjs.RenderOptions & { eclevel: 'L' | 'M' | 'Q' | 'H' } = {
    bcid: 'qrcode',
    text: payload,
    eclevel: 'M',
    scale: SCALE,
  };
  const png = await bwipjs.toBuffer(options);
  const modules = png.readUInt32BE(16) / PX_PER_MODULE; // IHDR width
  const quiet = (at.size * QUIET_MODULES) / (modules + 2 * QUIET_MODULES);
  doc.save().rect(at.x, at.y, at.size, at.size).fill('#ffffff').restore();
  doc.image(png, at.x + quiet, at.y + quiet, { width: at.size - 2 * quiet, height: at.size - 2 * quiet });
}

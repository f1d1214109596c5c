import type { PackageInput, PackagingType, Shipment, ShipmentLine } from '../../../api/types.js';

export interface PackageDraft {
  key: number;
  packaging: PackagingType;
  /** Kilograms as typed, e.g. "12.5". */
  weight: string;
  length: string;
  width: string;
  height: string;
  /** Units per shipment line id. */
  contents: Record<string, number>;
}

let packageKey = 0;
export const newPackage = (): PackageDraft => ({
  key: ++packageKey,
  packaging: 'carton',
  weight: '',
  length: '',
  width: '',
  height: '',
  contents: {},
});

/** Units of a line packed across all packages. */
export const packedOf = (packages: readonly PackageDraft[], lineId: string): number =>
  packages.reduce((n, p) => n + (p.contents[lineId] ?? 0), 0);

/** GTINs compared at 14 digits (a GTIN-13 scanned as 0 + 13 digits is the same product). */
export const gtinKey = (code: string) => (/^\d{8,14}$/.test(code) ? code.padStart(14, '0') : null);

export type ScanResult =
  | { ok: true; line: ShipmentLine; quantity: number; packages: PackageDraft[] }
  | { ok: false; message: string };

/**
 * A scanned or typed code (SKU or GTIN, optionally "3*CODE" for three units) added to the current
 * package: the matching shipment line is incremented, never beyond the units it ships.
 */
export function applyScan(
  input: string,
  shipment: Shipment,
  gtins: ReadonlyMap<string, string>,
  packages: readonly PackageDraft[],
  currentKey: number,
): ScanResult {
  const match = /^\s*(?:(\d{1,4})\s*[*x×]\s*)?(\S.*?)\s*$/i.exec(input);
  if (!match?.[2]) return { ok: false, message: 'Scan or type a SKU or a GTIN.' };
  const quantity = match[1] ? Number(match[1]) : 1;
  const code = match[2];
  const byGtin = gtinKey(code);
  const line =
    shipment.lines.find((l) => l.sku.toLowerCase() === code.toLowerCase()) ??
    (byGtin ? shipment.lines.find((l) => gtins.get(l.productId) === byGtin) : undefined);
  if (!line) return { ok: false, message: `No line of this shipment has the SKU or GTIN “${code}”.` };
  if (quantity < 1) return { ok: false, message: 'The quantity must be at least 1.' };
  const packed = packedOf(packages, line.id);
  if (packed + quantity > line.quantity)
    return {
      ok: false,
      message: `${line.sku}: ${packed} of ${line.quantity} already packed; ${quantity} more would be too many.`,
    };
  return {
    ok: true,
    line,
    quantity,
    packages: packages.map((p) =>
      p.key === currentKey
        ? { ...p, contents: { ...p.contents, [line.id]: (p.contents[line.id] ?? 0) + quantity } }
        : p,
    ),
  };
}

const whole = (text: string): number | null => (/^\s*\d+\s*$/.test(text) ? Number(text.trim()) : null);

/** Kilograms with up to 3 decimals as whole grams; null when unreadable (the server names the field). */
export function grams(kg: string): number | null {
  const m = /^\s*(\d+)(?:[.,](\d{1,3}))?\s*$/.exec(kg);
  if (!m) return null;
  return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
}

/** The pack request: contents are left out for a single package nothing was scanned into (it holds all). */
export function packInput(packages: readonly PackageDraft[]): PackageInput[] {
  return packages.map((p) => {
    const contents = Object.entries(p.contents)
      .filter(([, n]) => n > 0)
      .map(([shipmentLineId, quantity]) => ({ shipmentLineId, quantity }));
    const dims = [p.length, p.width, p.height];
    const dimensionsMm = dims.some((d) => d.trim())
      ? {
          length: whole(p.length) as number,
          width: whole(p.width) as number,
          height: whole(p.height) as number,
        }
      : null;
    return {
      packaging: p.packaging,
      weightGrams: grams(p.weight) as number,
      dimensionsMm,
      ...(contents.length > 0 || packages.length > 1 ? { contents } : {}),
    };
  });
}

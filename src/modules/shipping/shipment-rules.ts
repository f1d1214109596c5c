/**
 * Pure rules of shipments (no I/O; unit-tested in shipment-rules.test.ts): which order lines a shipment
 * may take and how many units, whether packages hold exactly the shipment's lines, tracking links, and
 * the decimal forms of weights and dimensions printed on documents.
 */
import { conflict, validationError } from '../../platform/errors.js';
import type { Order, OrderLine } from '../orders/index.js';

export interface PackageContent {
  shipmentLineId: string;
  quantity: number;
}

export interface Chosen {
  line: OrderLine;
  quantity: number;
}

export const orderName = (order: Pick<Order, 'number' | 'id'>) => `Order ${order.number ?? order.id}`;

/**
 * Checks the requested lines: each a line of the order, none twice, all from one warehouse (a shipment
 * leaves from one), and at most `limit(line).max` units each (a 409 naming the line and SKU, with
 * `limit(line).why` saying what is there). Field paths follow the request: `lines.N.…`.
 */
export function chooseLines(
  order: Pick<Order, 'number' | 'id' | 'lines'>,
  requested: readonly { orderLineId: string; quantity: number }[],
  limit: (line: OrderLine) => { max: number; why: string },
): Chosen[] {
  const byId = new Map(order.lines.map((l) => [l.id, l]));
  const seen = new Set<string>();
  const chosen: Chosen[] = [];
  for (const [i, r] of requested.entries()) {
    const line = byId.get(r.orderLineId);
    if (!line)
      throw validationError(`Line ${i + 1}: ${orderName(order)} has no line "${r.orderLineId}".`, [
        { path: `lines.${i}.orderLineId`, message: 'is not a line of this order' },
      ]);
    if (seen.has(line.id))
      throw validationError(`Line ${i + 1}: order line ${line.position} (${line.sku}) is listed twice.`, [
        { path: `lines.${i}.orderLineId`, message: 'is listed twice' },
      ]);
    seen.add(line.id);
    const first = chosen[0]?.line;
    if (first && first.warehouseId !== line.warehouseId)
      throw validationError(
        `Line ${i + 1}: ${line.sku} ships from another warehouse than ${first.sku}; a shipment leaves from one warehouse.`,
        [{ path: `lines.${i}.orderLineId`, message: 'ships from another warehouse than the first line' }],
      );
    const { max, why } = limit(line);
    if (r.quantity > max)
      throw conflict(
        `Cannot ship ${r.quantity} of ${line.sku} (line ${line.position} of ${orderName(order)}): ${why}.`,
        [{ path: `lines.${i}.quantity`, message: `${line.sku}: at most ${Math.max(0, max)}` }],
      );
    chosen.push({ line, quantity: r.quantity });
  }
  return chosen;
}

/**
 * Checks that the packages hold every unit of every shipment line exactly once and returns each
 * package's contents. One package may leave its contents out: it holds everything.
 */
export function packageContents(
  packages: readonly { contents?: readonly PackageContent[] | undefined }[],
  lines: readonly { id: string; sku: string; quantity: number }[],
): PackageContent[][] {
  const byId = new Map(lines.map((l) => [l.id, l]));
  const contents = packages.map((pkg, p) => {
    if (!pkg.contents) {
      if (packages.length > 1)
        throw validationError(`Package ${p + 1}: say what it contains (there are several packages).`, [
          { path: `packages.${p}.contents`, message: 'is required when there are several packages' },
        ]);
      return lines.map((l) => ({ shipmentLineId: l.id, quantity: Number(l.quantity) }));
    }
    const seen = new Set<string>();
    return pkg.contents.map((c, i) => {
      const path = `packages.${p}.contents.${i}`;
      if (!byId.has(c.shipmentLineId))
        throw validationError(`Package ${p + 1}: "${c.shipmentLineId}" is not a line of this shipment.`, [
          { path: `${path}.shipmentLineId`, message: 'is not a line of this shipment' },
        ]);
      if (seen.has(c.shipmentLineId))
        throw validationError(`Package ${p + 1}: a line is listed twice.`, [
          { path: `${path}.shipmentLineId`, message: 'is listed twice in this package' },
        ]);
      seen.add(c.shipmentLineId);
      return { shipmentLineId: c.shipmentLineId, quantity: c.quantity };
    });
  });
  const packed = new Map<string, number>();
  for (const list of contents)
    for (const c of list) packed.set(c.shipmentLineId, (packed.get(c.shipmentLineId) ?? 0) + c.quantity);
  for (const l of lines) {
    const n = packed.get(l.id) ?? 0;
    if (n !== Number(l.quantity))
      throw validationError(
        `The packages hold ${n} of ${l.sku} but the shipment ships ${l.quantity}; every unit must be in exactly one package.`,
        [{ path: 'packages', message: `${l.sku}: ${n} packed of ${l.quantity}` }],
      );
  }
  return contents;
}

/** The carrier's tracking page for a number, from its `{trackingNumber}` template (null without one). */
export function trackingUrl(template: string | null, trackingNumber: string): string | null {
  if (!template) return null;
  return template.split('{trackingNumber}').join(encodeURIComponent(trackingNumber));
}

/** Grams as kilograms with up to three decimals, as a decimal string ("12.5"). */
export function kilograms(grams: number): string {
  const whole = Math.floor(grams / 1000);
  const rest = String(grams % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : String(whole);
}

/** Millimetres as centimetres with up to one decimal, as a decimal string ("40", "12.5"). */
export function centimetres(mm: number): string {
  const whole = Math.floor(mm / 10);
  return mm % 10 === 0 ? String(whole) : `${whole}.${mm % 10}`;
}

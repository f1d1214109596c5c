/**
 * Demo shipments for the demo orders, in several states: shipped and delivered, shipped, packed,
 * picked, and a partial draft (the rest stays backordered). Two demo carriers are added when missing.
 * Safe to run twice: an order that already has a shipment is left alone.
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { transaction } from '../../platform/db/transaction.js';
import { findCustomerByCode } from '../customers/index.js';
import type { Progress } from '../module.js';
import { DEMO_ORDERS, findDemoOrder } from '../orders/index.js';
import { createCarrier, findCarrierRowByCode } from './carriers.js';
import {
  completeDelivery,
  createShipment,
  packShipment,
  pickShipment,
  shipShipment,
} from './shipments-service.js';
import * as store from './store.js';

const DEMO_CARRIERS = [
  {
    code: 'DEMO-PARCEL',
    name: 'Demo Parcel Express',
    scac: null,
    trackingUrlTemplate: 'https://track.demo-parcel.example/?n={trackingNumber}',
  },
  {
    code: 'DEMO-FREIGHT',
    name: 'Demo Freight Lines',
    scac: 'DMFL',
    trackingUrlTemplate: 'https://freight.demo.example/pro/{trackingNumber}',
  },
] as const;

type Target = 'delivered' | 'shipped' | 'packed' | 'picked' | 'partial';

const PLAN: Record<string, Target> = {
  'DEMO-PO-1': 'delivered',
  'DEMO-PO-2': 'shipped',
  'DEMO-PO-3': 'packed',
  'DEMO-PO-4': 'picked',
  'DEMO-PO-5': 'partial',
};

async function carrierId(ctx: AppContext, actor: Actor, index: 0 | 1): Promise<string> {
  const demo = DEMO_CARRIERS[index];
  const existing = await findCarrierRowByCode(ctx.db, demo.code);
  if (existing) return existing.id;
  return (await createCarrier(ctx, actor, { ...demo, webhookFormat: 'duely', active: true })).carrier.id;
}

export async function seedDemoShipments(ctx: AppContext, actor: Actor, progress: Progress): Promise<void> {
  const carriers = [await carrierId(ctx, actor, 0), await carrierId(ctx, actor, 1)] as const;
  let created = 0;
  for (const [n, demo] of DEMO_ORDERS.entries()) {
    const target = PLAN[demo.reference];
    if (!target) continue;
    const customer = await findCustomerByCode(ctx, demo.customer);
    const order = customer ? await findDemoOrder(ctx, customer.id, demo.reference) : undefined;
    if (!order || (await store.shipmentsOfOrder(ctx.db, order.id)).length > 0) continue;
    if (order.status !== 'confirmed') continue;
    // Only what the order could reserve ships in the demo; backordered units wait for stock.
    const reserved = order.lines.filter((l) => l.reserved > 0);
    if (reserved.length === 0) continue;
    const lines =
      target === 'partial'
        ? [{ orderLineId: reserved[0]!.id, quantity: Math.max(1, Math.floor(reserved[0]!.reserved / 2)) }]
        : reserved.map((l) => ({ orderLineId: l.id, quantity: l.reserved }));
    const shipment = await createShipment(ctx, actor, { orderId: order.id, lines });
    created++;
    if (target === 'partial') continue;
    await pickShipment(ctx, actor, shipment.id);
    if (target === 'picked') continue;
    const half = shipment.lines.length > 1 ? Math.ceil(shipment.lines.length / 2) : 1;
    const groups =
      shipment.lines.length > 1
        ? [shipment.lines.slice(0, half), shipment.lines.slice(half)]
        : [shipment.lines];
    await packShipment(ctx, actor, shipment.id, {
      packages: groups.map((group, g) => ({
        packaging: 'carton',
        weightGrams: 4200 + 850 * g + 310 * n,
        dimensionsMm: { length: 400, width: 300, height: 250 },
        contents: group.map((l) => ({ shipmentLineId: l.id, quantity: l.quantity })),
      })),
    });
    if (target === 'packed') continue;
    const freight = n % 2 === 1;
    await shipShipment(ctx, actor, shipment.id, {
      carrierId: freight ? carriers[1] : carriers[0],
      service: freight ? 'LTL Standard' : 'Express 24h',
      trackingNumbers: [`DEMO${String(n + 1).padStart(4, '0')}${shipment.number.slice(-6)}`],
      ...(freight ? { proNumber: `PRO-${shipment.number.slice(-6)}`, freightTerms: 'prepaid' as const } : {}),
    });
    if (target === 'delivered')
      await transaction(ctx, actor, (tx) => completeDelivery(tx, shipment.id, tx.now));
  }
  progress(`shipping: ${created} demo shipment(s) created`);
}

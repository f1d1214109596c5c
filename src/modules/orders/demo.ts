/**
 * Demo sales orders: a few confirmed orders of demo customers for demo products (Lyon warehouse), one
 * with a backorder. Safe to run twice: an order is matched by its customer reference (DEMO-PO-n).
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { findProductBySku, findWarehouseByCode } from '../catalog/index.js';
import { findCustomerByCode } from '../customers/index.js';
import type { Progress } from '../module.js';
import { confirmOrder, createOrder, listOrders } from './service.js';

interface DemoOrder {
  reference: string;
  customer: string;
  lines: [sku: string, quantity: number][];
  promisedShipDate?: string;
  incoterm?: string;
}

export const DEMO_ORDERS: readonly DemoOrder[] = [
  {
    reference: 'DEMO-PO-1',
    customer: 'C-00001',
    lines: [
      ['MUG-300-WHT', 24],
      ['PLT-270-WHT', 12],
    ],
    incoterm: 'DAP',
  },
  {
    reference: 'DEMO-PO-2',
    customer: 'C-00002',
    lines: [
      ['GLS-250-CLR', 10],
      ['CUT-FRK-SS', 48],
      ['CUT-KNF-SS', 48],
    ],
  },
  {
    reference: 'DEMO-PO-3',
    customer: 'C-00003',
    lines: [
      ['PAN-FRY-28', 6],
      ['PAN-SAU-20', 6],
    ],
  },
  {
    reference: 'DEMO-PO-4',
    customer: 'C-00004',
    lines: [
      ['COF-BEA-1K', 20],
      ['TEA-GRN-250', 30],
    ],
  },
  {
    reference: 'DEMO-PO-5',
    customer: 'C-00005',
    lines: [
      ['BRD-OAK-40', 8],
      ['TWL-TEA-CTN', 15],
    ],
  },
  // More than the demo stock holds: confirmed with a backorder.
  { reference: 'DEMO-PO-6', customer: 'C-00001', lines: [['POT-STK-8L', 5000]] },
];

/** The demo order with this customer reference, if it exists. */
export async function findDemoOrder(ctx: AppContext, customerId: string, reference: string) {
  const orders = await listOrders(ctx, { customerId, limit: 500 });
  return orders.find((o) => o.customerReference === reference);
}

export async function seedDemoOrders(ctx: AppContext, actor: Actor, progress: Progress): Promise<void> {
  const warehouse = await findWarehouseByCode(ctx.db, 'LYON-1');
  if (!warehouse) {
    progress('orders: no demo warehouse LYON-1, no demo orders');
    return;
  }
  let created = 0;
  for (const demo of DEMO_ORDERS) {
    const customer = await findCustomerByCode(ctx, demo.customer);
    if (!customer || (await findDemoOrder(ctx, customer.id, demo.reference))) continue;
    const lines = [];
    for (const [sku, quantity] of demo.lines) {
      const product = await findProductBySku(ctx.db, sku);
      if (product) lines.push({ productId: product.id, warehouseId: warehouse.id, quantity });
    }
    if (lines.length === 0) continue;
    const order = await createOrder(ctx, actor, {
      customerId: customer.id,
      lines,
      customerReference: demo.reference,
      incoterm: demo.incoterm ?? null,
      incotermPlace: demo.incoterm ? (customer.shippingAddress?.city ?? customer.billingAddress.city) : null,
      notes: null,
    });
    await confirmOrder(ctx, actor, order.id);
    created++;
  }
  progress(`orders: ${created} demo order(s) created and confirmed`);
}

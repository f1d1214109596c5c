/** The orders and shipments demo data: confirmed orders and shipments in several states, seeded once. */
import { expect, it } from 'vitest';
import { catalogModule } from '../../src/modules/catalog/index.js';
import { customersModule } from '../../src/modules/customers/index.js';
import { ordersModule } from '../../src/modules/orders/index.js';
import { listShipments, shippingModule } from '../../src/modules/shipping/index.js';
import { systemActor } from '../../src/platform/auth/actor.js';
import { describeEachApp } from '../support/app.js';

describeEachApp('orders and shipments demo data', (get) => {
  it('seeds confirmed orders and shipments in several states, and nothing more the second time', async () => {
    const t = get();
    const messages: string[] = [];
    const seed = async () => {
      for (const module of [customersModule, catalogModule, ordersModule, shippingModule])
        await module.seedDemo?.(t.ctx, systemActor('seed'), (m) => messages.push(m));
    };
    await seed();
    expect(messages).toContain('orders: 6 demo order(s) created and confirmed');
    expect(messages.some((m) => m.startsWith('shipping: 5 demo shipment(s) created'))).toBe(true);
    const shipments = await listShipments(t.ctx, { limit: 100 });
    expect(shipments.map((s) => s.status).sort()).toEqual([
      'delivered',
      'draft',
      'packed',
      'picked',
      'shipped',
    ]);
    const shipped = shipments.filter((s) => s.status === 'shipped' || s.status === 'delivered');
    for (const s of shipped) {
      expect(s.trackingNumbers[0]!.url).toMatch(/^https:\/\//);
      expect(s.documents.map((d) => d.kind)).toEqual(expect.arrayContaining(['label_pdf', 'label_zpl']));
    }
    await seed();
    expect(messages).toContain('orders: 0 demo order(s) created and confirmed');
    expect(messages).toContain('shipping: 0 demo shipment(s) created');
    expect(await listShipments(t.ctx, { limit: 100 })).toHaveLength(5);
  }, 120_000);
});

/** Demo products (with GTINs, HS codes, weights), two warehouses and opening receipts; safe to run twice (matched by SKU/code). */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { transaction } from '../../platform/db/transaction.js';
import type { Progress } from '../module.js';
import { createProductInTx, createWarehouseInTx, toWarehouse } from './products-service.js';
import { gs1CheckDigit } from './rules.js';
import type { CreateWarehouseInput } from './schemas.js';
import { receiveStockInTx } from './stock.js';
import * as store from './store.js';

type Demo = [
  sku: string,
  name: string,
  hsCode: string,
  origin: string,
  weightG: number,
  dims: [number, number, number],
  priceCents: number,
  unit?: string,
];

const DEMO_PRODUCTS: Demo[] = [
  ['MUG-300-WHT', 'Stoneware mug 300 ml, white', '691200', 'PT', 380, [120, 90, 100], 690],
  ['MUG-300-BLK', 'Stoneware mug 300 ml, black', '691200', 'PT', 380, [120, 90, 100], 690],
  ['PLT-270-WHT', 'Porcelain dinner plate 27 cm', '691110', 'DE', 720, [270, 270, 25], 1290],
  ['BWL-150-WHT', 'Porcelain bowl 15 cm', '691110', 'DE', 410, [150, 150, 70], 890],
  ['GLS-250-CLR', 'Tumbler glass 250 ml (box of 6)', '701337', 'FR', 1500, [260, 180, 100], 1490, 'box'],
  ['GLS-WIN-450', 'Wine glass 450 ml (box of 6)', '701322', 'CZ', 1350, [300, 200, 230], 2490, 'box'],
  ['CUT-FRK-SS', 'Table fork, stainless steel', '821599', 'DE', 55, [200, 25, 10], 350],
  ['CUT-KNF-SS', 'Table knife, stainless steel', '821191', 'DE', 80, [230, 20, 10], 420],
  ['CUT-SPN-SS', 'Table spoon, stainless steel', '821599', 'DE', 60, [200, 40, 10], 350],
  ['PAN-FRY-28', 'Frying pan 28 cm, cast aluminium', '761510', 'IT', 1350, [500, 290, 60], 3990],
  ['PAN-SAU-20', 'Saucepan 20 cm with lid', '732393', 'IT', 1600, [380, 210, 150], 4590],
  ['POT-STK-8L', 'Stock pot 8 l', '732393', 'IT', 2800, [300, 300, 220], 6990],
  ['BRD-OAK-40', 'Oak cutting board 40 cm', '441900', 'FR', 1900, [400, 250, 30], 3490],
  ['TWL-TEA-CTN', 'Cotton tea towel (pack of 3)', '630291', 'PT', 240, [250, 200, 30], 1190, 'pack'],
  ['NAP-LIN-WHT', 'Linen napkin, white (pack of 4)', '630299', 'LT', 320, [220, 160, 40], 2190, 'pack'],
  ['CND-BEE-20', 'Beeswax candle 20 cm (pack of 2)', '340600', 'PL', 310, [210, 60, 30], 990, 'pack'],
  ['COF-BEA-1K', 'Coffee beans, espresso roast 1 kg', '090121', 'IT', 1030, [260, 130, 80], 2290, 'bag'],
  ['TEA-GRN-250', 'Green tea, loose leaf 250 g', '090210', 'JP', 280, [150, 90, 60], 1490, 'tin'],
  ['SUG-CUB-1K', 'Sugar cubes 1 kg', '170199', 'FR', 1020, [180, 110, 70], 290, 'box'],
  ['OIL-OLV-750', 'Extra virgin olive oil 750 ml', '150920', 'ES', 1250, [70, 70, 300], 1290, 'bottle'],
  ['VIN-BAL-500', 'Balsamic vinegar 500 ml', '220900', 'IT', 900, [65, 65, 280], 890, 'bottle'],
  ['SAL-SEA-500', 'Sea salt flakes 500 g', '250100', 'GB', 540, [120, 120, 90], 590, 'tub'],
  ['PAS-SPA-500', 'Spaghetti 500 g', '190219', 'IT', 510, [280, 70, 30], 210, 'pack'],
  ['CHO-DRK-100', 'Dark chocolate 70% 100 g', '180632', 'BE', 110, [160, 80, 10], 290, 'bar'],
  ['JAM-APR-370', 'Apricot jam 370 g', '200799', 'FR', 560, [80, 80, 110], 450, 'jar'],
  ['HON-ACA-500', 'Acacia honey 500 g', '040900', 'HU', 690, [90, 90, 120], 890, 'jar'],
  ['BOX-SHP-S', 'Shipping box S 300×200×150', '481910', 'NL', 180, [300, 200, 150], 120],
  ['BOX-SHP-M', 'Shipping box M 400×300×200', '481910', 'NL', 310, [400, 300, 200], 180],
  ['TAP-PKG-50', 'Packing tape 50 mm × 66 m', '391910', 'DE', 290, [120, 120, 50], 250, 'roll'],
  ['LBL-4X6-500', 'Thermal labels 4×6 in (roll of 500)', '482110', 'US', 1150, [120, 120, 105], 1890, 'roll'],
];

const DEMO_WAREHOUSES: CreateWarehouseInput[] = [
  {
    code: 'LYON-1',
    name: 'Lyon distribution centre',
    address: {
      line1: '40 avenue Jean Mermoz',
      line2: null,
      postalCode: '69008',
      city: 'Lyon',
      region: null,
      country: 'FR',
    },
    active: true,
  },
  {
    code: 'HAM-1',
    name: 'Hamburg port warehouse',
    address: {
      line1: 'Am Sandtorkai 50',
      line2: null,
      postalCode: '20457',
      city: 'Hamburg',
      region: null,
      country: 'DE',
    },
    active: true,
  },
];

/** A GTIN-13 under a demo company prefix, with its check digit. */
const demoGtin = (index: number) => {
  const body = `400638${String(100_000 + index).slice(-6)}`;
  return `${body}${gs1CheckDigit(body)}`;
};

export async function seedDemoCatalog(ctx: AppContext, actor: Actor, progress: Progress): Promise<void> {
  await transaction(ctx, actor, async (tx) => {
    const warehouses = [];
    for (const input of DEMO_WAREHOUSES) {
      const existing = await store.findWarehouseByCode(tx.db, input.code);
      warehouses.push(existing ? toWarehouse(existing) : await createWarehouseInTx(tx, input));
    }
    let created = 0;
    for (const [i, [sku, name, hsCode, origin, weightG, dims, cents, unit]] of DEMO_PRODUCTS.entries()) {
      if (await store.findProductBySku(tx.db, sku)) continue;
      const product = await createProductInTx(tx, {
        sku,
        name,
        gtin: demoGtin(i + 1),
        unit: unit ?? 'pcs',
        weightGrams: weightG,
        dimensionsMm: { length: dims[0], width: dims[1], height: dims[2] },
        hsCode,
        countryOfOrigin: origin,
        price: { amount: cents, currency: 'EUR' },
        active: true,
      });
      created++;
      for (const [w, warehouse] of warehouses.entries()) {
        // A few products are out of stock in one warehouse, so backorders show up in the demo.
        const quantity = (i + w) % 7 === 0 ? 0 : 20 + ((i * 37 + w * 11) % 180);
        if (quantity > 0)
          await receiveStockInTx(tx, {
            productId: product.id,
            warehouseId: warehouse.id,
            quantity,
            reference: { type: 'purchase_order', id: `PO-DEMO-${String(i + 1).padStart(3, '0')}` },
          });
      }
    }
    progress(`catalog: ${created} demo products, ${warehouses.length} warehouses`);
  });
}

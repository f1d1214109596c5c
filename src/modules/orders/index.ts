/**
 * The orders module's public surface: sales orders, their lifecycle, stock reservations and backorders,
 * and `recordShipped` for the shipping module (inside its transaction, `tx`).
 */
import type { DuelyModule } from '../module.js';
import { seedDemoOrders } from './demo.js';
import { ordersRoutes } from './routes.js';

export { DEMO_ORDERS, findDemoOrder } from './demo.js';
export { ordersPermissions } from './permissions.js';
export type { Incoterm, LineQuantities } from './rules.js';
export { INCOTERMS_2020, isIncoterm, openQuantity } from './rules.js';
export type {
  Address as OrderAddress,
  CreateOrderInput,
  InvoiceFromOrderInput,
  Order,
  OrderLine,
  UpdateOrderInput,
} from './schemas.js';
export type { RecordShippedArgs, RecordShippedResult } from './service.js';
export {
  cancelOrder,
  confirmOrder,
  createOrder,
  getOrder,
  invoiceOrder,
  listOrders,
  loadOrder,
  lockOrderForShipping,
  orderNumbers,
  recordDelivered,
  recordShipped,
  updateOrder,
} from './service.js';

export const ordersModule: DuelyModule = {
  name: 'orders',
  routes: (ctx) => ordersRoutes(ctx),
  seedDemo: (ctx, actor, progress) => seedDemoOrders(ctx, actor, progress),
};

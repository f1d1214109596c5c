/**
 * The catalog module's public surface: products, warehouses, and the stock ledger. The orders and
 * shipping modules move stock only through the functions here, inside their own transactions
 * (`tx`), so a reservation or a dispatch commits or rolls back together with the order or shipment.
 */
import type { AnyDb } from '../../platform/db/database.js';
import type { DuelyModule } from '../module.js';
import { seedDemoCatalog } from './demo.js';
import { toProduct, toWarehouse } from './products-service.js';
import { catalogRoutes } from './routes.js';
import { normalizeCode } from './rules.js';
import type { Product, Warehouse } from './schemas.js';
import * as store from './store.js';

export type { CountImportResult, ProductImportResult } from './csv.js';
export {
  applyCountImport,
  applyProductImport,
  exportCounts,
  exportProducts,
  PRODUCT_COLUMNS,
  previewCountImport,
  previewProductImport,
} from './csv.js';
export { catalogPermissions, OVERRIDE_ROLES } from './permissions.js';
export {
  createProduct,
  createWarehouse,
  deleteProduct,
  deleteWarehouse,
  listProducts,
  listWarehouses,
  updateProduct,
  updateWarehouse,
} from './products-service.js';
export type { Effect, Level, MovementKind } from './rules.js';
export { gs1CheckDigit, gtinProblem, MOVEMENT_KINDS } from './rules.js';
export type {
  AdjustmentInput,
  CreateProductInput,
  CreateWarehouseInput,
  Movement,
  Product,
  ReceiptInput,
  StockLevel,
  StockReference,
  UpdateProductInput,
  UpdateWarehouseInput,
  Warehouse,
} from './schemas.js';
export type { MoveResult, ReserveArgs, StockArgs, StockFigures, StockOf } from './stock.js';
export {
  adjustStock,
  adjustStockInTx,
  dispatchStock,
  ledgerCheck,
  listLevels,
  listMovements,
  receiveStock,
  receiveStockInTx,
  releaseReservation,
  reserveStock,
  returnStock,
  stockOf,
} from './stock.js';

/** One product, read with the given handle (`tx.db` inside a transaction); undefined when unknown. */
export async function getProduct(db: AnyDb, id: string): Promise<Product | undefined> {
  const row = await store.findProduct(db, id);
  return row ? toProduct(row) : undefined;
}

/** The given products keyed by id (unknown ids are absent). */
export async function getProducts(db: AnyDb, ids: readonly string[]): Promise<Map<string, Product>> {
  return new Map((await store.findProducts(db, ids)).map((r) => [r.id, toProduct(r)]));
}

/** The product with this SKU (case-insensitive, as SKUs are stored upper-cased). */
export async function findProductBySku(db: AnyDb, sku: string): Promise<Product | undefined> {
  const row = await store.findProductBySku(db, normalizeCode(sku));
  return row ? toProduct(row) : undefined;
}

export async function getWarehouse(db: AnyDb, id: string): Promise<Warehouse | undefined> {
  const row = await store.findWarehouse(db, id);
  return row ? toWarehouse(row) : undefined;
}

export async function findWarehouseByCode(db: AnyDb, code: string): Promise<Warehouse | undefined> {
  const row = await store.findWarehouseByCode(db, normalizeCode(code));
  return row ? toWarehouse(row) : undefined;
}

export const catalogModule: DuelyModule = {
  name: 'catalog',
  routes: (ctx) => catalogRoutes(ctx),
  seedDemo: (ctx, actor, progress) => seedDemoCatalog(ctx, actor, progress),
};

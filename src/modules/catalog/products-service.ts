/**
 * Products and warehouses: create, change, delete (only while no stock moved), list and search; each
 * change audited in its transaction and announced with a `product.*` / `warehouse.*` event.
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import type { AnyDb } from '../../platform/db/database.js';
import { type Tx, transaction } from '../../platform/db/transaction.js';
import { conflict, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { productSearchText } from './rules.js';
import type {
  CreateProductInput,
  CreateWarehouseInput,
  Product,
  UpdateProductInput,
  UpdateWarehouseInput,
  Warehouse,
} from './schemas.js';
import * as store from './store.js';

// ── Mapping ──────────────────────────────────────────────────────────────────────────────────────

export const toProduct = (row: store.ProductRow): Product => ({
  id: row.id,
  sku: row.sku,
  name: row.name,
  gtin: row.gtin,
  unit: row.unit,
  weightGrams: row.weight_g === null ? null : Number(row.weight_g),
  dimensionsMm:
    row.length_mm === null || row.width_mm === null || row.height_mm === null
      ? null
      : { length: Number(row.length_mm), width: Number(row.width_mm), height: Number(row.height_mm) },
  hsCode: row.hs_code,
  countryOfOrigin: row.country_of_origin,
  price:
    row.price_amount === null || row.price_currency === null
      ? null
      : { amount: Number(row.price_amount), currency: row.price_currency },
  active: Number(row.active) === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const toWarehouse = (row: store.WarehouseRow): Warehouse => ({
  id: row.id,
  code: row.code,
  name: row.name,
  address: {
    line1: row.line1,
    line2: row.line2,
    postalCode: row.postal_code,
    city: row.city,
    region: row.region,
    country: row.country,
  },
  active: Number(row.active) === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The fields of a product that create and update set. */
export type ProductState = Omit<Product, 'id' | 'createdAt' | 'updatedAt'>;

export const PRODUCT_FIELDS = [
  'sku',
  'name',
  'gtin',
  'unit',
  'weightGrams',
  'dimensionsMm',
  'hsCode',
  'countryOfOrigin',
  'price',
  'active',
] as const satisfies readonly (keyof ProductState)[];

export function productChanges(before: ProductState, input: UpdateProductInput): string[] {
  return PRODUCT_FIELDS.filter(
    (f) => input[f] !== undefined && JSON.stringify(input[f]) !== JSON.stringify(before[f]),
  );
}

function productColumns(state: ProductState) {
  return {
    sku: state.sku,
    name: state.name,
    search_text: productSearchText(state),
    gtin: state.gtin,
    unit: state.unit,
    weight_g: state.weightGrams,
    length_mm: state.dimensionsMm?.length ?? null,
    width_mm: state.dimensionsMm?.width ?? null,
    height_mm: state.dimensionsMm?.height ?? null,
    hs_code: state.hsCode,
    country_of_origin: state.countryOfOrigin,
    price_amount: state.price?.amount ?? null,
    price_currency: state.price?.currency ?? null,
    active: state.active ? 1 : 0,
  };
}

const isUniqueViolation = (error: unknown) => {
  const code = (error as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
};

const skuInUse = (sku: string) =>
  conflict(`A product with the SKU ${sku} already exists.`, [{ path: 'sku', message: 'is already in use' }]);
const codeInUse = (code: string) =>
  conflict(`A warehouse with the code ${code} already exists.`, [
    { path: 'code', message: 'is already in use' },
  ]);

async function guardUnique<T>(error: () => Error, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUniqueViolation(e)) throw error();
    throw e;
  }
}

// ── Products, inside a transaction (also used by the CSV import and the demo) ───────────────────

export async function loadProduct(db: AnyDb, id: string): Promise<Product> {
  const row = await store.findProduct(db, id);
  if (!row) throw notFound('product', id);
  return toProduct(row);
}

export async function createProductInTx(tx: Tx, input: CreateProductInput): Promise<Product> {
  if (await store.skuTaken(tx.db, input.sku)) throw skuInUse(input.sku);
  const state: ProductState = {
    sku: input.sku,
    name: input.name,
    gtin: input.gtin ?? null,
    unit: input.unit,
    weightGrams: input.weightGrams ?? null,
    dimensionsMm: input.dimensionsMm ?? null,
    hsCode: input.hsCode ?? null,
    countryOfOrigin: input.countryOfOrigin ?? null,
    price: input.price ?? null,
    active: input.active,
  };
  const id = newId('product');
  await store.insertProduct(tx.db, { id, ...productColumns(state), created_at: tx.now, updated_at: tx.now });
  const created = await loadProduct(tx.db, id);
  tx.audit({ action: 'product.created', entityType: 'product', entityId: id, after: created });
  await tx.emit({
    type: 'product.created',
    aggregateType: 'product',
    aggregateId: id,
    payload: { productId: id, sku: created.sku },
  });
  return created;
}

export async function updateProductInTx(
  tx: Tx,
  before: Product,
  input: UpdateProductInput,
): Promise<{ after: Product; changes: string[] }> {
  const changes = productChanges(before, input);
  if (changes.length === 0) return { after: before, changes };
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const state: ProductState = { ...before, ...given };
  if (state.sku !== before.sku && (await store.skuTaken(tx.db, state.sku, before.id)))
    throw skuInUse(state.sku);
  await store.updateProduct(tx.db, before.id, { ...productColumns(state), updated_at: tx.now });
  const after = await loadProduct(tx.db, before.id);
  tx.audit({ action: 'product.updated', entityType: 'product', entityId: before.id, before, after });
  await tx.emit({
    type: 'product.updated',
    aggregateType: 'product',
    aggregateId: before.id,
    payload: { productId: before.id, sku: after.sku, changes },
  });
  return { after, changes };
}

// ── Product use cases ────────────────────────────────────────────────────────────────────────────

export const createProduct = (ctx: AppContext, actor: Actor, input: CreateProductInput) =>
  guardUnique(
    () => skuInUse(input.sku),
    () => transaction(ctx, actor, (tx) => createProductInTx(tx, input)),
  );

export const updateProduct = (ctx: AppContext, actor: Actor, id: string, input: UpdateProductInput) =>
  guardUnique(
    () => skuInUse(input.sku ?? ''),
    () =>
      transaction(
        ctx,
        actor,
        async (tx) => (await updateProductInTx(tx, await loadProduct(tx.db, id), input)).after,
      ),
  );

/** Deletes a product that never had stock; one with movements can only be deactivated. */
export async function deleteProduct(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await transaction(ctx, actor, async (tx) => {
    const before = await loadProduct(tx.db, id);
    if (await store.hasMovements(tx.db, 'product_id', id))
      throw conflict(`The product ${before.sku} has stock movements; deactivate it instead (active: false).`);
    await store.deleteProduct(tx.db, id);
    tx.audit({ action: 'product.deleted', entityType: 'product', entityId: id, before });
    await tx.emit({
      type: 'product.deleted',
      aggregateType: 'product',
      aggregateId: id,
      payload: { productId: id, sku: before.sku },
    });
  });
}

export const getProduct = (ctx: AppContext, id: string) => loadProduct(ctx.db, id);

export interface ListProductsFilter {
  q?: string | undefined;
  gtin?: string | undefined;
  active?: boolean | undefined;
  after?: string | undefined;
  limit: number;
}

export async function listProducts(ctx: AppContext, filter: ListProductsFilter): Promise<Product[]> {
  return (await store.listProducts(ctx.db, filter)).map(toProduct);
}

// ── Warehouses ───────────────────────────────────────────────────────────────────────────────────

export async function loadWarehouse(db: AnyDb, id: string): Promise<Warehouse> {
  const row = await store.findWarehouse(db, id);
  if (!row) throw notFound('warehouse', id);
  return toWarehouse(row);
}

const warehouseColumns = (w: Omit<Warehouse, 'id' | 'createdAt' | 'updatedAt'>) => ({
  code: w.code,
  name: w.name,
  line1: w.address.line1,
  line2: w.address.line2,
  postal_code: w.address.postalCode,
  city: w.address.city,
  region: w.address.region,
  country: w.address.country,
  active: w.active ? 1 : 0,
});

export async function createWarehouseInTx(tx: Tx, input: CreateWarehouseInput): Promise<Warehouse> {
  if (await store.warehouseCodeTaken(tx.db, input.code)) throw codeInUse(input.code);
  const id = newId('warehouse');
  await store.insertWarehouse(tx.db, {
    id,
    ...warehouseColumns(input),
    created_at: tx.now,
    updated_at: tx.now,
  });
  const created = await loadWarehouse(tx.db, id);
  tx.audit({ action: 'warehouse.created', entityType: 'warehouse', entityId: id, after: created });
  await tx.emit({
    type: 'warehouse.created',
    aggregateType: 'warehouse',
    aggregateId: id,
    payload: { warehouseId: id, code: created.code },
  });
  return created;
}

export const createWarehouse = (ctx: AppContext, actor: Actor, input: CreateWarehouseInput) =>
  guardUnique(
    () => codeInUse(input.code),
    () => transaction(ctx, actor, (tx) => createWarehouseInTx(tx, input)),
  );

export const updateWarehouse = (ctx: AppContext, actor: Actor, id: string, input: UpdateWarehouseInput) =>
  guardUnique(
    () => codeInUse(input.code ?? ''),
    () =>
      transaction(ctx, actor, async (tx) => {
        const before = await loadWarehouse(tx.db, id);
        const next = {
          code: input.code ?? before.code,
          name: input.name ?? before.name,
          address: input.address ?? before.address,
          active: input.active ?? before.active,
        };
        if (next.code !== before.code && (await store.warehouseCodeTaken(tx.db, next.code, id)))
          throw codeInUse(next.code);
        await store.updateWarehouse(tx.db, id, { ...warehouseColumns(next), updated_at: tx.now });
        const after = await loadWarehouse(tx.db, id);
        tx.audit({ action: 'warehouse.updated', entityType: 'warehouse', entityId: id, before, after });
        await tx.emit({
          type: 'warehouse.updated',
          aggregateType: 'warehouse',
          aggregateId: id,
          payload: { warehouseId: id, code: after.code },
        });
        return after;
      }),
  );

export async function deleteWarehouse(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  await transaction(ctx, actor, async (tx) => {
    const before = await loadWarehouse(tx.db, id);
    if (await store.hasMovements(tx.db, 'warehouse_id', id))
      throw conflict(
        `The warehouse ${before.code} has stock movements; deactivate it instead (active: false).`,
      );
    await store.deleteWarehouse(tx.db, id);
    tx.audit({ action: 'warehouse.deleted', entityType: 'warehouse', entityId: id, before });
  });
}

export const getWarehouse = (ctx: AppContext, id: string) => loadWarehouse(ctx.db, id);

export async function listWarehouses(ctx: AppContext): Promise<Warehouse[]> {
  return (await store.allWarehouses(ctx.db)).map(toWarehouse);
}

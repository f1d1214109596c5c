/** The catalog module's queries. Only this module touches products, warehouses, stock_movements and stock_levels. */
import { type Kysely, sql } from 'kysely';
import { type AnyDb, tables } from '../../platform/db/database.js';
import { likePattern } from './rules.js';
import type { CatalogTables } from './tables.js';

export type ProductRow = CatalogTables['products'];
export type WarehouseRow = CatalogTables['warehouses'];
export type MovementRow = CatalogTables['stock_movements'];
export type LevelRow = CatalogTables['stock_levels'];

const q = (db: AnyDb): Kysely<CatalogTables> => tables<CatalogTables>(db);

const CHUNK = 500;
function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

// ── Products ─────────────────────────────────────────────────────────────────────────────────────

export const findProduct = (db: AnyDb, id: string) =>
  q(db).selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();

export const findProductBySku = (db: AnyDb, sku: string) =>
  q(db).selectFrom('products').selectAll().where('sku', '=', sku).executeTakeFirst();

export async function findProducts(db: AnyDb, ids: readonly string[]): Promise<ProductRow[]> {
  const rows: ProductRow[] = [];
  for (const part of chunks([...new Set(ids)]))
    rows.push(...(await q(db).selectFrom('products').selectAll().where('id', 'in', part).execute()));
  return rows;
}

export async function findProductsBySkus(
  db: AnyDb,
  skus: readonly string[],
): Promise<Map<string, ProductRow>> {
  const rows: ProductRow[] = [];
  for (const part of chunks([...new Set(skus)]))
    rows.push(...(await q(db).selectFrom('products').selectAll().where('sku', 'in', part).execute()));
  return new Map(rows.map((r) => [r.sku, r]));
}

export async function skuTaken(db: AnyDb, sku: string, exceptId?: string): Promise<boolean> {
  let query = q(db).selectFrom('products').select('id').where('sku', '=', sku);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export interface ProductFilter {
  q?: string | undefined;
  gtin?: string | undefined;
  active?: boolean | undefined;
  /** The SKU of the last product of the previous page. */
  after?: string | undefined;
  limit: number;
}

/** Products by SKU, `limit + 1` rows. */
export async function listProducts(db: AnyDb, filter: ProductFilter): Promise<ProductRow[]> {
  let query = q(db).selectFrom('products').selectAll();
  if (filter.q?.trim())
    query = query.where(sql<boolean>`search_text like ${likePattern(filter.q)} escape '\\'`);
  if (filter.gtin) query = query.where('gtin', '=', filter.gtin);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0);
  if (filter.after !== undefined) query = query.where('sku', '>', filter.after);
  return query
    .orderBy('sku')
    .limit(filter.limit + 1)
    .execute();
}

export const insertProduct = (db: AnyDb, row: ProductRow) =>
  q(db).insertInto('products').values(row).execute();

export const updateProduct = (db: AnyDb, id: string, changes: Partial<ProductRow>) =>
  q(db).updateTable('products').set(changes).where('id', '=', id).execute();

export const deleteProduct = (db: AnyDb, id: string) =>
  q(db).deleteFrom('products').where('id', '=', id).execute();

// ── Warehouses ───────────────────────────────────────────────────────────────────────────────────

export const findWarehouse = (db: AnyDb, id: string) =>
  q(db).selectFrom('warehouses').selectAll().where('id', '=', id).executeTakeFirst();

export const findWarehouseByCode = (db: AnyDb, code: string) =>
  q(db).selectFrom('warehouses').selectAll().where('code', '=', code).executeTakeFirst();

export const allWarehouses = (db: AnyDb) =>
  q(db).selectFrom('warehouses').selectAll().orderBy('code').execute();

export async function warehouseCodeTaken(db: AnyDb, code: string, exceptId?: string): Promise<boolean> {
  let query = q(db).selectFrom('warehouses').select('id').where('code', '=', code);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export const insertWarehouse = (db: AnyDb, row: WarehouseRow) =>
  q(db).insertInto('warehouses').values(row).execute();

export const updateWarehouse = (db: AnyDb, id: string, changes: Partial<WarehouseRow>) =>
  q(db).updateTable('warehouses').set(changes).where('id', '=', id).execute();

export const deleteWarehouse = (db: AnyDb, id: string) =>
  q(db).deleteFrom('warehouses').where('id', '=', id).execute();

// ── Stock ────────────────────────────────────────────────────────────────────────────────────────

export async function hasMovements(
  db: AnyDb,
  column: 'product_id' | 'warehouse_id',
  id: string,
): Promise<boolean> {
  const row = await q(db)
    .selectFrom('stock_movements')
    .select('id')
    .where(column, '=', id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Creates the (0, 0) level row if there is none; a concurrent creator makes this a no-op. */
export async function ensureLevel(
  db: AnyDb,
  productId: string,
  warehouseId: string,
  now: string,
): Promise<void> {
  await q(db)
    .insertInto('stock_levels')
    .values({ product_id: productId, warehouse_id: warehouseId, on_hand: 0, reserved: 0, updated_at: now })
    .onConflict((oc) => oc.columns(['product_id', 'warehouse_id']).doNothing())
    .execute();
}

/** The level, locked until the transaction ends on PostgreSQL (SQLite's writer already holds the lock). */
export async function lockLevel(
  db: AnyDb,
  dialect: 'sqlite' | 'postgres',
  productId: string,
  warehouseId: string,
): Promise<LevelRow | undefined> {
  let query = q(db)
    .selectFrom('stock_levels')
    .selectAll()
    .where('product_id', '=', productId)
    .where('warehouse_id', '=', warehouseId);
  if (dialect === 'postgres') query = query.forUpdate();
  return query.executeTakeFirst();
}

/**
 * The guarded update: applies the deltas only if the level still allows them (reserved stays ≥ 0;
 * unless `override`, on hand and available stay ≥ 0 when the movement lowers them). Returns whether it applied.
 */
export async function applyToLevel(
  db: AnyDb,
  args: {
    productId: string;
    warehouseId: string;
    onHandDelta: number;
    reservedDelta: number;
    override: boolean;
    now: string;
  },
): Promise<boolean> {
  const { onHandDelta: dOn, reservedDelta: dRes } = args;
  let query = q(db)
    .updateTable('stock_levels')
    .set({
      on_hand: sql<number>`on_hand + ${dOn}`,
      reserved: sql<number>`reserved + ${dRes}`,
      updated_at: args.now,
    })
    .where('product_id', '=', args.productId)
    .where('warehouse_id', '=', args.warehouseId);
  if (dRes < 0) query = query.where(sql<boolean>`reserved + ${dRes} >= 0`);
  if (!args.override) {
    if (dOn < 0) query = query.where(sql<boolean>`on_hand + ${dOn} >= 0`);
    if (dOn - dRes < 0) query = query.where(sql<boolean>`on_hand - reserved + ${dOn - dRes} >= 0`);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const insertMovement = (db: AnyDb, row: MovementRow) =>
  q(db).insertInto('stock_movements').values(row).execute();

export interface LevelFilter {
  productId?: string | undefined;
  warehouseId?: string | undefined;
  q?: string | undefined;
  /** Only levels with nothing (or less than nothing) available. */
  short?: boolean | undefined;
  after?: { sku: string; code: string } | undefined;
  limit: number;
}

export interface LevelView extends LevelRow {
  sku: string;
  name: string;
  code: string;
}

/** Levels with their product's SKU and warehouse's code, by SKU then warehouse code, `limit + 1` rows. */
export async function listLevels(db: AnyDb, filter: LevelFilter): Promise<LevelView[]> {
  let query = q(db)
    .selectFrom('stock_levels as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .innerJoin('warehouses as w', 'w.id', 'l.warehouse_id')
    .select([
      'l.product_id',
      'l.warehouse_id',
      'l.on_hand',
      'l.reserved',
      'l.updated_at',
      'p.sku',
      'p.name',
      'w.code',
    ]);
  if (filter.productId) query = query.where('l.product_id', '=', filter.productId);
  if (filter.warehouseId) query = query.where('l.warehouse_id', '=', filter.warehouseId);
  if (filter.q?.trim())
    query = query.where(sql<boolean>`p.search_text like ${likePattern(filter.q)} escape '\\'`);
  if (filter.short) query = query.where(sql<boolean>`l.on_hand - l.reserved <= 0`);
  if (filter.after) {
    const { sku, code } = filter.after;
    query = query.where((eb) =>
      eb.or([eb('p.sku', '>', sku), eb.and([eb('p.sku', '=', sku), eb('w.code', '>', code)])]),
    );
  }
  const rows = await query
    .orderBy('p.sku')
    .orderBy('w.code')
    .limit(filter.limit + 1)
    .execute();
  return rows.map((r) => ({ ...r, on_hand: Number(r.on_hand), reserved: Number(r.reserved) }));
}

export async function levelsOf(db: AnyDb, productId: string, warehouseId?: string): Promise<LevelRow[]> {
  let query = q(db).selectFrom('stock_levels').selectAll().where('product_id', '=', productId);
  if (warehouseId) query = query.where('warehouse_id', '=', warehouseId);
  const rows = await query.orderBy('warehouse_id').execute();
  return rows.map((r) => ({ ...r, on_hand: Number(r.on_hand), reserved: Number(r.reserved) }));
}

export interface MovementFilter {
  productId?: string | undefined;
  warehouseId?: string | undefined;
  kind?: string | undefined;
  referenceType?: string | undefined;
  referenceId?: string | undefined;
  /** The id of the last movement of the previous page (newest first). */
  before?: string | undefined;
  limit: number;
}

/** Movements newest first, `limit + 1` rows. */
export async function listMovements(db: AnyDb, filter: MovementFilter): Promise<MovementRow[]> {
  let query = q(db).selectFrom('stock_movements').selectAll();
  if (filter.productId) query = query.where('product_id', '=', filter.productId);
  if (filter.warehouseId) query = query.where('warehouse_id', '=', filter.warehouseId);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.referenceType) query = query.where('reference_type', '=', filter.referenceType);
  if (filter.referenceId) query = query.where('reference_id', '=', filter.referenceId);
  if (filter.before) query = query.where('id', '<', filter.before);
  return query
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

/** Σ of the movements of each level: what the maintained levels must equal. */
export async function movementSums(
  db: AnyDb,
): Promise<{ product_id: string; warehouse_id: string; on_hand: number; reserved: number }[]> {
  const rows = await q(db)
    .selectFrom('stock_movements')
    .select((eb) => [
      'product_id',
      'warehouse_id',
      eb.fn.sum<number>('on_hand_delta').as('on_hand'),
      eb.fn.sum<number>('reserved_delta').as('reserved'),
    ])
    .groupBy(['product_id', 'warehouse_id'])
    .execute();
  return rows.map((r) => ({ ...r, on_hand: Number(r.on_hand), reserved: Number(r.reserved) }));
}

export async function allLevels(db: AnyDb): Promise<LevelRow[]> {
  const rows = await q(db).selectFrom('stock_levels').selectAll().execute();
  return rows.map((r) => ({ ...r, on_hand: Number(r.on_hand), reserved: Number(r.reserved) }));
}

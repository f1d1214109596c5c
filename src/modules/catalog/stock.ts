/**
 * The stock ledger. Every change of stock is one appended movement, and the level it changes is
 * updated in the same transaction by a guarded UPDATE (see store.applyToLevel), so concurrent
 * reservations and dispatches cannot take the same units twice. Available (on hand − reserved) never
 * goes below zero unless an admin or logistics user overrides it, with a reason, in the audit trail.
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import type { AnyDb } from '../../platform/db/database.js';
import { type Tx, transaction } from '../../platform/db/transaction.js';
import { conflict, forbidden, notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { OVERRIDE_ROLES } from './permissions.js';
import { availableOf, effectOf, type MovementKind, movementProblem, reservationSplit } from './rules.js';
import type { AdjustmentInput, Movement, ReceiptInput, StockLevel, StockReference } from './schemas.js';
import * as store from './store.js';

export interface StockFigures {
  onHand: number;
  reserved: number;
  available: number;
}

export interface StockOf extends StockFigures {
  productId: string;
  /** Per warehouse that ever had a movement of the product (or just the one asked for). */
  warehouses: (StockFigures & { warehouseId: string })[];
}

export const toMovement = (row: store.MovementRow): Movement => ({
  id: row.id,
  productId: row.product_id,
  warehouseId: row.warehouse_id,
  kind: row.kind as MovementKind,
  quantity: Number(row.quantity),
  onHandDelta: Number(row.on_hand_delta),
  reservedDelta: Number(row.reserved_delta),
  reason: row.reason,
  reference:
    row.reference_type !== null && row.reference_id !== null
      ? { type: row.reference_type, id: row.reference_id }
      : null,
  override: Number(row.override) === 1,
  actorType: row.actor_type,
  actorId: row.actor_id,
  createdAt: row.created_at,
});

const figures = (row: { on_hand: number; reserved: number }): StockFigures => ({
  onHand: row.on_hand,
  reserved: row.reserved,
  available: availableOf({ onHand: row.on_hand, reserved: row.reserved }),
});

// ── The one way stock moves ──────────────────────────────────────────────────────────────────────

interface Move {
  productId: string;
  warehouseId: string;
  kind: MovementKind;
  /** Positive, except an adjustment's, which is signed. */
  quantity: number;
  fromReserved?: boolean | undefined;
  reason?: string | null | undefined;
  reference?: StockReference | null | undefined;
  /** Take available below zero if need be: needs the admin or logistics role and a reason. */
  override?: { reason: string } | null | undefined;
}

export interface MoveResult {
  movement: Movement;
  level: StockFigures;
}

function checkQuantity(quantity: number, signed: boolean): void {
  if (!Number.isSafeInteger(quantity) || (signed ? quantity === 0 : quantity <= 0))
    throw validationError(
      `The quantity must be a ${signed ? 'non-zero' : 'positive'} whole number; got ${quantity}.`,
      [
        {
          path: 'quantity',
          message: signed ? 'must be a non-zero whole number' : 'must be a positive whole number',
        },
      ],
    );
}

async function names(db: AnyDb, productId: string, warehouseId: string) {
  const product = await store.findProduct(db, productId);
  if (!product) throw notFound('product', productId);
  const warehouse = await store.findWarehouse(db, warehouseId);
  if (!warehouse) throw notFound('warehouse', warehouseId);
  return { sku: product.sku, code: warehouse.code };
}

function checkOverride(actor: Actor, override: Move['override']): boolean {
  if (!override) return false;
  if (!actor.roles.some((r) => (OVERRIDE_ROLES as readonly string[]).includes(r)))
    throw forbidden(
      `Taking available stock below zero needs the ${OVERRIDE_ROLES.join(' or ')} role; you have ${actor.roles.join(', ') || 'no role'}.`,
    );
  if (!override.reason.trim())
    throw validationError('An override needs a reason.', [
      { path: 'reason', message: 'is required for an override' },
    ]);
  return true;
}

/** Appends one movement and applies it to its level, or refuses it (409 naming the SKU) leaving both unchanged. */
async function move(tx: Tx, m: Move): Promise<MoveResult> {
  checkQuantity(m.quantity, m.kind === 'adjustment');
  if (m.kind === 'adjustment' && !m.reason?.trim())
    throw validationError('An adjustment needs a reason.', [{ path: 'reason', message: 'is required' }]);
  const overrideAsked = checkOverride(tx.actor, m.override);
  const { sku, code } = await names(tx.db, m.productId, m.warehouseId);
  const effect = effectOf(m.kind, m.quantity, m.fromReserved ?? false);
  await store.ensureLevel(tx.db, m.productId, m.warehouseId, tx.now);
  const applied = await store.applyToLevel(tx.db, {
    productId: m.productId,
    warehouseId: m.warehouseId,
    onHandDelta: effect.onHandDelta,
    reservedDelta: effect.reservedDelta,
    override: overrideAsked,
    now: tx.now,
  });
  const level = (await store.lockLevel(tx.db, tx.dialect, m.productId, m.warehouseId))!;
  const current = { onHand: Number(level.on_hand), reserved: Number(level.reserved) };
  if (!applied) {
    const problem = movementProblem(current, effect, overrideAsked) ?? 'the stock changed meanwhile';
    throw conflict(
      `Not enough stock of ${sku} in warehouse ${code} for a ${m.kind} of ${Math.abs(m.quantity)}: ${problem}.`,
      [{ path: 'quantity', message: `${sku}: ${problem}` }],
    );
  }
  const before = {
    onHand: current.onHand - effect.onHandDelta,
    reserved: current.reserved - effect.reservedDelta,
  };
  const overridden = overrideAsked && movementProblem(before, effect, false) !== null;
  const row: store.MovementRow = {
    id: newId('stock_movement'),
    product_id: m.productId,
    warehouse_id: m.warehouseId,
    kind: m.kind,
    quantity: effect.quantity,
    on_hand_delta: effect.onHandDelta,
    reserved_delta: effect.reservedDelta,
    reason: m.reason?.trim() || (overridden ? m.override!.reason.trim() : null),
    reference_type: m.reference?.type ?? null,
    reference_id: m.reference?.id ?? null,
    override: overridden ? 1 : 0,
    actor_type: tx.actor.type,
    actor_id: tx.actor.id,
    created_at: tx.now,
  };
  await store.insertMovement(tx.db, row);
  const movement = toMovement(row);
  const after = figures({ on_hand: current.onHand, reserved: current.reserved });
  tx.audit({
    action: `stock.${m.kind}`,
    entityType: 'product',
    entityId: m.productId,
    before: figures({ on_hand: before.onHand, reserved: before.reserved }),
    after: { ...after, sku, warehouse: code, movement },
  });
  if (overridden)
    tx.audit({
      action: 'stock.override',
      entityType: 'product',
      entityId: m.productId,
      before: figures({ on_hand: before.onHand, reserved: before.reserved }),
      after: { ...after, sku, warehouse: code, movementId: row.id, reason: m.override!.reason.trim() },
    });
  await tx.emit({
    type: 'stock.moved',
    aggregateType: 'product',
    aggregateId: m.productId,
    payload: {
      movementId: row.id,
      productId: m.productId,
      warehouseId: m.warehouseId,
      kind: m.kind,
      ...after,
    },
  });
  return { movement, level: after };
}

// ── For the orders and shipping modules (inside their transactions) ─────────────────────────────

export interface ReserveArgs {
  productId: string;
  warehouseId: string;
  quantity: number;
  reference: StockReference;
  /** Reserve what is available when not all is (default); false: all or nothing. */
  allowPartial?: boolean;
}

/** Reserves up to `quantity`; what could not be reserved is `short` (the backorder). Never oversells. */
export async function reserveStock(tx: Tx, args: ReserveArgs): Promise<{ reserved: number; short: number }> {
  checkQuantity(args.quantity, false);
  await names(tx.db, args.productId, args.warehouseId);
  await store.ensureLevel(tx.db, args.productId, args.warehouseId, tx.now);
  // Locked (PostgreSQL) or under the writer lock (SQLite): what we read stays true until we write.
  const level = (await store.lockLevel(tx.db, tx.dialect, args.productId, args.warehouseId))!;
  const split = reservationSplit(
    availableOf({ onHand: Number(level.on_hand), reserved: Number(level.reserved) }),
    args.quantity,
    args.allowPartial ?? true,
  );
  if (split.reserved > 0)
    await move(tx, { ...args, kind: 'reservation', quantity: split.reserved, override: null });
  return split;
}

export interface StockArgs {
  productId: string;
  warehouseId: string;
  quantity: number;
  reference: StockReference;
}

/** Gives reserved units back to available (an order cancelled or changed). Refuses more than is reserved. */
export const releaseReservation = (tx: Tx, args: StockArgs) => move(tx, { ...args, kind: 'release' });

/**
 * Takes units out of on hand (and out of reserved when `fromReserved`): a shipment shipped. Refuses,
 * with a 409 naming the SKU, to take on hand or available below zero unless overridden.
 */
export const dispatchStock = (
  tx: Tx,
  args: StockArgs & { fromReserved: boolean; override?: { reason: string } | null },
) => move(tx, { ...args, kind: 'dispatch' });

/** Puts returned units back on hand. */
export const returnStock = (tx: Tx, args: StockArgs) => move(tx, { ...args, kind: 'return' });

export const receiveStockInTx = (
  tx: Tx,
  args: Omit<StockArgs, 'reference'> & { reference?: StockReference | null },
) => move(tx, { ...args, kind: 'receipt' });

export const adjustStockInTx = (
  tx: Tx,
  args: Omit<StockArgs, 'reference'> & {
    reason: string;
    override?: boolean;
    reference?: StockReference | null;
  },
) =>
  move(tx, {
    ...args,
    kind: 'adjustment',
    override: args.override ? { reason: args.reason } : null,
  });

/** On hand, reserved and available of a product: in one warehouse, or over all of them. */
export async function stockOf(db: AnyDb, productId: string, warehouseId?: string): Promise<StockOf> {
  const rows = await store.levelsOf(db, productId, warehouseId);
  const warehouses = rows.map((r) => ({ warehouseId: r.warehouse_id, ...figures(r) }));
  if (warehouseId && warehouses.length === 0)
    warehouses.push({ warehouseId, onHand: 0, reserved: 0, available: 0 });
  const onHand = warehouses.reduce((s, w) => s + w.onHand, 0);
  const reserved = warehouses.reduce((s, w) => s + w.reserved, 0);
  return { productId, onHand, reserved, available: onHand - reserved, warehouses };
}

// ── Use cases behind the API ─────────────────────────────────────────────────────────────────────

export const receiveStock = (ctx: AppContext, actor: Actor, input: ReceiptInput) =>
  transaction(ctx, actor, (tx) => receiveStockInTx(tx, input));

export const adjustStock = (ctx: AppContext, actor: Actor, input: AdjustmentInput) =>
  transaction(ctx, actor, (tx) => adjustStockInTx(tx, input));

export async function listLevels(
  ctx: AppContext,
  filter: store.LevelFilter,
): Promise<(StockLevel & { cursorKey: string })[]> {
  const rows = await store.listLevels(ctx.db, filter);
  return rows.map((r) => ({
    productId: r.product_id,
    sku: r.sku,
    productName: r.name,
    warehouseId: r.warehouse_id,
    warehouseCode: r.code,
    ...figures(r),
    cursorKey: JSON.stringify([r.sku, r.code]),
  }));
}

export async function listMovements(ctx: AppContext, filter: store.MovementFilter): Promise<Movement[]> {
  return (await store.listMovements(ctx.db, filter)).map(toMovement);
}

/** Every level next to the Σ of its movements; the invariant is that they are equal. */
export async function ledgerCheck(
  db: AnyDb,
): Promise<{ productId: string; warehouseId: string; level: StockFigures; ledger: StockFigures }[]> {
  const sums = new Map((await store.movementSums(db)).map((s) => [`${s.product_id}|${s.warehouse_id}`, s]));
  return (await store.allLevels(db)).map((l) => {
    const s = sums.get(`${l.product_id}|${l.warehouse_id}`) ?? { on_hand: 0, reserved: 0 };
    return { productId: l.product_id, warehouseId: l.warehouse_id, level: figures(l), ledger: figures(s) };
  });
}

/**
 * Shipments: created from one order (all or part of its open lines; the rest stays backordered on the
 * order), picked, packed into packages with SSCCs, shipped (carrier, service, tracking numbers; stock
 * dispatched and the order's shipped quantities recorded in the same transaction), cancelled before
 * they leave, and completed by tracking (delivered, returned, lost). Replacement shipments reship
 * goods for a dispute without counting against the order's ordered quantities.
 *
 * Every use case is one transaction with its audit entries and events (`shipment.created`,
 * `shipment.status_changed`); every status move is checked against SHIPMENT_LIFECYCLE. Locks are
 * always taken in one order — shipment, then order, then stock levels in product order — so two
 * use cases never wait on each other in a cycle.
 *
 * Numbers: `SHP-YYYY-NNNNNN` from the gapless SHP series (year of the company's "today"). SSCC serial
 * references come from one perpetual gapless series (`SSCC`, stored under the year 1900 of the
 * numbering table, i.e. "not yearly": an SSCC must not repeat for years), with the GS1 company prefix
 * and extension digit from the configuration (GS1_COMPANY_PREFIX, SSCC_EXTENSION_DIGIT).
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { dateInZone } from '../../platform/dates.js';
import type { AnyDb } from '../../platform/db/database.js';
import { type Tx, transaction } from '../../platform/db/transaction.js';
import { AppError, conflict, notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { money, toDecimalString } from '../../platform/money.js';
import { allocateNumber } from '../../platform/numbering/numbering.js';
import { dispatchStock } from '../catalog/index.js';
import { assertShippingAllowed, openBlockedOrderTask, ShippingBlockedError } from '../credit/index.js';
import { createDraft, deleteDraft } from '../invoicing/index.js';
import {
  loadOrder,
  lockOrderForShipping,
  type Order,
  type OrderLine,
  recordDelivered,
  recordShipped,
} from '../orders/index.js';
import { archiveShipmentDocuments } from './documents-service.js';
import {
  assertShipmentTransition,
  canTransitionShipment,
  type ShipmentStatus,
  type ShipmentTimestamp,
} from './lifecycle.js';
import {
  type CreateShipmentInput,
  type InvoiceFromShipmentInput,
  type PackShipmentInput,
  packShipmentSchema,
  type ReplacementShipmentInput,
  replacementShipmentSchema,
  type Shipment,
  type ShipShipmentInput,
  shipShipmentSchema,
} from './schemas.js';
import { type Chosen, chooseLines, orderName, packageContents } from './shipment-rules.js';
import { loadShipment } from './shipments-read.js';
import { buildSscc } from './sscc.js';
import * as store from './store.js';

/** The numbering table's year for series that never restart (SSCC serial references). */
export const PERPETUAL_SERIES_YEAR = 1900;

/** Shipments that still hold order quantities (created, not yet shipped or cancelled). */
const OPEN_STATUSES: readonly ShipmentStatus[] = ['draft', 'picked', 'packed'];

/** Statuses a shipment can be invoiced in: it has left the warehouse. */
const INVOICEABLE: readonly ShipmentStatus[] = ['shipped', 'delivered'];

const TIMESTAMP_COLUMNS: Record<ShipmentTimestamp, keyof store.ShipmentRow> = {
  pickedAt: 'picked_at',
  packedAt: 'packed_at',
  shippedAt: 'shipped_at',
  deliveredAt: 'delivered_at',
  returnedAt: 'returned_at',
  lostAt: 'lost_at',
  cancelledAt: 'cancelled_at',
};

const nameOf = (row: Pick<store.ShipmentRow, 'number'>) => `Shipment ${row.number}`;
const prefixLength = (ctx: AppContext) => ctx.config.GS1_COMPANY_PREFIX.length;
const stockRef = (shipmentId: string) => ({ type: 'shipment', id: shipmentId });

async function lockShipment(tx: Tx, id: string): Promise<store.ShipmentRow> {
  const row = await store.lockShipment(tx.db, tx.dialect, id);
  if (!row) throw notFound('shipment', id);
  return row;
}

/**
 * Moves the (locked) shipment along the lifecycle, sets the step's timestamp (`at`, default now),
 * audits and announces it; or throws the 409 naming both states.
 */
async function move(
  tx: Tx,
  row: store.ShipmentRow,
  to: ShipmentStatus,
  extra: Partial<store.ShipmentRow> = {},
  at: string = tx.now,
  auditExtra: Record<string, unknown> = {},
): Promise<void> {
  const from = row.status as ShipmentStatus;
  const sets = assertShipmentTransition(from, to);
  const changes: Partial<store.ShipmentRow> & { status: string } = {
    ...extra,
    status: to,
    updated_at: tx.now,
  };
  if (sets) (changes as Record<string, unknown>)[TIMESTAMP_COLUMNS[sets]] = at;
  if (!(await store.moveStatus(tx.db, row.id, from, changes)))
    throw conflict(`${nameOf(row)} changed meanwhile; reload it and try again.`, [
      { path: 'status', message: 'changed meanwhile' },
    ]);
  tx.audit({
    action: `shipment.${to}`,
    entityType: 'shipment',
    entityId: row.id,
    before: { status: from },
    after: { status: to, ...(sets ? { [sets]: at } : {}), ...auditExtra },
  });
  await tx.emit({
    type: 'shipment.status_changed',
    aggregateType: 'shipment',
    aggregateId: row.id,
    payload: { shipmentId: row.id, orderId: row.order_id, customerId: row.customer_id, from, to },
  });
}

// ── Create ───────────────────────────────────────────────────────────────────────────────────────

async function orderFor(tx: Tx, orderId: string): Promise<Order> {
  try {
    return await lockOrderForShipping(tx, orderId);
  } catch (error) {
    if (error instanceof AppError && error.status === 404)
      throw validationError(`No order with id "${orderId}".`, [
        { path: 'orderId', message: 'is not a known order' },
      ]);
    throw error;
  }
}

/** Units of each order line already on open (not yet shipped) regular shipments of the order. */
async function pendingByLine(db: AnyDb, orderId: string, except?: string): Promise<Map<string, number>> {
  const open = (await store.shipmentsOfOrder(db, orderId)).filter(
    (s) => s.kind === 'regular' && OPEN_STATUSES.includes(s.status as ShipmentStatus) && s.id !== except,
  );
  const lines = await store.linesOf(
    db,
    open.map((s) => s.id),
  );
  const out = new Map<string, number>();
  for (const list of lines.values())
    for (const l of list) out.set(l.order_line_id, (out.get(l.order_line_id) ?? 0) + Number(l.quantity));
  return out;
}

async function insertShipment(
  ctx: AppContext,
  tx: Tx,
  order: Order,
  chosen: readonly Chosen[],
  extra: Pick<store.ShipmentRow, 'kind' | 'replacement_for' | 'replacement_reason' | 'dispute_id'>,
): Promise<Shipment> {
  const id = newId('shipment');
  const today = dateInZone(new Date(tx.now), ctx.config.TIMEZONE);
  const { number } = await allocateNumber(tx, 'SHP', Number(today.slice(0, 4)));
  await store.insertShipment(tx.db, {
    id,
    number,
    ...extra,
    order_id: order.id,
    customer_id: order.customerId,
    warehouse_id: chosen[0]!.line.warehouseId,
    status: 'draft',
    carrier_id: null,
    service: null,
    pro_number: null,
    freight_terms: null,
    invoice_id: null,
    ship_to: JSON.stringify(order.shippingAddress),
    picked_at: null,
    packed_at: null,
    shipped_at: null,
    delivered_at: null,
    returned_at: null,
    lost_at: null,
    cancelled_at: null,
    created_at: tx.now,
    updated_at: tx.now,
  });
  await store.insertLines(
    tx.db,
    chosen.map((c, i) => ({
      id: newId('shipment_line'),
      shipment_id: id,
      position: i + 1,
      order_line_id: c.line.id,
      product_id: c.line.productId,
      sku: c.line.sku,
      description: c.line.description,
      unit: c.line.unit,
      quantity: c.quantity,
    })),
  );
  await archiveShipmentDocuments(tx, id, 'created', prefixLength(ctx));
  const created = await loadShipment(tx.db, id, prefixLength(ctx));
  tx.audit({ action: 'shipment.created', entityType: 'shipment', entityId: id, after: created });
  await tx.emit({
    type: 'shipment.created',
    aggregateType: 'shipment',
    aggregateId: id,
    payload: {
      shipmentId: id,
      number,
      kind: extra.kind,
      orderId: order.id,
      customerId: order.customerId,
      lines: chosen.map((c) => ({ orderLineId: c.line.id, sku: c.line.sku, quantity: c.quantity })),
    },
  });
  return created;
}

/**
 * A draft shipment of a confirmed or partially shipped order: the lines given, or every open line
 * (of the first open line's warehouse) for what is not already on another open shipment. Quantities
 * may not exceed a line's open quantity less what other open shipments hold (409 naming line and SKU).
 * Nothing moves in stock yet: the order's reservations stay until the shipment ships.
 */
export async function createShipment(
  ctx: AppContext,
  actor: Actor,
  input: CreateShipmentInput,
): Promise<Shipment> {
  return transaction(ctx, actor, async (tx) => {
    const order = await orderFor(tx, input.orderId);
    if (order.status !== 'confirmed' && order.status !== 'partially_shipped')
      throw conflict(
        `${orderName(order)} is ${order.status}; only a confirmed order with open lines can ship.`,
        [{ path: 'orderId', message: `order is ${order.status}` }],
      );
    const pending = await pendingByLine(tx.db, order.id);
    const free = (line: OrderLine) => line.open - (pending.get(line.id) ?? 0);
    let requested = input.lines;
    if (!requested) {
      const open = order.lines.filter((l) => free(l) > 0);
      const warehouseId = open[0]?.warehouseId;
      requested = open
        .filter((l) => l.warehouseId === warehouseId)
        .map((l) => ({ orderLineId: l.id, quantity: free(l) }));
      if (requested.length === 0)
        throw conflict(`${orderName(order)} has nothing left to ship: every open unit is on a shipment.`, [
          { path: 'lines', message: 'nothing open to ship' },
        ]);
    }
    const chosen = chooseLines(order, requested, (line) => {
      const onOthers = pending.get(line.id) ?? 0;
      return {
        max: free(line),
        why: `${line.shipped} of ${line.ordered} shipped${onOthers ? `, ${onOthers} on other open shipments` : ''}, ${Math.max(0, free(line))} left`,
      };
    });
    return insertShipment(ctx, tx, order, chosen, {
      kind: 'regular',
      replacement_for: null,
      replacement_reason: null,
      dispute_id: null,
    });
  });
}

/**
 * A replacement shipment (a dispute's reship): goods already shipped on the order's lines are sent
 * again. It does not count against the ordered quantities (the order is not touched), its quantities
 * may not exceed what each line has shipped, and it takes stock from available when it ships.
 */
export async function createReplacementShipment(
  ctx: AppContext,
  actor: Actor,
  rawInput: ReplacementShipmentInput,
): Promise<Shipment> {
  const input = replacementShipmentSchema.parse(rawInput);
  return transaction(ctx, actor, async (tx) => {
    const order = await orderFor(tx, input.orderId);
    if (!['partially_shipped', 'shipped', 'delivered', 'closed'].includes(order.status))
      throw conflict(`${orderName(order)} is ${order.status}; only shipped goods can be replaced.`, [
        { path: 'orderId', message: `order is ${order.status}` },
      ]);
    if (input.replacementFor) {
      const original = await store.findShipment(tx.db, input.replacementFor);
      if (!original || original.order_id !== order.id)
        throw validationError(`No shipment "${input.replacementFor}" of ${orderName(order)}.`, [
          { path: 'replacementFor', message: 'is not a shipment of this order' },
        ]);
    }
    const chosen = chooseLines(order, input.lines, (line) => ({
      max: line.shipped,
      why: `only ${line.shipped} shipped, which is all a replacement can resend`,
    }));
    return insertShipment(ctx, tx, order, chosen, {
      kind: 'replacement',
      replacement_for: input.replacementFor,
      replacement_reason: input.reason,
      dispute_id: input.disputeId,
    });
  });
}

// ── Pick, pack ───────────────────────────────────────────────────────────────────────────────────

export async function pickShipment(ctx: AppContext, actor: Actor, id: string): Promise<Shipment> {
  return transaction(ctx, actor, async (tx) => {
    const row = await lockShipment(tx, id);
    await move(tx, row, 'picked');
    return loadShipment(tx.db, id, prefixLength(ctx));
  });
}

/**
 * Packs a picked shipment: records its packages (weight, dimensions, contents covering every line
 * exactly), gives each an SSCC from the gapless serial, and archives the packing list.
 */
export async function packShipment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  rawInput: PackShipmentInput,
): Promise<Shipment> {
  const input = packShipmentSchema.parse(rawInput);
  return transaction(ctx, actor, async (tx) => {
    const row = await lockShipment(tx, id);
    assertShipmentTransition(row.status as ShipmentStatus, 'packed');
    const lines = (await store.linesOf(tx.db, [id])).get(id) ?? [];
    const contents = packageContents(input.packages, lines);
    const packages: store.PackageRow[] = [];
    for (const [p, pkg] of input.packages.entries()) {
      const { value } = await allocateNumber(tx, 'SSCC', PERPETUAL_SERIES_YEAR);
      let sscc: string;
      try {
        sscc = buildSscc({
          extensionDigit: ctx.config.SSCC_EXTENSION_DIGIT,
          companyPrefix: ctx.config.GS1_COMPANY_PREFIX,
          serialReference: value,
        });
      } catch (error) {
        throw conflict(`No SSCC can be made for package ${p + 1}: ${(error as Error).message}.`, [
          { path: `packages.${p}`, message: 'the SSCC serial range is exhausted' },
        ]);
      }
      packages.push({
        id: newId('shipment_package'),
        shipment_id: id,
        sequence: p + 1,
        sscc,
        packaging: pkg.packaging,
        weight_g: pkg.weightGrams,
        length_mm: pkg.dimensionsMm?.length ?? null,
        width_mm: pkg.dimensionsMm?.width ?? null,
        height_mm: pkg.dimensionsMm?.height ?? null,
        contents: JSON.stringify(contents[p]),
        created_at: tx.now,
      });
    }
    await store.insertPackages(tx.db, packages);
    await move(tx, row, 'packed', {}, tx.now, {
      packages: packages.map((p) => ({ sscc: p.sscc, weightGrams: p.weight_g })),
    });
    await archiveShipmentDocuments(tx, id, 'packed', prefixLength(ctx));
    return loadShipment(tx.db, id, prefixLength(ctx));
  });
}

// ── Ship ─────────────────────────────────────────────────────────────────────────────────────────

/** Dispatches a line's units: those the order had reserved out of the reservation, the rest from available. */
async function dispatchLine(
  tx: Tx,
  shipmentId: string,
  l: { productId: string; warehouseId: string; quantity: number; fromReserved: number },
): Promise<void> {
  const base = { productId: l.productId, warehouseId: l.warehouseId, reference: stockRef(shipmentId) };
  if (l.fromReserved > 0) await dispatchStock(tx, { ...base, quantity: l.fromReserved, fromReserved: true });
  if (l.quantity > l.fromReserved)
    await dispatchStock(tx, { ...base, quantity: l.quantity - l.fromReserved, fromReserved: false });
}

const byProduct = <T extends { productId: string; warehouseId: string }>(a: T, b: T) =>
  a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : a.warehouseId < b.warehouseId ? -1 : 1;

/**
 * Ships a packed shipment, all in one transaction: locks the shipment and its order, checks (carrier
 * known and active, tracking numbers free), records the shipped quantities on the order (never above
 * ordered: a 409 naming line and SKU), dispatches the stock (never below zero: a 409 naming the SKU),
 * records carrier, service, tracking numbers, PRO number and freight terms, moves the shipment to
 * shipped and archives the labels (PDF and ZPL per package) and the bill of lading. Any refusal leaves
 * everything as it was.
 */
export async function shipShipment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  rawInput: ShipShipmentInput,
): Promise<Shipment> {
  const input = shipShipmentSchema.parse(rawInput);
  let blockedOrder: { orderId: string; orderNumber: string | null } | undefined;
  return transaction(ctx, actor, async (tx) => {
    // 1. Locks: the shipment, then its order.
    const row = await lockShipment(tx, id);
    const order = await lockOrderForShipping(tx, row.order_id);
    // Credit hold (credit module): a 409 naming the holds, or an authorised, audited override.
    blockedOrder = { orderId: order.id, orderNumber: order.number };
    await assertShippingAllowed(tx, row.customer_id, input.override);

    // 2. Checks.
    assertShipmentTransition(row.status as ShipmentStatus, 'shipped');
    const carrier = await store.findCarrier(tx.db, input.carrierId);
    if (!carrier)
      throw validationError(`No carrier with id "${input.carrierId}".`, [
        { path: 'carrierId', message: 'is not a known carrier' },
      ]);
    if (!carrier.active)
      throw validationError(`Carrier ${carrier.name} is inactive.`, [
        { path: 'carrierId', message: `${carrier.code} is inactive` },
      ]);
    const taken = await store.takenTrackingNumbers(tx.db, carrier.id, input.trackingNumbers);
    if (taken.length > 0) {
      const first = taken[0]!;
      const index = input.trackingNumbers.indexOf(first.tracking_number);
      throw conflict(
        `Tracking number ${first.tracking_number} of ${carrier.name} is already used by another shipment.`,
        [{ path: `trackingNumbers.${index}`, message: 'is already used for this carrier' }],
      );
    }
    const lines = (await store.linesOf(tx.db, [id])).get(id) ?? [];

    // 3. Effects: the order's shipped quantities, the stock, the shipment.
    let dispatches: { productId: string; warehouseId: string; quantity: number; fromReserved: number }[];
    if (row.kind === 'regular') {
      const recorded = await recordShipped(tx, {
        orderId: order.id,
        lines: lines.map((l) => ({ lineId: l.order_line_id, quantity: Number(l.quantity) })),
      });
      dispatches = recorded.lines.map((l) => ({
        productId: l.productId,
        warehouseId: row.warehouse_id,
        quantity: l.quantity,
        fromReserved: l.fromReserved,
      }));
    } else {
      dispatches = lines.map((l) => ({
        productId: l.product_id,
        warehouseId: row.warehouse_id,
        quantity: Number(l.quantity),
        fromReserved: 0,
      }));
    }
    for (const d of [...dispatches].sort(byProduct)) await dispatchLine(tx, id, d);
    await store.insertTrackingNumbers(
      tx.db,
      input.trackingNumbers.map((n, i) => ({
        carrier_id: carrier.id,
        tracking_number: n,
        shipment_id: id,
        position: i + 1,
        created_at: tx.now,
      })),
    );
    await move(
      tx,
      row,
      'shipped',
      {
        carrier_id: carrier.id,
        service: input.service,
        pro_number: input.proNumber,
        freight_terms: input.freightTerms,
      },
      tx.now,
      { carrier: carrier.code, service: input.service, trackingNumbers: input.trackingNumbers },
    );
    await archiveShipmentDocuments(tx, id, 'shipped', prefixLength(ctx));
    return loadShipment(tx.db, id, prefixLength(ctx));
  }).catch(async (error: unknown) => {
    // A refusal for a credit hold leaves an 'order_blocked' task for sales (its own transaction).
    if (error instanceof ShippingBlockedError && blockedOrder)
      await openBlockedOrderTask(ctx, actor, error, blockedOrder);
    throw error;
  });
}

/** Cancels a shipment before it ships. It took nothing (no stock moved, the order untouched), so nothing is freed. */
export async function cancelShipment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { reason?: string | null } = {},
): Promise<Shipment> {
  return transaction(ctx, actor, async (tx) => {
    const row = await lockShipment(tx, id);
    await move(tx, row, 'cancelled', {}, tx.now, { reason: input.reason ?? null });
    return loadShipment(tx.db, id, prefixLength(ctx));
  });
}

// ── For tracking (inside its transaction) ────────────────────────────────────────────────────────

/** Which shipment each of these tracking numbers of a carrier belongs to (unknown numbers absent). */
export async function shipmentsByTrackingNumbers(
  db: AnyDb,
  carrierId: string,
  numbers: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(numbers)];
  for (let i = 0; i < unique.length; i += 500)
    for (const r of await store.takenTrackingNumbers(db, carrierId, unique.slice(i, i + 500)))
      out.set(r.tracking_number, r.shipment_id);
  return out;
}

/** Moves the order to delivered once every one of its shipments that was not cancelled is delivered. */
async function deliverOrderIfComplete(tx: Tx, orderId: string): Promise<void> {
  const shipments = (await store.shipmentsOfOrder(tx.db, orderId)).filter((s) => s.status !== 'cancelled');
  if (shipments.length === 0 || !shipments.every((s) => s.status === 'delivered')) return;
  const order = await loadOrder(tx.db, orderId);
  if (order.status === 'shipped') await recordDelivered(tx, orderId);
}

/**
 * The carrier delivered the shipment (`deliveredAt`: the carrier's event time). Moves it to delivered
 * (from shipped or lost) and the order to delivered when all its shipments are. Already delivered, or in
 * a state the lifecycle does not move to delivered (e.g. returned): nothing changes, false.
 */
export async function completeDelivery(tx: Tx, shipmentId: string, deliveredAt: string): Promise<boolean> {
  const row = await lockShipment(tx, shipmentId);
  const from = row.status as ShipmentStatus;
  if (!canTransitionShipment(from, 'delivered')) return false;
  await move(tx, row, 'delivered', {}, deliveredAt);
  await deliverOrderIfComplete(tx, row.order_id);
  return true;
}

/**
 * The carrier reports the parcel returned to sender or lost (`at`: its event time). Nothing changes
 * (false) when the shipment is already in that state or the lifecycle does not allow the move.
 */
export async function markShipmentOutcome(
  tx: Tx,
  shipmentId: string,
  outcome: 'returned' | 'lost',
  at: string,
): Promise<boolean> {
  const row = await lockShipment(tx, shipmentId);
  if (!canTransitionShipment(row.status as ShipmentStatus, outcome)) return false;
  await move(tx, row, outcome, {}, at);
  return true;
}

// ── Invoice from a shipment ──────────────────────────────────────────────────────────────────────

/**
 * An invoice draft (invoicing's own `createDraft`) with the shipment's SHIPPED quantities at the order's
 * prices: billing follows what left. One invoice per shipment (a second is a 409), none for a
 * replacement (a reship is not billed again) nor for an order already invoiced as a whole. Invoicing
 * runs its own transaction, so the id is recorded with a guarded UPDATE; a request that loses deletes
 * its draft again and gets the 409.
 */
export async function invoiceShipment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: InvoiceFromShipmentInput,
): Promise<{ shipment: Shipment; invoiceId: string }> {
  const shipment = await loadShipment(ctx.db, id, prefixLength(ctx));
  const refuse = (invoiceId: string) =>
    conflict(`Shipment ${shipment.number} already has invoice ${invoiceId}.`, [
      { path: 'invoiceId', message: `is already ${invoiceId}` },
    ]);
  if (shipment.invoiceId) throw refuse(shipment.invoiceId);
  if (shipment.kind === 'replacement')
    throw conflict(`Shipment ${shipment.number} is a replacement; replaced goods are not billed again.`, [
      { path: 'kind', message: 'is replacement' },
    ]);
  if (!INVOICEABLE.includes(shipment.status))
    throw conflict(
      `Shipment ${shipment.number} is ${shipment.status}; only a shipped shipment can be invoiced.`,
      [{ path: 'status', message: `is ${shipment.status}` }],
    );
  const order = await loadOrder(ctx.db, shipment.orderId);
  if (order.invoiceId)
    throw conflict(`Order ${order.number ?? order.id} is already invoiced as a whole (${order.invoiceId}).`, [
      { path: 'orderId', message: `order already has invoice ${order.invoiceId}` },
    ]);
  const orderLines = new Map(order.lines.map((l) => [l.id, l]));
  const invoice = await createDraft(ctx, actor, {
    kind: 'invoice',
    customerId: shipment.customerId,
    ...(order.currency ? { currency: order.currency } : {}),
    purchaseOrder: order.customerReference,
    orderReference: order.number,
    notes: `Shipment ${shipment.number}`,
    lines: shipment.lines.map((l) => {
      const ol = orderLines.get(l.orderLineId)!;
      return {
        description: l.description,
        itemCode: l.sku,
        quantity: String(l.quantity),
        unit: l.unit.slice(0, 20),
        unitPrice: toDecimalString(money(ol.unitPrice.amount, ol.unitPrice.currency)),
        taxCategory: input.taxCategory,
        ...(input.taxRate !== undefined ? { taxRate: input.taxRate } : {}),
        exemptionReason: null,
        exemptionReasonCode: null,
      };
    }),
  });
  try {
    return await transaction(ctx, actor, async (tx) => {
      const row = await lockShipment(tx, id);
      if (!(await store.setInvoice(tx.db, id, invoice.id, tx.now))) throw refuse(row.invoice_id ?? '?');
      tx.audit({
        action: 'shipment.invoiced',
        entityType: 'shipment',
        entityId: id,
        before: { invoiceId: null },
        after: { invoiceId: invoice.id },
      });
      await tx.emit({
        type: 'shipment.invoiced',
        aggregateType: 'shipment',
        aggregateId: id,
        payload: { shipmentId: id, orderId: row.order_id, invoiceId: invoice.id },
      });
      return { shipment: await loadShipment(tx.db, id, prefixLength(ctx)), invoiceId: invoice.id };
    });
  } catch (error) {
    await deleteDraft(ctx, actor, invoice.id).catch(() => undefined);
    throw error;
  }
}

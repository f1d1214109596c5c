/**
 * Sales orders: drafts, confirmation (stock reserved per line, the rest backordered), cancellation
 * (every reservation released), shipped quantities recorded for the shipping module, and an invoice
 * draft created from an order. Every change is audited in its transaction and announced with an
 * `order.*` event; every status move is checked against ORDER_LIFECYCLE (shipping/lifecycle.ts).
 *
 * Numbering: a draft has no number; the gapless `SO-YYYY-NNNNNN` number is allocated in the confirming
 * transaction (year of the company's "today"), so deleted or abandoned drafts never leave gaps.
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { dateInZone } from '../../platform/dates.js';
import type { AnyDb } from '../../platform/db/database.js';
import { type Tx, transaction } from '../../platform/db/transaction.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { money, toDecimalString } from '../../platform/money.js';
import { allocateNumber } from '../../platform/numbering/numbering.js';
import {
  findProductBySku,
  getProduct,
  getWarehouse,
  releaseReservation,
  reserveStock,
} from '../catalog/index.js';
import { type Customer, findCustomerIn } from '../customers/index.js';
import { createDraft, deleteDraft } from '../invoicing/index.js';
import {
  assertTransition,
  ORDER_LIFECYCLE,
  type OrderStatus,
  type OrderTimestamp,
} from '../shipping/lifecycle.js';
import {
  INVOICEABLE_STATUSES,
  lineTotal,
  openQuantity,
  reservationOrder,
  SHIPPABLE_STATUSES,
  shipSplit,
  statusAfterShipping,
} from './rules.js';
import type {
  Address,
  CreateOrderInput,
  InvoiceFromOrderInput,
  LineInput,
  Order,
  OrderLine,
  UpdateOrderInput,
} from './schemas.js';
import * as store from './store.js';

// ── Mapping ──────────────────────────────────────────────────────────────────────────────────────

export function toLine(row: store.LineRow): OrderLine {
  const unitPrice = Number(row.unit_price);
  const ordered = Number(row.ordered);
  const shipped = Number(row.shipped);
  return {
    id: row.id,
    position: Number(row.position),
    productId: row.product_id,
    sku: row.sku,
    description: row.description,
    unit: row.unit,
    warehouseId: row.warehouse_id,
    unitPrice: { amount: unitPrice, currency: row.currency },
    lineTotal: { amount: lineTotal(unitPrice, ordered), currency: row.currency },
    ordered,
    reserved: Number(row.reserved),
    shipped,
    backordered: Number(row.backordered),
    open: ordered - shipped,
  };
}

export function toOrder(row: store.OrderRow, lineRows: readonly store.LineRow[]): Order {
  const lines = lineRows.map(toLine);
  return {
    id: row.id,
    number: row.number,
    status: row.status as OrderStatus,
    customerId: row.customer_id,
    orderDate: row.order_date,
    currency: row.currency,
    netTotal: Number(row.net_total),
    shippingAddress: JSON.parse(row.shipping_address) as Address,
    requestedDeliveryDate: row.requested_delivery_date,
    promisedShipDate: row.promised_ship_date,
    incoterm: row.incoterm,
    incotermPlace: row.incoterm_place,
    customerReference: row.customer_reference,
    notes: row.notes,
    invoiceId: row.invoice_id,
    backordered: lines.some((l) => l.backordered > 0),
    confirmedAt: row.confirmed_at,
    firstShippedAt: row.first_shipped_at,
    shippedAt: row.shipped_at,
    deliveredAt: row.delivered_at,
    closedAt: row.closed_at,
    cancelledAt: row.cancelled_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lines,
  };
}

const TIMESTAMP_COLUMNS: Record<OrderTimestamp, keyof store.OrderRow> = {
  confirmedAt: 'confirmed_at',
  firstShippedAt: 'first_shipped_at',
  shippedAt: 'shipped_at',
  deliveredAt: 'delivered_at',
  closedAt: 'closed_at',
  cancelledAt: 'cancelled_at',
};

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────

export async function loadOrder(db: AnyDb, id: string): Promise<Order> {
  const row = await store.findOrder(db, id);
  if (!row) throw notFound('order', id);
  return toOrder(row, await store.linesOf(db, id));
}

export const getOrder = (ctx: AppContext, id: string) => loadOrder(ctx.db, id);

export async function listOrders(ctx: AppContext, filter: store.ListFilter): Promise<Order[]> {
  const rows = await store.listOrders(ctx.db, filter);
  const lines = await store.linesOfOrders(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toOrder(r, lines.get(r.id) ?? []));
}

// ── Input checks ─────────────────────────────────────────────────────────────────────────────────

async function customerFor(db: AnyDb, customerId: string): Promise<Customer> {
  const customer = await findCustomerIn(db, customerId);
  if (!customer)
    throw validationError(`No customer with id "${customerId}".`, [
      { path: 'customerId', message: 'is not a known customer' },
    ]);
  if (customer.status === 'archived')
    throw validationError(`Customer ${customer.code} is archived; unarchive it before ordering.`, [
      { path: 'customerId', message: 'is archived' },
    ]);
  return customer;
}

const defaultAddress = (customer: Customer): Address => {
  const a = customer.shippingAddress ?? customer.billingAddress;
  return {
    line1: a.line1,
    line2: a.line2 ?? null,
    postalCode: a.postalCode ?? null,
    city: a.city,
    region: a.region ?? null,
    country: a.country,
  };
};

/** Turns line input into line rows: products by id or SKU, price from the product, one currency per order. */
async function resolveLines(
  db: AnyDb,
  orderId: string,
  inputs: readonly LineInput[],
): Promise<{ rows: store.LineRow[]; currency: string | null; netTotal: number }> {
  const rows: store.LineRow[] = [];
  let currency: string | null = null;
  let netTotal = 0;
  for (const [i, input] of inputs.entries()) {
    const path = `lines.${i}`;
    if (!input.productId && !input.sku)
      throw validationError(`Line ${i + 1} names no product.`, [
        { path: `${path}.productId`, message: 'is required (or give sku)' },
      ]);
    const product = input.productId
      ? await getProduct(db, input.productId)
      : await findProductBySku(db, input.sku!);
    const field = input.productId ? `${path}.productId` : `${path}.sku`;
    if (!product)
      throw validationError(`Line ${i + 1}: no product "${input.productId ?? input.sku}".`, [
        { path: field, message: 'is not a known product' },
      ]);
    if (!product.active)
      throw validationError(`Line ${i + 1}: product ${product.sku} is inactive.`, [
        { path: field, message: `${product.sku} is inactive` },
      ]);
    if (!product.price)
      throw validationError(`Line ${i + 1}: product ${product.sku} has no price.`, [
        { path: field, message: `${product.sku} has no price` },
      ]);
    if (currency !== null && product.price.currency !== currency)
      throw validationError(
        `Line ${i + 1}: ${product.sku} is priced in ${product.price.currency}, the order in ${currency}.`,
        [{ path: field, message: `is priced in ${product.price.currency}, not ${currency}` }],
      );
    currency = product.price.currency;
    const warehouse = await getWarehouse(db, input.warehouseId);
    if (!warehouse)
      throw validationError(`Line ${i + 1}: no warehouse "${input.warehouseId}".`, [
        { path: `${path}.warehouseId`, message: 'is not a known warehouse' },
      ]);
    if (!warehouse.active)
      throw validationError(`Line ${i + 1}: warehouse ${warehouse.code} is inactive.`, [
        { path: `${path}.warehouseId`, message: `${warehouse.code} is inactive` },
      ]);
    netTotal += lineTotal(product.price.amount, input.quantity);
    rows.push({
      id: newId('order_line'),
      order_id: orderId,
      position: i + 1,
      product_id: product.id,
      sku: product.sku,
      description: product.name,
      unit: product.unit,
      warehouse_id: warehouse.id,
      unit_price: product.price.amount,
      currency: product.price.currency,
      ordered: input.quantity,
      reserved: 0,
      shipped: 0,
      backordered: 0,
    });
  }
  return { rows, currency, netTotal };
}

async function lockOrder(tx: Tx, id: string): Promise<store.OrderRow> {
  const row = await store.lockOrder(tx.db, tx.dialect, id);
  if (!row) throw notFound('order', id);
  return row;
}

const nameOf = (row: Pick<store.OrderRow, 'number' | 'id'>) => `Order ${row.number ?? row.id}`;

/** Moves the order (already locked) along the lifecycle, or throws the 409 naming both states. */
async function move(
  tx: Tx,
  row: store.OrderRow,
  to: OrderStatus,
  extra: Partial<store.OrderRow> = {},
): Promise<void> {
  const sets = assertTransition(ORDER_LIFECYCLE, 'order', row.status as OrderStatus, to);
  const changes: Partial<store.OrderRow> & { status: string } = { ...extra, status: to, updated_at: tx.now };
  if (sets) (changes as Record<string, unknown>)[TIMESTAMP_COLUMNS[sets]] = tx.now;
  if (!(await store.moveStatus(tx.db, row.id, row.status, changes)))
    throw conflict(`${nameOf(row)} changed meanwhile; reload it and try again.`, [
      { path: 'status', message: 'changed meanwhile' },
    ]);
}

// ── Drafts ───────────────────────────────────────────────────────────────────────────────────────

export async function createOrder(ctx: AppContext, actor: Actor, input: CreateOrderInput): Promise<Order> {
  return transaction(ctx, actor, async (tx) => {
    const customer = await customerFor(tx.db, input.customerId);
    const id = newId('order');
    const lines = await resolveLines(tx.db, id, input.lines);
    await store.insertOrder(tx.db, {
      id,
      number: null,
      status: 'draft',
      customer_id: customer.id,
      order_date: dateInZone(new Date(tx.now), ctx.config.TIMEZONE),
      currency: lines.currency,
      net_total: lines.netTotal,
      shipping_address: JSON.stringify(input.shippingAddress ?? defaultAddress(customer)),
      requested_delivery_date: input.requestedDeliveryDate ?? null,
      promised_ship_date: input.promisedShipDate ?? null,
      incoterm: input.incoterm ?? null,
      incoterm_place: input.incotermPlace,
      customer_reference: input.customerReference,
      notes: input.notes,
      invoice_id: null,
      confirmed_at: null,
      first_shipped_at: null,
      shipped_at: null,
      delivered_at: null,
      closed_at: null,
      cancelled_at: null,
      created_at: tx.now,
      updated_at: tx.now,
    });
    await store.replaceLines(tx.db, id, lines.rows);
    const created = await loadOrder(tx.db, id);
    tx.audit({ action: 'order.created', entityType: 'order', entityId: id, after: created });
    await tx.emit({
      type: 'order.created',
      aggregateType: 'order',
      aggregateId: id,
      payload: { orderId: id, customerId: customer.id },
    });
    return created;
  });
}

export async function updateOrder(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateOrderInput,
): Promise<Order> {
  return transaction(ctx, actor, async (tx) => {
    const row = await lockOrder(tx, id);
    if (row.status !== 'draft')
      throw conflict(`${nameOf(row)} is ${row.status}; only a draft can be changed.`, [
        { path: 'status', message: `is ${row.status}, not draft` },
      ]);
    const before = await loadOrder(tx.db, id);
    const customerChanged = input.customerId !== undefined && input.customerId !== row.customer_id;
    const customer = customerChanged ? await customerFor(tx.db, input.customerId!) : undefined;
    const changes: Partial<store.OrderRow> = { updated_at: tx.now };
    if (customer) changes.customer_id = customer.id;
    if (input.shippingAddress) changes.shipping_address = JSON.stringify(input.shippingAddress);
    else if (input.shippingAddress === null || customer)
      changes.shipping_address = JSON.stringify(
        defaultAddress(customer ?? (await customerFor(tx.db, row.customer_id))),
      );
    if (input.requestedDeliveryDate !== undefined)
      changes.requested_delivery_date = input.requestedDeliveryDate;
    if (input.promisedShipDate !== undefined) changes.promised_ship_date = input.promisedShipDate;
    if (input.incoterm !== undefined) changes.incoterm = input.incoterm;
    if (input.incotermPlace !== undefined) changes.incoterm_place = input.incotermPlace;
    if (input.customerReference !== undefined) changes.customer_reference = input.customerReference;
    if (input.notes !== undefined) changes.notes = input.notes;
    if (input.lines) {
      const lines = await resolveLines(tx.db, id, input.lines);
      changes.currency = lines.currency;
      changes.net_total = lines.netTotal;
      await store.replaceLines(tx.db, id, lines.rows);
    }
    await store.updateOrder(tx.db, id, changes);
    const after = await loadOrder(tx.db, id);
    tx.audit({ action: 'order.updated', entityType: 'order', entityId: id, before, after });
    await tx.emit({
      type: 'order.updated',
      aggregateType: 'order',
      aggregateId: id,
      payload: { orderId: id },
    });
    return after;
  });
}

// ── Confirm and cancel ───────────────────────────────────────────────────────────────────────────

const stockRef = (orderId: string) => ({ type: 'order', id: orderId });

/**
 * Confirms a draft: allocates its SO number and reserves stock per line, in product-id order (every
 * confirmer and canceller takes stock-level locks in that one order, so two orders cannot deadlock);
 * what is not available is recorded as backordered on the line.
 */
export async function confirmOrder(ctx: AppContext, actor: Actor, id: string): Promise<Order> {
  return transaction(ctx, actor, async (tx) => {
    const row = await lockOrder(tx, id);
    assertTransition(ORDER_LIFECYCLE, 'order', row.status as OrderStatus, 'confirmed');
    const lines = (await store.linesOf(tx.db, id)).map(toLine);
    if (lines.length === 0)
      throw validationError(`${nameOf(row)} has no lines; add at least one before confirming.`, [
        { path: 'lines', message: 'must contain at least one line' },
      ]);
    const today = dateInZone(new Date(tx.now), ctx.config.TIMEZONE);
    const { number } = await allocateNumber(tx, 'SO', Number(today.slice(0, 4)));
    await move(tx, row, 'confirmed', { number });
    for (const line of reservationOrder(lines)) {
      const { reserved, short } = await reserveStock(tx, {
        productId: line.productId,
        warehouseId: line.warehouseId,
        quantity: line.ordered,
        reference: stockRef(id),
        allowPartial: true,
      });
      await store.setLineReservation(tx.db, line.id, reserved, short);
    }
    const after = await loadOrder(tx.db, id);
    tx.audit({
      action: 'order.confirmed',
      entityType: 'order',
      entityId: id,
      before: { status: row.status },
      after,
    });
    await tx.emit({
      type: 'order.confirmed',
      aggregateType: 'order',
      aggregateId: id,
      payload: {
        orderId: id,
        number,
        customerId: after.customerId,
        backordered: after.lines
          .filter((l) => l.backordered > 0)
          .map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.backordered })),
      },
    });
    return after;
  });
}

/** Cancels a draft or confirmed order, releasing every reservation it holds. */
export async function cancelOrder(ctx: AppContext, actor: Actor, id: string): Promise<Order> {
  return transaction(ctx, actor, async (tx) => {
    const row = await lockOrder(tx, id);
    assertTransition(ORDER_LIFECYCLE, 'order', row.status as OrderStatus, 'cancelled');
    const before = await loadOrder(tx.db, id);
    await move(tx, row, 'cancelled');
    for (const line of reservationOrder(before.lines)) {
      if (line.reserved > 0)
        await releaseReservation(tx, {
          productId: line.productId,
          warehouseId: line.warehouseId,
          quantity: line.reserved,
          reference: stockRef(id),
        });
      if (line.reserved > 0 || line.backordered > 0) await store.setLineReservation(tx.db, line.id, 0, 0);
    }
    const after = await loadOrder(tx.db, id);
    tx.audit({ action: 'order.cancelled', entityType: 'order', entityId: id, before, after });
    await tx.emit({
      type: 'order.cancelled',
      aggregateType: 'order',
      aggregateId: id,
      payload: {
        orderId: id,
        number: after.number,
        released: before.lines
          .filter((l) => l.reserved > 0)
          .map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.reserved })),
      },
    });
    return after;
  });
}

// ── Shipped quantities (for the shipping module, inside its transaction) ─────────────────────────

export interface RecordShippedArgs {
  orderId: string;
  lines: readonly { lineId: string; quantity: number }[];
}

export interface RecordShippedResult {
  status: OrderStatus;
  /** Per shipped line: how many of its units came out of its reservation (dispatch those `fromReserved`). */
  lines: {
    lineId: string;
    productId: string;
    warehouseId: string;
    sku: string;
    quantity: number;
    fromReserved: number;
  }[];
}

/**
 * Adds shipped units to lines of a confirmed or partially shipped order and moves it to
 * `partially_shipped` or `shipped`. Each line's update is guarded (`shipped + q <= ordered`), so no
 * sequence of calls — concurrent or not — ships more than ordered; an over-shipment is a 409 naming
 * the line and SKU, and the caller's whole transaction is refused (nothing half-applied). Does not
 * move stock: the shipping module dispatches it in the same transaction.
 */
export async function recordShipped(tx: Tx, args: RecordShippedArgs): Promise<RecordShippedResult> {
  if (args.lines.length === 0)
    throw validationError('Nothing to ship: give at least one line.', [
      { path: 'lines', message: 'must contain at least one line' },
    ]);
  for (const [i, l] of args.lines.entries())
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0)
      throw validationError(
        `Line ${i + 1}: the quantity must be a positive whole number; got ${l.quantity}.`,
        [{ path: `lines.${i}.quantity`, message: 'must be a positive whole number' }],
      );
  const row = await lockOrder(tx, args.orderId);
  const status = row.status as OrderStatus;
  if (!SHIPPABLE_STATUSES.includes(status))
    // Refused by the lifecycle table: e.g. draft → partially_shipped, cancelled → shipped.
    assertTransition(ORDER_LIFECYCLE, 'order', status, 'partially_shipped');
  const before = (await store.linesOf(tx.db, args.orderId)).map(toLine);
  const current = new Map(before.map((l) => [l.id, l]));
  const shipped: RecordShippedResult['lines'] = [];
  for (const [i, l] of args.lines.entries()) {
    const line = current.get(l.lineId);
    if (!line)
      throw validationError(`Line ${i + 1}: ${nameOf(row)} has no line "${l.lineId}".`, [
        { path: `lines.${i}.lineId`, message: 'is not a line of this order' },
      ]);
    const split = shipSplit(line, l.quantity);
    if (!split || !(await store.addShipped(tx.db, args.orderId, l.lineId, l.quantity)))
      throw conflict(
        `Cannot ship ${l.quantity} of ${line.sku} (line ${line.position} of ${nameOf(row)}): ${line.shipped} of ${line.ordered} already shipped, ${openQuantity(line)} open.`,
        [{ path: `lines.${i}.quantity`, message: `${line.sku}: at most ${openQuantity(line)} open` }],
      );
    current.set(line.id, { ...line, ...split.after, open: split.after.ordered - split.after.shipped });
    shipped.push({
      lineId: line.id,
      productId: line.productId,
      warehouseId: line.warehouseId,
      sku: line.sku,
      quantity: l.quantity,
      fromReserved: split.fromReserved,
    });
  }
  const after = (await store.linesOf(tx.db, args.orderId)).map(toLine);
  const next = statusAfterShipping(after);
  if (next !== status) {
    const extra: Partial<store.OrderRow> = {};
    if (row.first_shipped_at === null) extra.first_shipped_at = tx.now;
    await move(tx, row, next, extra);
  }
  tx.audit({
    action: 'order.shipped',
    entityType: 'order',
    entityId: args.orderId,
    before: { status, lines: before.map((l) => ({ id: l.id, shipped: l.shipped })) },
    after: { status: next, lines: after.map((l) => ({ id: l.id, shipped: l.shipped })) },
  });
  await tx.emit({
    type: 'order.shipped',
    aggregateType: 'order',
    aggregateId: args.orderId,
    payload: {
      orderId: args.orderId,
      number: row.number,
      status: next,
      lines: shipped.map((s) => ({ lineId: s.lineId, sku: s.sku, quantity: s.quantity })),
    },
  });
  return { status: next, lines: shipped };
}

// ── Invoice from order ───────────────────────────────────────────────────────────────────────────

/**
 * Creates an invoice draft (through invoicing's own `createDraft`) with the order's lines at their
 * ordered quantities and prices, then records its id on the order. Invoicing runs its own transaction,
 * so the id is recorded with a guarded UPDATE (only if the order has none yet): a concurrent request
 * that loses deletes its draft again and gets a 409. A crash between the two leaves an unlinked draft
 * whose order reference names the order.
 */
export async function invoiceOrder(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: InvoiceFromOrderInput,
): Promise<{ order: Order; invoiceId: string }> {
  const order = await loadOrder(ctx.db, id);
  const refuseIfInvoiced = (invoiceId: string) =>
    conflict(`Order ${order.number ?? order.id} already has invoice ${invoiceId}.`, [
      { path: 'invoiceId', message: `is already ${invoiceId}` },
    ]);
  if (!INVOICEABLE_STATUSES.includes(order.status))
    throw conflict(
      `Order ${order.number ?? order.id} is ${order.status}; only a confirmed order can be invoiced.`,
      [{ path: 'status', message: `is ${order.status}` }],
    );
  if (order.invoiceId) throw refuseIfInvoiced(order.invoiceId);
  const invoice = await createDraft(ctx, actor, {
    kind: 'invoice',
    customerId: order.customerId,
    ...(order.currency ? { currency: order.currency } : {}),
    purchaseOrder: order.customerReference,
    orderReference: order.number,
    notes: null,
    lines: order.lines.map((l) => ({
      description: l.description,
      itemCode: l.sku,
      quantity: String(l.ordered),
      unit: l.unit.slice(0, 20),
      unitPrice: toDecimalString(money(l.unitPrice.amount, l.unitPrice.currency)),
      taxCategory: input.taxCategory,
      ...(input.taxRate !== undefined ? { taxRate: input.taxRate } : {}),
      exemptionReason: null,
      exemptionReasonCode: null,
    })),
  });
  try {
    return await transaction(ctx, actor, async (tx) => {
      const row = await lockOrder(tx, id);
      if (!(await store.setInvoice(tx.db, id, invoice.id, tx.now)))
        throw refuseIfInvoiced(row.invoice_id ?? '?');
      tx.audit({
        action: 'order.invoiced',
        entityType: 'order',
        entityId: id,
        before: { invoiceId: null },
        after: { invoiceId: invoice.id },
      });
      await tx.emit({
        type: 'order.invoiced',
        aggregateType: 'order',
        aggregateId: id,
        payload: { orderId: id, invoiceId: invoice.id },
      });
      return { order: await loadOrder(tx.db, id), invoiceId: invoice.id };
    });
  } catch (error) {
    await deleteDraft(ctx, actor, invoice.id).catch(() => undefined);
    throw error;
  }
}

// ── For the shipping module (inside its transaction) ─────────────────────────────────────────────

/**
 * The order with its lines, its row locked until the caller's transaction ends (PostgreSQL `FOR
 * UPDATE`; SQLite's writer lock already serialises): what the shipping module reads under this lock
 * stays true until it commits.
 */
export async function lockOrderForShipping(tx: Tx, id: string): Promise<Order> {
  const row = await lockOrder(tx, id);
  return toOrder(row, await store.linesOf(tx.db, id));
}

/** Order numbers by id (unknown ids absent), for lists of shipments. */
export async function orderNumbers(db: AnyDb, ids: readonly string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (const id of new Set(ids)) {
    const row = await store.findOrder(db, id);
    if (row) out.set(id, row.number);
  }
  return out;
}

/**
 * Moves a shipped order to `delivered` (the shipping module calls it once every shipment of the order is
 * delivered). Already delivered or closed: nothing changes (returns false). Any other status is the
 * lifecycle's 409 (e.g. a partially shipped order is not delivered).
 */
export async function recordDelivered(tx: Tx, orderId: string): Promise<boolean> {
  const row = await lockOrder(tx, orderId);
  if (row.status === 'delivered' || row.status === 'closed') return false;
  await move(tx, row, 'delivered');
  tx.audit({
    action: 'order.delivered',
    entityType: 'order',
    entityId: orderId,
    before: { status: row.status },
    after: { status: 'delivered', deliveredAt: tx.now },
  });
  await tx.emit({
    type: 'order.delivered',
    aggregateType: 'order',
    aggregateId: orderId,
    payload: { orderId, number: row.number, customerId: row.customer_id },
  });
  return true;
}

/**
 * Dispatch delays: evaluates an order or a shipment (rules.ts) in one transaction, stores its state and
 * reasons, and — when the state changes — opens the logistics task of the new state (worklist
 * `openTask`, one per entity and state), closes those of the other states (`closeTasks`), and, where the
 * settings ask for it, queues a proactive customer email once per (entity, state, expected date).
 *
 * Evaluation is a pure function of the current records, so running it twice, or for a late or
 * duplicated event, changes nothing: the events (shipment.status_changed, tracking.updated, order.*)
 * and the daily run may all call it as often as they like.
 */
import { type Actor, systemActor } from '../../../platform/auth/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { dateInZone } from '../../../platform/dates.js';
import type { AnyDb } from '../../../platform/db/database.js';
import { type Tx, transaction } from '../../../platform/db/transaction.js';
import { queueMail } from '../../../platform/mail/outbox.js';
import { billingContact, findCustomerIn } from '../../customers/index.js';
import { listOrders, loadOrder, type Order } from '../../orders/index.js';
import { closeTasks, openTask } from '../../worklist/index.js';
import { listShipments, loadShipment } from '../shipments-read.js';
import { trackingStateOf } from '../tracking/service.js';
import {
  type DelayEntityType,
  type DelaySettings,
  type DelayState,
  delayNotice,
  delayTaskKey,
  type Evaluation,
  evaluateOrder,
  evaluateShipment,
  OPEN_ORDER_STATUSES,
  PROBLEM_STATES,
  type ProblemState,
  stateWords,
  taskPriorityOf,
} from './rules.js';
import * as store from './store.js';

export interface DelayStateView {
  entityType: DelayEntityType;
  entityId: string;
  orderId: string | null;
  customerId: string | null;
  number: string | null;
  state: DelayState;
  reasons: string[];
  expectedDate: string | null;
  dueDate: string | null;
  open: boolean;
  evaluatedAt: string;
  changedAt: string;
}

export const toView = (r: store.DelayRow): DelayStateView => ({
  entityType: r.entity_type as DelayEntityType,
  entityId: r.entity_id,
  orderId: r.order_id,
  customerId: r.customer_id,
  number: r.number,
  state: r.state as DelayState,
  reasons: JSON.parse(r.reasons) as string[],
  expectedDate: r.expected_date,
  dueDate: r.due_date,
  open: Number(r.open) === 1,
  evaluatedAt: r.evaluated_at,
  changedAt: r.changed_at,
});

/** The stored delay state of each entity (absent when never evaluated). */
export async function delayStatesOf(
  db: AnyDb,
  entityType: DelayEntityType,
  ids: readonly string[],
): Promise<Map<string, DelayStateView>> {
  const rows = await store.statesOf(db, entityType, ids);
  return new Map(rows.map((r) => [r.entity_id, toView(r)]));
}

const DELAYS_ACTOR = systemActor('shipping.delays');

/** A date or instant from a carrier as a company-local date. */
function localDate(value: string | null | undefined, timeZone: string): string | null {
  if (!value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : dateInZone(d, timeZone);
}

interface Subject {
  evaluation: Evaluation;
  orderId: string;
  customerId: string;
  number: string;
  orderNumber: string | null;
}

async function orderSubject(
  tx: Tx,
  id: string,
  today: string,
  settings: DelaySettings,
): Promise<Subject | null> {
  const order = await loadOrder(tx.db, id).catch(() => null);
  if (!order) return null;
  return {
    evaluation: evaluateOrder(order, today, settings),
    orderId: order.id,
    customerId: order.customerId,
    number: order.number ?? order.id,
    orderNumber: order.number,
  };
}

async function shipmentSubject(
  tx: Tx,
  id: string,
  today: string,
  timeZone: string,
  settings: DelaySettings,
): Promise<Subject | null> {
  const shipment = await loadShipment(tx.db, id).catch(() => null);
  if (!shipment) return null;
  const order: Order | null = await loadOrder(tx.db, shipment.orderId).catch(() => null);
  const tracking = (await trackingStateOf(tx.db, [id])).get(id);
  const evaluation = evaluateShipment(
    {
      status: shipment.status,
      requestedDeliveryDate: order?.requestedDeliveryDate ?? null,
      shippedDate: localDate(shipment.shippedAt, timeZone),
      tracking: tracking
        ? {
            status: tracking.status,
            substatus: tracking.substatus,
            reason: tracking.reason,
            lastEventDate: localDate(tracking.lastEventAt, timeZone),
            etaDate: localDate(tracking.eta, timeZone),
          }
        : null,
    },
    today,
    settings,
  );
  return {
    evaluation,
    orderId: shipment.orderId,
    customerId: shipment.customerId,
    number: shipment.number,
    orderNumber: order?.number ?? shipment.orderNumber,
  };
}

const isProblem = (s: DelayState): s is ProblemState => (PROBLEM_STATES as readonly string[]).includes(s);

/** Evaluates one entity inside `tx`; returns its state, or null when the entity does not exist. */
export async function evaluateIn(
  tx: Tx,
  timeZone: string,
  today: string,
  type: DelayEntityType,
  id: string,
): Promise<DelayStateView | null> {
  const settings = await store.readSettings(tx.db);
  const subject =
    type === 'order'
      ? await orderSubject(tx, id, today, settings)
      : await shipmentSubject(tx, id, today, timeZone, settings);
  if (!subject) return null;
  const ev = subject.evaluation;

  let previous = await store.lockState(tx.db, tx.dialect, type, id);
  if (!previous) {
    await store.insertStateIfAbsent(tx.db, {
      entity_type: type,
      entity_id: id,
      order_id: subject.orderId,
      customer_id: subject.customerId,
      number: subject.number,
      state: 'on_time',
      reasons: '[]',
      expected_date: null,
      due_date: null,
      open: 1,
      evaluated_at: tx.now,
      changed_at: tx.now,
    });
    previous = await store.lockState(tx.db, tx.dialect, type, id);
  }
  const before = previous as store.DelayRow;
  const changed = before.state !== ev.state;
  const row: store.DelayRow = {
    ...before,
    order_id: subject.orderId,
    customer_id: subject.customerId,
    number: subject.number,
    state: ev.state,
    reasons: JSON.stringify(ev.reasons),
    expected_date: ev.expectedDate,
    due_date: ev.dueDate,
    open: ev.open ? 1 : 0,
    evaluated_at: tx.now,
    changed_at: changed ? tx.now : before.changed_at,
  };
  await store.updateState(tx.db, type, id, row);

  if (changed) {
    tx.audit({
      action: 'delay.changed',
      entityType: type,
      entityId: id,
      before: { state: before.state, reasons: JSON.parse(before.reasons) },
      after: { state: ev.state, reasons: ev.reasons, expectedDate: ev.expectedDate },
    });
    await tx.emit({
      type: 'delay.changed',
      aggregateType: type,
      aggregateId: id,
      payload: {
        entityType: type,
        entityId: id,
        orderId: subject.orderId,
        customerId: subject.customerId,
        from: before.state,
        to: ev.state,
        reasons: ev.reasons,
        expectedDate: ev.expectedDate,
      },
    });
    const resolution =
      ev.state === 'on_time'
        ? ev.open
          ? `Back on time (${today})`
          : `No longer open (${today})`
        : `Now ${stateWords(ev.state)} (${today})`;
    for (const s of PROBLEM_STATES)
      if (s !== ev.state) await closeTasks(tx, { dedupeKey: delayTaskKey(type, id, s) }, resolution);
    if (isProblem(ev.state)) {
      const label = type === 'order' ? 'Order' : 'Shipment';
      await openTask(tx, {
        dedupeKey: delayTaskKey(type, id, ev.state),
        kind: ev.kind ?? `${type}_${ev.state}`,
        department: 'logistics',
        title: `${label} ${subject.number} is ${stateWords(ev.state)}`,
        reason: ev.reasons.join('; '),
        recordType: type,
        recordId: id,
        customerId: subject.customerId,
        priority: taskPriorityOf(ev.state),
        dueDate: today,
      });
    }
  }
  if (settings.notifyCustomers && (settings.notifyStates as readonly string[]).includes(ev.state) && ev.open)
    await notifyCustomer(tx, type, id, subject, ev);
  return toView(row);
}

/** The proactive email, once per (entity, state, expected date): claimed first, then queued. */
async function notifyCustomer(tx: Tx, type: DelayEntityType, id: string, subject: Subject, ev: Evaluation) {
  const key = { entity_type: type, entity_id: id, state: ev.state, expected_date: ev.expectedDate ?? '' };
  const claimed = await store.claimNotice(tx.db, {
    ...key,
    message_id: null,
    outcome: 'queued',
    created_at: tx.now,
  });
  if (!claimed) return;
  const customer = await findCustomerIn(tx.db, subject.customerId);
  const to = customer
    ? billingContact(customer)
        .map((c) => c.email)
        .filter((e): e is string => Boolean(e))
    : [];
  if (!customer || to.length === 0) {
    await store.setNoticeMail(tx.db, key, null, 'no_recipient');
    return;
  }
  const mail = delayNotice(customer.language?.toLowerCase().startsWith('fr') ? 'fr' : 'en', {
    entityType: type,
    number: subject.number,
    orderNumber: subject.orderNumber,
    customerName: customer.legalName,
    state: ev.state,
    expectedDate: ev.expectedDate,
  });
  const messageId = await queueMail(tx, {
    to,
    subject: mail.subject,
    text: mail.text,
    related: { type, id },
  });
  await store.setNoticeMail(tx.db, key, messageId, 'queued');
}

export const todayOf = (ctx: AppContext) => dateInZone(ctx.clock.now(), ctx.config.TIMEZONE);

/** Evaluates one entity in its own transaction. */
export function evaluateDelay(
  ctx: AppContext,
  type: DelayEntityType,
  id: string,
  actor: Actor = DELAYS_ACTOR,
): Promise<DelayStateView | null> {
  const today = todayOf(ctx);
  return transaction(ctx, actor, (tx) => evaluateIn(tx, ctx.config.TIMEZONE, today, type, id));
}

const PAGE = 500;

/**
 * The daily run: every open order (confirmed, partially shipped), every shipment in the carrier's hands,
 * and every entity still marked open in delay_states (so one that left those lists unseen is closed too).
 */
export async function evaluateAllDelays(
  ctx: AppContext,
  actor: Actor = DELAYS_ACTOR,
): Promise<{ evaluated: number; changed: number }> {
  const seen = { order: new Set<string>(), shipment: new Set<string>() };
  let evaluated = 0;
  let changed = 0;
  const run = async (type: DelayEntityType, id: string) => {
    if (seen[type].has(id)) return;
    seen[type].add(id);
    const before = (await store.statesOf(ctx.db, type, [id]))[0]?.state ?? 'on_time';
    const after = await evaluateDelay(ctx, type, id, actor);
    evaluated++;
    if (after && after.state !== before) changed++;
  };
  let before: string | undefined;
  for (;;) {
    const orders = await listOrders(ctx, { status: OPEN_ORDER_STATUSES, before, limit: PAGE });
    for (const o of orders.slice(0, PAGE)) await run('order', o.id);
    if (orders.length <= PAGE) break;
    before = orders[PAGE - 1]?.id;
  }
  before = undefined;
  for (;;) {
    const shipments = await listShipments(ctx, { status: ['shipped'], before, limit: PAGE });
    for (const s of shipments.slice(0, PAGE)) await run('shipment', s.id);
    if (shipments.length <= PAGE) break;
    before = shipments[PAGE - 1]?.id;
  }
  for (const type of ['order', 'shipment'] as const) {
    let after = '';
    for (;;) {
      const ids = await store.openEntityIds(ctx.db, type, after, PAGE);
      for (const id of ids) await run(type, id);
      if (ids.length < PAGE) break;
      after = ids[ids.length - 1] as string;
    }
  }
  return { evaluated, changed };
}

export async function getDelaySettings(ctx: AppContext): Promise<DelaySettings> {
  return store.readSettings(ctx.db);
}

export async function saveDelaySettings(ctx: AppContext, actor: Actor, settings: DelaySettings) {
  return transaction(ctx, actor, async (tx) => {
    const before = await store.readSettings(tx.db);
    await store.writeSettings(tx.db, settings, tx.now);
    tx.audit({
      action: 'delay.settings_changed',
      entityType: 'delay_settings',
      entityId: '1',
      before,
      after: settings,
    });
    return settings;
  });
}

export async function listDelayStates(ctx: AppContext, filter: store.DelayFilter) {
  return (await store.listStates(ctx.db, filter)).map(toView);
}

export async function delayDetail(ctx: AppContext, type: DelayEntityType, id: string) {
  const [row] = await store.statesOf(ctx.db, type, [id]);
  const notices = await store.noticesOf(ctx.db, type, id);
  return {
    state: row ? toView(row) : null,
    notices: notices.map((n) => ({
      state: n.state as DelayState,
      expectedDate: n.expected_date || null,
      messageId: n.message_id,
      outcome: n.outcome,
      createdAt: n.created_at,
    })),
  };
}

/**
 * Dispatch delay rules, free of I/O. Each open order and shipment gets one computed state —
 * `on_time`, `at_risk`, `late` or `stalled` — with the reasons that led to it, worst first.
 *
 * Orders (confirmed or partially shipped; the order's own lateness until it has shipped):
 * - no promised ship date → on_time;
 * - today after the promised ship date → late ("not shipped by …");
 * - the promised ship date within `atRiskDays` days (today included) → at_risk.
 * Once the order is shipped, delivered, closed or cancelled it is no longer open: its state is on_time
 * and its tasks close; from then on its shipments carry the delay.
 *
 * Shipments (status shipped — in the carrier's hands; before that the order's rule applies, after
 * delivery/return/loss/cancellation the shipment is no longer open):
 * - carrier `exception` → late (kind shipment_exception); `attempt_fail` → at_risk (the carrier
 *   normally tries again); `expired` (the carrier stopped tracking) → stalled;
 * - today after the requested delivery date → late;
 * - carrier ETA after the requested delivery date → late (the carrier itself predicts a late delivery);
 * - no ETA and the requested delivery date within `atRiskDays` days → at_risk;
 * - no tracking event (or, before any, no hand-over) for `stalledDays` days or more → stalled.
 * The worst wins: late > stalled > at_risk > on_time. The expected date is the carrier ETA for a
 * shipment, and the promised ship date for an order not yet late (unknown once it is late).
 */
import { daysBetween } from '../../../platform/dates.js';

export const DELAY_STATES = ['on_time', 'at_risk', 'late', 'stalled'] as const;
export type DelayState = (typeof DELAY_STATES)[number];
export const PROBLEM_STATES = ['at_risk', 'late', 'stalled'] as const;
export type ProblemState = (typeof PROBLEM_STATES)[number];
export type DelayEntityType = 'order' | 'shipment';

export interface DelaySettings {
  atRiskDays: number;
  stalledDays: number;
  notifyCustomers: boolean;
  notifyStates: ProblemState[];
}

export const DEFAULT_DELAY_SETTINGS: DelaySettings = {
  atRiskDays: 1,
  stalledDays: 3,
  notifyCustomers: false,
  notifyStates: ['late'],
};

export interface Evaluation {
  state: DelayState;
  reasons: string[];
  expectedDate: string | null;
  dueDate: string | null;
  /** False once the entity is done (shipped order, delivered shipment…): nothing more to watch. */
  open: boolean;
  /** The worklist task kind of a problem state. */
  kind: string | null;
}

const RANK: Record<DelayState, number> = { on_time: 0, at_risk: 1, stalled: 2, late: 3 };

function worst(found: { state: DelayState; reason: string; kind?: string }[]) {
  const sorted = [...found].sort((a, b) => RANK[b.state] - RANK[a.state]);
  return { state: sorted[0]?.state ?? 'on_time', reasons: sorted.map((f) => f.reason), top: sorted[0] };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export interface OrderFacts {
  status: string;
  promisedShipDate: string | null;
}

export const OPEN_ORDER_STATUSES = ['confirmed', 'partially_shipped'];

export function evaluateOrder(order: OrderFacts, today: string, settings: DelaySettings): Evaluation {
  const P = order.promisedShipDate;
  if (!OPEN_ORDER_STATUSES.includes(order.status))
    return { state: 'on_time', reasons: [], expectedDate: null, dueDate: P, open: false, kind: null };
  const what = order.status === 'partially_shipped' ? 'Only partly shipped' : 'Not shipped';
  if (P === null)
    return { state: 'on_time', reasons: [], expectedDate: null, dueDate: null, open: true, kind: null };
  const daysLeft = daysBetween(today, P);
  if (daysLeft < 0)
    return {
      state: 'late',
      reasons: [`${what} by the promised ship date ${P} (${plural(-daysLeft, 'day')} late)`],
      expectedDate: null,
      dueDate: P,
      open: true,
      kind: 'order_late',
    };
  if (daysLeft <= settings.atRiskDays)
    return {
      state: 'at_risk',
      reasons: [
        `${what} yet; promised to ship by ${P} (${daysLeft === 0 ? 'today' : `in ${plural(daysLeft, 'day')}`})`,
      ],
      expectedDate: P,
      dueDate: P,
      open: true,
      kind: 'order_at_risk',
    };
  return { state: 'on_time', reasons: [], expectedDate: P, dueDate: P, open: true, kind: null };
}

export interface ShipmentFacts {
  status: string;
  requestedDeliveryDate: string | null;
  /** The company-local date of the shipment's hand-over to the carrier. */
  shippedDate: string | null;
  tracking: {
    status: string;
    substatus: string | null;
    reason: string | null;
    /** The company-local date of the latest carrier event. */
    lastEventDate: string | null;
    /** The carrier's expected delivery date. */
    etaDate: string | null;
  } | null;
}

export function evaluateShipment(s: ShipmentFacts, today: string, settings: DelaySettings): Evaluation {
  const R = s.requestedDeliveryDate;
  const t = s.tracking;
  const eta = t?.etaDate ?? null;
  if (s.status !== 'shipped' || t?.status === 'delivered')
    return { state: 'on_time', reasons: [], expectedDate: eta, dueDate: R, open: false, kind: null };
  const found: { state: DelayState; reason: string; kind?: string }[] = [];
  const detail = t ? [t.substatus, t.reason].filter(Boolean).join(': ') : '';
  if (t?.status === 'exception')
    found.push({
      state: 'late',
      reason: `The carrier reports an exception${detail ? ` (${detail})` : ''}`,
      kind: 'shipment_exception',
    });
  if (t?.status === 'attempt_fail')
    found.push({ state: 'at_risk', reason: `A delivery attempt failed${detail ? ` (${detail})` : ''}` });
  if (t?.status === 'expired')
    found.push({ state: 'stalled', reason: 'The carrier stopped tracking it (expired) before delivery' });
  if (R !== null && today > R)
    found.push({ state: 'late', reason: `Not delivered by the requested delivery date ${R}` });
  else if (R !== null && eta !== null && eta > R)
    found.push({ state: 'late', reason: `The carrier expects delivery on ${eta}, after the requested ${R}` });
  else if (R !== null && eta === null && daysBetween(today, R) <= settings.atRiskDays)
    found.push({ state: 'at_risk', reason: `Requested for delivery by ${R} and the carrier gives no ETA` });
  const last = t?.lastEventDate ?? s.shippedDate;
  if (last !== null) {
    const quiet = daysBetween(last, today);
    if (quiet >= settings.stalledDays)
      found.push({
        state: 'stalled',
        reason: `No tracking event for ${plural(quiet, 'day')} (last ${t?.lastEventDate ? 'event' : 'hand-over'} ${last})`,
      });
  }
  const { state, reasons, top } = worst(found);
  return {
    state,
    reasons,
    expectedDate: eta,
    dueDate: R,
    open: true,
    kind: state === 'on_time' ? null : (top?.kind ?? `shipment_${state}`),
  };
}

/** The dedupe key of the worklist task of an entity in a problem state. */
export const delayTaskKey = (type: DelayEntityType, id: string, state: DelayState) =>
  `delay:${type}:${id}:${state}`;

const TASK_PRIORITY: Record<ProblemState, 'normal' | 'high'> = {
  at_risk: 'normal',
  late: 'high',
  stalled: 'high',
};
export const taskPriorityOf = (state: ProblemState) => TASK_PRIORITY[state];

const STATE_WORDS: Record<DelayState, string> = {
  on_time: 'on time',
  at_risk: 'at risk',
  late: 'late',
  stalled: 'stalled',
};
export const stateWords = (state: DelayState) => STATE_WORDS[state];

/** The proactive customer email for a new delay state (EN/FR). */
export function delayNotice(
  language: 'en' | 'fr',
  input: {
    entityType: DelayEntityType;
    number: string;
    orderNumber: string | null;
    customerName: string;
    state: DelayState;
    expectedDate: string | null;
  },
): { subject: string; text: string } {
  const ref =
    input.orderNumber && input.orderNumber !== input.number
      ? `${input.number} (${input.orderNumber})`
      : input.number;
  if (language === 'fr') {
    const what = input.entityType === 'order' ? 'Votre commande' : 'Votre envoi';
    const when = input.expectedDate
      ? `La nouvelle date prévue est le ${input.expectedDate}.`
      : 'Nous vous communiquerons la nouvelle date dès que nous la connaîtrons.';
    const status =
      input.state === 'stalled'
        ? 'ne progresse plus chez le transporteur ; nous le relançons.'
        : input.state === 'at_risk'
          ? 'risque d’arriver plus tard que prévu.'
          : 'aura du retard.';
    return {
      subject: `${what} ${ref} : retard`,
      text: `Bonjour ${input.customerName},\n\n${what} ${ref} ${status}\n${when}\n\nNous vous prions de nous excuser pour ce contretemps.\n`,
    };
  }
  const what = input.entityType === 'order' ? 'Your order' : 'Your shipment';
  const when = input.expectedDate
    ? `The new expected date is ${input.expectedDate}.`
    : 'We will let you know the new date as soon as we have it.';
  const status =
    input.state === 'stalled'
      ? 'has stopped moving at the carrier; we are chasing it.'
      : input.state === 'at_risk'
        ? 'may arrive later than planned.'
        : 'is running late.';
  return {
    subject: `${what} ${ref} is delayed`,
    text: `Hello ${input.customerName},\n\n${what} ${ref} ${status}\n${when}\n\nWe are sorry for the inconvenience.\n`,
  };
}

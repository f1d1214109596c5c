/**
 * A customer's follow-up timeline: every touch in one place, newest first — what the follow-up run
 * did (reminders with their message, fees, interest, tasks, holds), calls and notes, promises (made,
 * kept, broken, cancelled), snoozes, disputes, credit holds, shipments and their tracking updates.
 * Each source is read through its owner's public surface; the entries are merged and paged here.
 */
import type { AppContext } from '../../platform/context.js';
import { csvCell } from '../../platform/csv.js';
import { notFound, validationError } from '../../platform/errors.js';
import { getMail } from '../../platform/mail/admin.js';
import { toDecimalString } from '../../platform/money.js';
import { CAUSE_LABELS, holdsOfCustomer } from '../credit/index.js';
import { findCustomerIn } from '../customers/index.js';
import { listDisputes, REASON_LABELS } from '../disputes/index.js';
import { listDocuments } from '../invoicing/index.js';
import { listShipments, listTrackingEvents } from '../shipping/index.js';
import { notesOfCustomer } from './notes.js';
import { promisesOfCustomer } from './promises.js';
import { snoozesOfCustomer } from './snooze.js';
import { listFollowupActions } from './state.js';

export const TIMELINE_KINDS = [
  'reminder',
  'fee',
  'interest',
  'task',
  'call',
  'note',
  'promise_made',
  'promise_kept',
  'promise_broken',
  'promise_cancelled',
  'snooze_started',
  'snooze_ended',
  'dispute',
  'hold_placed',
  'hold_released',
  'shipment',
  'tracking',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineMessage {
  id: string;
  to: string[];
  subject: string;
  text: string;
  state: string;
  sentAt: string | null;
}

export interface TimelineEntry {
  /** Unique within the timeline: `<kind>:<source id>`. */
  id: string;
  at: string;
  kind: TimelineKind;
  title: string;
  detail: string | null;
  invoiceId: string | null;
  invoiceNumber: string | null;
  /** The record the entry is about, for a link: promise, dispute, shipment, task, invoice, hold… */
  record: { type: string; id: string } | null;
  amount: { amount: number; currency: string } | null;
  by: string | null;
  /** Reminders: the message as queued in the mail outbox. */
  message: TimelineMessage | null;
}

/** How many of each source's newest records a timeline reads. */
const PER_SOURCE = 2000;
/** Shipments read per timeline (each with its tracking events). */
const PER_SHIPMENTS = 200;

const entry = (
  e: Omit<TimelineEntry, 'detail' | 'invoiceId' | 'invoiceNumber' | 'record' | 'amount' | 'by' | 'message'> &
    Partial<TimelineEntry>,
): TimelineEntry => ({
  detail: null,
  invoiceId: null,
  invoiceNumber: null,
  record: null,
  amount: null,
  by: null,
  message: null,
  ...e,
});

/** Every touch of a customer, newest first (not paged). */
export async function customerTouches(ctx: AppContext, customerId: string): Promise<TimelineEntry[]> {
  const db = ctx.db;
  const documents = await listDocuments(db, { customerId });
  const numberOf = new Map(documents.map((d) => [d.id, d.number]));
  const invoice = (id: string | null | undefined) =>
    id ? { invoiceId: id, invoiceNumber: numberOf.get(id) ?? null } : {};
  const out: TimelineEntry[] = [];

  // One statement-style email covers several invoices: one entry per message, naming its invoices.
  const reminders = new Map<
    string,
    { at: string; step: string; invoiceIds: string[]; messageId: string | null }
  >();
  const actions = await listFollowupActions(db, { customerId, limit: PER_SOURCE });
  for (const a of actions) {
    if (a.kind !== 'reminder') continue;
    const key = a.messageId ?? a.id;
    const found = reminders.get(key);
    if (found) found.invoiceIds.push(a.invoiceId);
    else
      reminders.set(key, {
        at: a.createdAt,
        step: `step ${a.stepPosition} (${a.tone})`,
        invoiceIds: [a.invoiceId],
        messageId: a.messageId,
      });
  }
  for (const [key, r] of reminders) {
    const numbers = r.invoiceIds.map((id) => numberOf.get(id) ?? id).sort();
    out.push(
      entry({
        id: `reminder:${key}`,
        at: r.at,
        kind: 'reminder',
        title: `Reminder sent (${r.step})`,
        detail: `${numbers.join(', ')} · ${r.step}`,
        ...(r.invoiceIds.length === 1 ? invoice(r.invoiceIds[0]) : {}),
        record: r.messageId ? { type: 'mail', id: r.messageId } : null,
      }),
    );
  }

  for (const a of actions) {
    const amount = a.amount !== null && a.currency ? { amount: a.amount, currency: a.currency } : null;
    const step = `step ${a.stepPosition} (${a.tone})`;
    // Reminders are above, one per message.
    if (a.kind === 'late_fee' || a.kind === 'interest') {
      out.push(
        entry({
          id: `${a.kind}:${a.id}`,
          at: a.createdAt,
          kind: a.kind === 'late_fee' ? 'fee' : 'interest',
          title: a.kind === 'late_fee' ? 'Late fee charged' : 'Interest charged',
          detail: step,
          ...invoice(a.invoiceId),
          record: a.feeInvoiceId ? { type: 'invoice', id: a.feeInvoiceId } : null,
          amount,
        }),
      );
    } else if (a.kind === 'task') {
      out.push(
        entry({
          id: `task:${a.id}`,
          at: a.createdAt,
          kind: 'task',
          title: 'Follow-up task created',
          detail: step,
          ...invoice(a.invoiceId),
          record: a.taskId ? { type: 'task', id: a.taskId } : null,
        }),
      );
    }
    // credit_hold actions appear through the credit module's holds below (with their release).
  }

  for (const n of await notesOfCustomer(db, customerId, PER_SOURCE))
    out.push(
      entry({
        id: `${n.kind}:${n.id}`,
        at: n.occurredAt,
        kind: n.kind,
        title:
          n.kind === 'call'
            ? `Call${n.contactName ? ` with ${n.contactName}` : ''}${n.outcome ? `: ${n.outcome.replaceAll('_', ' ')}` : ''}`
            : `Note${n.contactName ? ` (${n.contactName})` : ''}`,
        detail: n.text,
        ...invoice(n.invoiceId),
        by: n.createdBy,
      }),
    );

  for (const p of await promisesOfCustomer(db, customerId, PER_SOURCE)) {
    const numbers = p.invoices.map((i) => i.number).join(', ');
    const common = {
      record: { type: 'promise', id: p.id },
      amount: { amount: p.amount, currency: p.currency },
      ...(p.invoices.length === 1 ? invoice(p.invoices[0]!.invoiceId) : {}),
    };
    out.push(
      entry({
        id: `promise_made:${p.id}`,
        at: p.createdAt,
        kind: 'promise_made',
        title: `Promise to pay by ${p.promisedDate} (${p.contactName}, ${p.channel})`,
        detail: [numbers, p.note].filter(Boolean).join(' · '),
        by: p.createdBy,
        ...common,
      }),
    );
    if (p.status !== 'open' && p.closedAt)
      out.push(
        entry({
          id: `promise_${p.status}:${p.id}`,
          at: p.closedAt,
          kind: `promise_${p.status}` as TimelineKind,
          title: `Promise ${p.status} (due ${p.promisedDate})`,
          detail: p.closeReason,
          ...common,
        }),
      );
  }

  for (const s of await snoozesOfCustomer(ctx, customerId, PER_SOURCE)) {
    const common = { record: { type: 'snooze', id: s.id }, invoiceId: s.invoiceId, invoiceNumber: s.number };
    out.push(
      entry({
        id: `snooze_started:${s.id}`,
        at: s.createdAt,
        kind: 'snooze_started',
        title: `Reminders snoozed until ${s.until}`,
        detail: s.reason,
        by: s.createdBy,
        ...common,
      }),
    );
    if (s.endedAt)
      out.push(
        entry({
          id: `snooze_ended:${s.id}`,
          at: s.endedAt,
          kind: 'snooze_ended',
          title: 'Snooze ended early',
          detail: s.endReason,
          by: s.endedBy,
          ...common,
        }),
      );
  }

  for (const h of await holdsOfCustomer(db, customerId)) {
    const label = (CAUSE_LABELS as Record<string, string>)[h.cause] ?? h.cause;
    out.push(
      entry({
        id: `hold_placed:${h.id}`,
        at: h.placedAt,
        kind: 'hold_placed',
        title: `Credit hold placed (${label})`,
        detail: h.reason,
        record: { type: 'hold', id: h.id },
        by: h.placedBy,
      }),
    );
    if (h.releasedAt)
      out.push(
        entry({
          id: `hold_released:${h.id}`,
          at: h.releasedAt,
          kind: 'hold_released',
          title: `Credit hold released (${label})`,
          detail: h.releaseReason,
          record: { type: 'hold', id: h.id },
          by: h.releasedBy,
        }),
      );
  }

  for (const d of await listDisputes(db, { customerId, limit: PER_SOURCE })) {
    const reason = (REASON_LABELS as Record<string, string>)[d.reason] ?? d.reason;
    const common = {
      invoiceId: d.invoiceId,
      invoiceNumber: d.invoiceNumber,
      record: { type: 'dispute', id: d.id },
      amount: { amount: d.amount, currency: d.currency },
    };
    out.push(
      entry({
        id: `dispute:${d.id}:opened`,
        at: d.openedAt,
        kind: 'dispute',
        title: `Dispute ${d.number} opened (${reason})`,
        detail: d.description,
        by: d.openedBy,
        ...common,
      }),
    );
    if (d.closedAt)
      out.push(
        entry({
          id: `dispute:${d.id}:closed`,
          at: d.closedAt,
          kind: 'dispute',
          title: `Dispute ${d.number} ${d.status}${d.resolution ? ` (${d.resolution.replaceAll('_', ' ')})` : ''}`,
          detail: d.resolutionNote,
          by: d.closedBy,
          ...common,
        }),
      );
  }

  const shipments = await listShipments(ctx, { customerId, limit: PER_SHIPMENTS });
  for (const s of shipments.slice(0, PER_SHIPMENTS)) {
    const record = { type: 'shipment', id: s.id };
    const milestones: [string, string | null][] = [
      ['created', s.createdAt],
      [`shipped${s.carrier ? ` with ${s.carrier.name}` : ''}`, s.shippedAt],
      ['delivered', s.deliveredAt],
      ['returned', s.returnedAt],
      ['lost', s.lostAt],
      ['cancelled', s.cancelledAt],
    ];
    for (const [what, at] of milestones)
      if (at)
        out.push(
          entry({
            id: `shipment:${s.id}:${what.split(' ')[0]}`,
            at,
            kind: 'shipment',
            title: `Shipment ${s.number} ${what}`,
            detail: s.orderNumber ? `Order ${s.orderNumber}` : null,
            record,
          }),
        );
    if (!s.shippedAt) continue;
    for (const e of await listTrackingEvents(db, s.id))
      out.push(
        entry({
          id: `tracking:${e.id}`,
          at: e.occurredAt,
          kind: 'tracking',
          title: `${s.number}: ${e.status.replaceAll('_', ' ')}${e.substatus ? ` (${e.substatus})` : ''}`,
          detail: [e.rawText, e.location].filter(Boolean).join(' · ') || null,
          record,
        }),
      );
  }

  return out.sort(newestFirst);
}

/**
 * Reminder entries of a page get their message from the mail outbox (subject, recipients, text, state):
 * read for the entries shown only, so a long history costs one read per reminder on the page.
 */
async function withMessages(ctx: AppContext, entries: TimelineEntry[]): Promise<TimelineEntry[]> {
  const out: TimelineEntry[] = [];
  for (const e of entries) {
    const mail =
      e.kind === 'reminder' && e.record?.type === 'mail' ? await getMail(ctx.db, e.record.id) : undefined;
    out.push(
      mail
        ? {
            ...e,
            title: `Reminder sent: ${mail.subject}`,
            detail: `To ${mail.to.join(', ')} · ${e.detail ?? ''} · ${mail.state}`,
            message: {
              id: mail.id,
              to: mail.to,
              subject: mail.subject,
              text: mail.text,
              state: mail.state,
              sentAt: mail.sentAt,
            },
          }
        : e,
    );
  }
  return out;
}

const newestFirst = (a: TimelineEntry, b: TimelineEntry) =>
  a.at === b.at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.at < b.at ? 1 : -1;

/** The position of an entry, as an opaque cursor: its instant and id. */
const cursorOf = (e: TimelineEntry) => Buffer.from(JSON.stringify([e.at, e.id])).toString('base64url');

function parseCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string')
      return [value[0], value[1]];
  } catch {
    // falls through
  }
  throw validationError('The cursor is invalid; pass back the nextCursor of a previous page unchanged.', [
    { path: 'querystring.cursor', message: 'is not a cursor this endpoint returned' },
  ]);
}

export interface TimelineQuery {
  limit: number;
  cursor?: string | undefined;
  kinds?: readonly TimelineKind[] | undefined;
}

/** One page of a customer's timeline, newest first. */
export async function customerTimeline(
  ctx: AppContext,
  customerId: string,
  query: TimelineQuery,
): Promise<{ items: TimelineEntry[]; nextCursor: string | null }> {
  if (!(await findCustomerIn(ctx.db, customerId))) throw notFound('customer', customerId);
  const after = query.cursor ? parseCursor(query.cursor) : null;
  let all = await customerTouches(ctx, customerId);
  if (query.kinds && query.kinds.length > 0) {
    const wanted = new Set<string>(query.kinds);
    all = all.filter((e) => wanted.has(e.kind));
  }
  if (after) {
    const [at, id] = after;
    all = all.filter((e) => e.at < at || (e.at === at && e.id < id));
  }
  const items = await withMessages(ctx, all.slice(0, query.limit));
  const last = items.at(-1);
  return { items, nextCursor: all.length > query.limit && last ? cursorOf(last) : null };
}

export const TIMELINE_CSV_HEADER = ['at', 'kind', 'title', 'detail', 'invoice', 'amount', 'currency', 'by'];

/** The whole timeline (or the kinds asked for) as CSV, newest first. */
export async function customerTimelineCsv(
  ctx: AppContext,
  customerId: string,
  kinds?: readonly TimelineKind[],
): Promise<string> {
  const page = await customerTimeline(ctx, customerId, { limit: Number.MAX_SAFE_INTEGER, kinds });
  // Amounts are plain decimals written by Duely (not formulas), so they are not escaped as text.
  const line = (cells: readonly string[], amount: string) =>
    `${[...cells.slice(0, 5).map(csvCell), amount, ...cells.slice(5).map(csvCell)].join(',')}\r\n`;
  return [
    line(
      TIMELINE_CSV_HEADER.filter((h) => h !== 'amount'),
      'amount',
    ),
    ...page.items.map((e) =>
      line(
        [e.at, e.kind, e.title, e.detail ?? '', e.invoiceNumber ?? '', e.amount?.currency ?? '', e.by ?? ''],
        e.amount ? toDecimalString(e.amount) : '',
      ),
    ),
  ].join('');
}

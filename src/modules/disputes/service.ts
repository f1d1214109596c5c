/**
 * Dispute cases: opening one on (an amount of) an invoice pauses that invoice's follow-up; comments,
 * attachments, owner and deadline changes and status moves go on the case's timeline; resolving it by
 * credit note, write-off or reship (or rejecting it) ends the pause. Each change is audited in its
 * transaction and announced (`dispute.opened`, `dispute.updated`, `dispute.closed`).
 *
 * A resolution that needs another module's use case (a credit note, a write-off, a replacement
 * shipment — each runs its own transaction) happens in three steps: a transaction claims the case
 * (a guarded update: one resolution at a time), the other module does its part, and a last
 * transaction closes the case naming what was made. If the other module refuses (e.g. a write-off
 * above tolerance), the claim is withdrawn and the case stays as it was.
 */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { addDays, dateInZone } from '../../platform/dates.js';
import type { AnyDb } from '../../platform/db/database.js';
import { type Tx, transaction } from '../../platform/db/transaction.js';
import { archiveDocument, getArchivedDocument } from '../../platform/documents/archive.js';
import { AppError, conflict, notFound, validationError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { formatMoney, money, toDecimalString } from '../../platform/money.js';
import { allocateNumber } from '../../platform/numbering/numbering.js';
import { endPause, startPause } from '../followup/index.js';
import { creditInvoice, getInvoice, getOpenItem, type LineInput } from '../invoicing/index.js';
import { applyCreditNote, writeOff } from '../payments/index.js';
import { getUser } from '../users/index.js';
import { closeTasks, openTask } from '../worklist/index.js';
import { reship } from './reship.js';
import {
  assertDisputeTransition,
  attachmentProblem,
  baseType,
  creditLinesFor,
  DEADLINE_WARNING_DAYS,
  DISPUTE_LIFECYCLE,
  type DisputeReason,
  type DisputeStatus,
  MAX_ATTACHMENTS_PER_DISPUTE,
  OPEN_STATUSES,
  REASON_LABELS,
  type Resolution,
  safeFilename,
  statusOfResolution,
} from './rules.js';
import type {
  Attachment,
  Dispute,
  DisputeDetail,
  DisputeEvent,
  OpenDisputeInput,
  ResolveInput,
  UpdateDisputeInput,
} from './schemas.js';
import * as store from './store.js';

const DEFAULT_DEADLINE_DAYS = 14;

// ── Mapping ──────────────────────────────────────────────────────────────────────────────────────

export const toDispute = (row: store.DisputeRow): Dispute => ({
  id: row.id,
  number: row.number,
  customerId: row.customer_id,
  invoiceId: row.invoice_id,
  invoiceNumber: row.invoice_number,
  currency: row.currency,
  amount: Number(row.amount),
  reason: row.reason as DisputeReason,
  status: row.status as DisputeStatus,
  ownerUserId: row.owner_user_id,
  deadline: row.deadline,
  description: row.description,
  resolution: row.resolution as Resolution | null,
  resolutionNote: row.resolution_note,
  resolutionRef: row.resolution_ref,
  resolving: row.resolution_claimed_at !== null && OPEN_STATUSES.includes(row.status as DisputeStatus),
  openedAt: row.opened_at,
  openedBy: row.opened_by,
  closedAt: row.closed_at,
  closedBy: row.closed_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toEvent = (row: store.EventRow): DisputeEvent => ({
  id: row.id,
  kind: row.kind,
  fromStatus: row.from_status,
  toStatus: row.to_status,
  body: row.body,
  data: row.data ? (JSON.parse(row.data) as unknown) : null,
  at: row.at,
  actorId: row.actor_id,
  actorLabel: row.actor_label,
});

const toAttachment = (row: store.AttachmentRow): Attachment => ({
  id: row.id,
  filename: row.filename,
  contentType: row.content_type,
  size: Number(row.size),
  sha256: row.sha256,
  uploadedAt: row.uploaded_at,
  uploadedBy: row.uploaded_by,
});

const fmt = (amount: number, currency: string) => formatMoney(money(amount, currency));
const actorLabel = (actor: Actor) => actor.label ?? actor.id;
const today = (ctx: AppContext, at?: string) =>
  dateInZone(at ? new Date(at) : ctx.clock.now(), ctx.config.TIMEZONE);
export const deadlineTaskKey = (id: string) => `dispute-deadline:${id}`;

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────

export async function getDispute(db: AnyDb, id: string): Promise<DisputeDetail> {
  const row = await store.findDispute(db, id);
  if (!row) throw notFound('dispute', id);
  const [events, attachments] = await Promise.all([store.eventsOf(db, id), store.attachmentsOf(db, id)]);
  return {
    ...toDispute(row),
    timeline: events.map(toEvent),
    attachments: attachments.map(toAttachment),
    allowedStatuses: [...DISPUTE_LIFECYCLE[row.status as DisputeStatus]],
  };
}

/**
 * A customer's cases (or any filter), newest first: for the case list and the customer timeline. With a
 * `limit`, up to `limit + 1` cases come back (the extra one tells a pager there is more).
 */
export async function listDisputes(db: AnyDb, filter: store.ListFilter): Promise<Dispute[]> {
  return (await store.listDisputes(db, filter)).map(toDispute);
}

/** What of each invoice is under an open case (invoices without one are absent). */
export const openDisputedAmounts = (db: AnyDb, invoiceIds: readonly string[]) =>
  store.openAmountsByInvoice(db, invoiceIds);

async function lockedCase(tx: Tx, id: string): Promise<store.DisputeRow> {
  // Touch the row first: on PostgreSQL it is then locked until the transaction ends.
  await tx.db.updateTable('disputes').set({ updated_at: tx.now }).where('id', '=', id).execute();
  const row = await store.findDispute(tx.db, id);
  if (!row) throw notFound('dispute', id);
  return row;
}

function requireOpen(row: store.DisputeRow, what: string): void {
  if (!OPEN_STATUSES.includes(row.status as DisputeStatus))
    throw conflict(`Dispute ${row.number} is ${row.status}; ${what} only on an open case.`);
}

async function addEvent(
  tx: Tx,
  disputeId: string,
  kind: string,
  fields: { from?: string | null; to?: string | null; body?: string | null; data?: unknown } = {},
): Promise<void> {
  await store.insertEvent(tx.db, {
    id: newId('dispute_event'),
    dispute_id: disputeId,
    kind,
    from_status: fields.from ?? null,
    to_status: fields.to ?? null,
    body: fields.body ?? null,
    data: fields.data === undefined ? null : JSON.stringify(fields.data),
    at: tx.now,
    actor_id: tx.actor.userId ?? tx.actor.id,
    actor_label: actorLabel(tx.actor),
  });
}

async function requireOwner(ctx: AppContext, tx: Tx, userId: string, path: string): Promise<void> {
  try {
    const user = await getUser({ ...ctx, db: tx.db }, userId);
    if (user.status !== 'active')
      throw validationError(`User ${user.email} is disabled and cannot own a dispute.`, [
        { path, message: 'is a disabled user' },
      ]);
  } catch (error) {
    if (error instanceof AppError && error.status === 404)
      throw validationError(`No user with id "${userId}".`, [{ path, message: 'is not a known user' }]);
    throw error;
  }
}

/** Opens (or refreshes) the owner's worklist task when the deadline is within DEADLINE_WARNING_DAYS. */
async function deadlineTask(ctx: AppContext, tx: Tx, row: store.DisputeRow): Promise<boolean> {
  if (!row.deadline || !OPEN_STATUSES.includes(row.status as DisputeStatus)) return false;
  const now = today(ctx, tx.now);
  if (row.deadline > addDays(now, DEADLINE_WARNING_DAYS)) return false;
  const result = await openTask(tx, {
    dedupeKey: deadlineTaskKey(row.id),
    kind: 'dispute_deadline',
    department: 'finance',
    title: `Dispute ${row.number} on ${row.invoice_number} is due ${row.deadline < now ? `since ${row.deadline}` : `on ${row.deadline}`}`,
    reason: `${REASON_LABELS[row.reason as DisputeReason]} dispute of ${fmt(Number(row.amount), row.currency)}, ${row.status}; deadline ${row.deadline}.`,
    recordType: 'dispute',
    recordId: row.id,
    customerId: row.customer_id,
    ...(row.owner_user_id ? { ownerUserId: row.owner_user_id } : { ownerRole: 'finance' as const }),
    priority: row.deadline < now ? 'urgent' : 'high',
    dueDate: row.deadline,
  });
  return result.created;
}

// ── Opening ──────────────────────────────────────────────────────────────────────────────────────

export async function openDispute(
  ctx: AppContext,
  actor: Actor,
  input: OpenDisputeInput,
): Promise<DisputeDetail> {
  const id = await transaction(ctx, actor, async (tx) => {
    const item = await getOpenItem(tx.db, input.invoiceId);
    if (item?.kind !== 'invoice')
      throw validationError(`"${input.invoiceId}" is not an issued invoice.`, [
        { path: 'invoiceId', message: 'is not an issued invoice' },
      ]);
    const disputed = (await store.openAmountsByInvoice(tx.db, [item.id])).get(item.id) ?? 0;
    const available = item.openAmount - disputed;
    if (available <= 0)
      throw validationError(
        item.openAmount <= 0
          ? `Invoice ${item.number} has nothing open to dispute.`
          : `All of invoice ${item.number}'s open ${fmt(item.openAmount, item.currency)} is already under open disputes.`,
        [
          {
            path: item.openAmount <= 0 ? 'invoiceId' : 'amount',
            message: 'has nothing left open to dispute',
          },
        ],
      );
    const amount = input.amount ?? available;
    if (amount > available)
      throw validationError(
        `${fmt(amount, item.currency)} is more than invoice ${item.number}'s open amount${disputed > 0 ? ' not already disputed' : ''} (${fmt(available, item.currency)}).`,
        [{ path: 'amount', message: `is more than the open amount (${fmt(available, item.currency)})` }],
      );
    const now = today(ctx, tx.now);
    const deadline =
      input.deadline === undefined || input.deadline === null
        ? addDays(now, DEFAULT_DEADLINE_DAYS)
        : input.deadline;
    if (deadline < now)
      throw validationError(`The deadline ${deadline} is in the past.`, [
        { path: 'deadline', message: `must be today (${now}) or later` },
      ]);
    const ownerUserId = input.ownerUserId ?? actor.userId ?? null;
    if (ownerUserId) await requireOwner(ctx, tx, ownerUserId, 'ownerUserId');

    const disputeId = newId('dispute');
    const { number } = await allocateNumber(tx, 'DSP', Number(now.slice(0, 4)));
    const row: store.DisputeRow = {
      id: disputeId,
      number,
      customer_id: item.customerId,
      invoice_id: item.id,
      invoice_number: item.number,
      currency: item.currency,
      amount,
      reason: input.reason,
      status: 'open',
      owner_user_id: ownerUserId,
      deadline,
      description: input.description,
      resolution: null,
      resolution_note: null,
      resolution_ref: null,
      resolution_claimed_at: null,
      opened_at: tx.now,
      opened_by: actorLabel(actor),
      closed_at: null,
      closed_by: null,
      created_at: tx.now,
      updated_at: tx.now,
    };
    await store.insertDispute(tx.db, row);
    await addEvent(tx, disputeId, 'opened', {
      to: 'open',
      body: input.description,
      data: { amount, currency: item.currency, reason: input.reason, deadline, ownerUserId },
    });
    await startPause(tx, {
      invoiceId: item.id,
      kind: 'dispute',
      sourceId: disputeId,
      reason: `Dispute ${number} (${REASON_LABELS[input.reason]}) on ${fmt(amount, item.currency)}`,
      amount: amount < item.openAmount ? amount : null,
    });
    const dispute = toDispute(row);
    tx.audit({ action: 'dispute.opened', entityType: 'dispute', entityId: disputeId, after: dispute });
    await tx.emit({
      type: 'dispute.opened',
      aggregateType: 'dispute',
      aggregateId: disputeId,
      payload: {
        disputeId,
        number,
        customerId: item.customerId,
        invoiceId: item.id,
        amount,
        currency: item.currency,
        reason: input.reason,
      },
    });
    await deadlineTask(ctx, tx, row);
    return disputeId;
  });
  return getDispute(ctx.db, id);
}

// ── Changes on an open case ──────────────────────────────────────────────────────────────────────

export async function updateDispute(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateDisputeInput,
): Promise<DisputeDetail> {
  await transaction(ctx, actor, async (tx) => {
    const row = await lockedCase(tx, id);
    requireOpen(row, 'the owner and deadline change');
    const changes: Partial<store.DisputeRow> = {};
    if (input.ownerUserId !== undefined && input.ownerUserId !== row.owner_user_id) {
      if (input.ownerUserId) await requireOwner(ctx, tx, input.ownerUserId, 'ownerUserId');
      changes.owner_user_id = input.ownerUserId;
      await addEvent(tx, id, 'owner', { data: { from: row.owner_user_id, to: input.ownerUserId } });
    }
    if (input.deadline !== undefined && input.deadline !== row.deadline) {
      const now = today(ctx, tx.now);
      if (input.deadline !== null && input.deadline < now)
        throw validationError(`The deadline ${input.deadline} is in the past.`, [
          { path: 'deadline', message: `must be today (${now}) or later` },
        ]);
      changes.deadline = input.deadline;
      await addEvent(tx, id, 'deadline', { data: { from: row.deadline, to: input.deadline } });
    }
    if (Object.keys(changes).length === 0) return;
    const after = { ...row, ...changes, updated_at: tx.now };
    await tx.db.updateTable('disputes').set(changes).where('id', '=', id).execute();
    tx.audit({
      action: 'dispute.updated',
      entityType: 'dispute',
      entityId: id,
      before: toDispute(row),
      after: toDispute(after),
    });
    await tx.emit({
      type: 'dispute.updated',
      aggregateType: 'dispute',
      aggregateId: id,
      payload: { disputeId: id, customerId: row.customer_id, changes: Object.keys(changes) },
    });
    // A new deadline or owner: the old task no longer says the right thing.
    await closeTasks(tx, { dedupeKey: deadlineTaskKey(id) }, 'Deadline or owner changed');
    await deadlineTask(ctx, tx, after);
  });
  return getDispute(ctx.db, id);
}

export async function addComment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: string,
): Promise<DisputeDetail> {
  await transaction(ctx, actor, async (tx) => {
    const row = await lockedCase(tx, id);
    await addEvent(tx, id, 'comment', { body });
    tx.audit({
      action: 'dispute.commented',
      entityType: 'dispute',
      entityId: id,
      after: { body, status: row.status },
    });
  });
  return getDispute(ctx.db, id);
}

export async function changeStatus(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { status: DisputeStatus; note?: string | undefined },
): Promise<DisputeDetail> {
  await transaction(ctx, actor, async (tx) => {
    const row = await lockedCase(tx, id);
    const from = row.status as DisputeStatus;
    assertDisputeTransition(row.number, from, input.status);
    if (input.status === 'resolved' || input.status === 'rejected')
      throw conflict(
        `Dispute ${row.number} is resolved or rejected through its resolution, not a status change.`,
      );
    if (row.resolution_claimed_at) throw conflict(`Dispute ${row.number} is being resolved.`);
    if (!(await store.updateIfStatus(tx.db, id, [from], { status: input.status, updated_at: tx.now })))
      throw conflict(`Dispute ${row.number} changed meanwhile; reload it.`);
    await addEvent(tx, id, 'status', { from, to: input.status, body: input.note ?? null });
    tx.audit({
      action: 'dispute.status_changed',
      entityType: 'dispute',
      entityId: id,
      before: { status: from },
      after: { status: input.status, note: input.note ?? null },
    });
    await tx.emit({
      type: 'dispute.updated',
      aggregateType: 'dispute',
      aggregateId: id,
      payload: { disputeId: id, customerId: row.customer_id, changes: ['status'], from, to: input.status },
    });
  });
  return getDispute(ctx.db, id);
}

// ── Attachments ──────────────────────────────────────────────────────────────────────────────────

export async function addAttachment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  file: { filename: string; contentType: string; content: Buffer },
): Promise<Attachment> {
  const problem = attachmentProblem(file.contentType, file.content);
  if (problem)
    throw validationError(`The attachment cannot be stored: ${problem}.`, [
      { path: 'body', message: problem },
    ]);
  const filename = safeFilename(file.filename);
  const contentType = baseType(file.contentType);
  return transaction(ctx, actor, async (tx) => {
    const row = await lockedCase(tx, id);
    const existing = await store.attachmentsOf(tx.db, id);
    if (existing.length >= MAX_ATTACHMENTS_PER_DISPUTE)
      throw conflict(
        `Dispute ${row.number} already has ${MAX_ATTACHMENTS_PER_DISPUTE} attachments, the most a case keeps.`,
      );
    const doc = await archiveDocument(tx, {
      ownerType: 'dispute',
      ownerId: id,
      kind: 'dispute_attachment',
      filename,
      contentType,
      content: file.content,
    });
    const attachment: store.AttachmentRow = {
      id: newId('attachment'),
      dispute_id: id,
      document_id: doc.id,
      filename,
      content_type: contentType,
      size: file.content.length,
      sha256: doc.sha256,
      uploaded_at: tx.now,
      uploaded_by: actorLabel(actor),
    };
    await store.insertAttachment(tx.db, attachment);
    const result = toAttachment(attachment);
    await addEvent(tx, id, 'attachment', { body: filename, data: result });
    tx.audit({ action: 'dispute.attachment_added', entityType: 'dispute', entityId: id, after: result });
    return result;
  });
}

export async function getAttachment(
  ctx: AppContext,
  id: string,
  attachmentId: string,
): Promise<{ attachment: Attachment; content: Buffer }> {
  const row = await store.findAttachment(ctx.db, id, attachmentId);
  if (!row) throw notFound('attachment', attachmentId);
  const doc = await getArchivedDocument(ctx.db, row.document_id);
  if (!doc) throw new Error(`archived document ${row.document_id} of attachment ${row.id} is missing`);
  return { attachment: toAttachment(row), content: doc.content };
}

// ── Resolution ───────────────────────────────────────────────────────────────────────────────────

interface Outcome {
  ref: string | null;
  data: Record<string, unknown>;
}

/** The case is closed: status, resolution, timeline, pause ended, deadline task closed, event. */
async function close(
  tx: Tx,
  row: store.DisputeRow,
  resolution: Resolution,
  note: string,
  outcome: Outcome,
): Promise<void> {
  const to = statusOfResolution(resolution);
  const from = row.status as DisputeStatus;
  assertDisputeTransition(row.number, from, to);
  const changes = {
    status: to,
    resolution,
    resolution_note: note,
    resolution_ref: outcome.ref,
    closed_at: tx.now,
    closed_by: actorLabel(tx.actor),
    updated_at: tx.now,
  };
  if (!(await store.updateIfStatus(tx.db, row.id, [from], changes)))
    throw conflict(`Dispute ${row.number} changed meanwhile; reload it.`);
  await addEvent(tx, row.id, resolution === 'rejected' ? 'rejected' : 'resolved', {
    from,
    to,
    body: note,
    data: { resolution, ...outcome.data },
  });
  await endPause(
    tx,
    { kind: 'dispute', sourceId: row.id },
    resolution === 'rejected'
      ? `Dispute ${row.number} rejected: follow-up resumes`
      : `Dispute ${row.number} resolved by ${resolution.replace('_', ' ')}`,
  );
  await closeTasks(tx, { dedupeKey: deadlineTaskKey(row.id) }, `Dispute ${to}`);
  const after = toDispute({ ...row, ...changes });
  tx.audit({
    action: `dispute.${to}`,
    entityType: 'dispute',
    entityId: row.id,
    before: toDispute(row),
    after,
  });
  await tx.emit({
    type: 'dispute.closed',
    aggregateType: 'dispute',
    aggregateId: row.id,
    payload: {
      disputeId: row.id,
      number: row.number,
      customerId: row.customer_id,
      invoiceId: row.invoice_id,
      status: to,
      resolution,
      resolutionRef: outcome.ref,
    },
  });
}

export async function resolveDispute(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ResolveInput,
): Promise<DisputeDetail> {
  if (input.resolution === 'rejected') {
    await transaction(ctx, actor, async (tx) => {
      const row = await lockedCase(tx, id);
      requireOpen(row, 'a rejection is possible');
      if (row.resolution_claimed_at) throw conflict(`Dispute ${row.number} is being resolved.`);
      await close(tx, row, 'rejected', input.note, { ref: null, data: {} });
    });
    return getDispute(ctx.db, id);
  }

  // 1. Check the input and claim the case.
  const claimed = await transaction(ctx, actor, async (tx) => {
    const row = await lockedCase(tx, id);
    requireOpen(row, 'a resolution is possible');
    checkResolutionInput(row, input);
    if (input.resolution !== 'reship') {
      const item = await getOpenItem(tx.db, row.invoice_id);
      const amount = input.amount ?? Number(row.amount);
      if (!item || item.openAmount <= 0)
        throw conflict(
          `Invoice ${row.invoice_number} has nothing open any more; reject the dispute or resolve it by reship.`,
        );
      if (amount > item.openAmount)
        throw validationError(
          `${fmt(amount, row.currency)} is more than invoice ${row.invoice_number}'s open amount (${fmt(item.openAmount, row.currency)}).`,
          [
            {
              path: 'amount',
              message: `is more than the open amount (${fmt(item.openAmount, row.currency)})`,
            },
          ],
        );
    }
    if (
      !(await store.updateIfStatus(
        tx.db,
        id,
        OPEN_STATUSES,
        { resolution_claimed_at: tx.now },
        { requireUnclaimed: true },
      ))
    )
      throw conflict(`Dispute ${row.number} is already being resolved.`);
    return row;
  });

  // 2. The other module's part, in its own transaction.
  let outcome: Outcome;
  try {
    outcome = await carryOut(ctx, actor, claimed, input);
  } catch (error) {
    await transaction(ctx, actor, async (tx) => {
      await store.updateIfStatus(tx.db, id, OPEN_STATUSES, { resolution_claimed_at: null });
      await addEvent(tx, id, 'resolution_failed', {
        body: error instanceof Error ? error.message : String(error),
        data: { resolution: input.resolution },
      });
    });
    throw error;
  }

  // 3. Close the case, naming what was made.
  await transaction(ctx, actor, async (tx) => {
    const row = await lockedCase(tx, id);
    await close(tx, row, input.resolution, input.note, outcome);
  });
  return getDispute(ctx.db, id);
}

function checkResolutionInput(row: store.DisputeRow, input: ResolveInput): void {
  const amount = input.amount ?? Number(row.amount);
  if (input.resolution === 'reship') {
    const errors = [];
    if (!input.orderId) errors.push({ path: 'orderId', message: 'is required for a reship' });
    if (!input.lines) errors.push({ path: 'lines', message: 'is required for a reship' });
    if (errors.length) throw validationError('A reship needs the order and the lines to send again.', errors);
    return;
  }
  if (input.orderId || input.lines)
    throw validationError(
      `A ${input.resolution.replace('_', ' ')} sends nothing; leave out orderId and lines.`,
      [{ path: input.orderId ? 'orderId' : 'lines', message: `must be left out for ${input.resolution}` }],
    );
  if (amount > Number(row.amount))
    throw validationError(
      `${fmt(amount, row.currency)} is more than the disputed ${fmt(Number(row.amount), row.currency)}.`,
      [
        {
          path: 'amount',
          message: `is more than the disputed amount (${fmt(Number(row.amount), row.currency)})`,
        },
      ],
    );
}

async function carryOut(
  ctx: AppContext,
  actor: Actor,
  row: store.DisputeRow,
  input: ResolveInput,
): Promise<Outcome> {
  const amount = input.amount ?? Number(row.amount);
  switch (input.resolution) {
    case 'credit_note':
      return creditNoteFor(ctx, actor, row, amount, input.note);
    case 'write_off': {
      const result = await writeOff(ctx, actor, {
        invoiceId: row.invoice_id,
        amount,
        reason: `Dispute ${row.number}: ${input.note}`,
      });
      return { ref: result.id, data: { writeOffId: result.id, amount: result.amount } };
    }
    case 'reship':
      return reship(ctx, actor, row, input);
    default:
      throw new Error(`unexpected resolution ${input.resolution}`);
  }
}

/**
 * A credit note for the disputed amount, applied to the invoice: in full (voiding the invoice) when the
 * whole untouched invoice is disputed, otherwise a partial note with one line per tax rate of the
 * invoice, its share of the amount in proportion to that rate's gross.
 */
async function creditNoteFor(
  ctx: AppContext,
  actor: Actor,
  row: store.DisputeRow,
  amount: number,
  note: string,
): Promise<Outcome> {
  const invoice = await getInvoice(ctx, row.invoice_id);
  const untouched = invoice.openAmount === invoice.grossTotal;
  const label = `Dispute ${row.number} (${REASON_LABELS[row.reason as DisputeReason]})`;
  if (amount === invoice.grossTotal && untouched) {
    const credit = await creditInvoice(ctx, actor, row.invoice_id, {
      mode: 'full',
      notes: `${label}: ${note}`,
    });
    return {
      ref: credit.id,
      data: { creditNoteId: credit.id, creditNoteNumber: credit.number, amount: credit.grossTotal },
    };
  }
  const plans = creditLinesFor(
    amount,
    row.currency,
    invoice.taxBreakdown.map((t) => ({
      category: t.category,
      rate: t.rate,
      gross: t.taxableAmount + t.taxAmount,
      exemptionReason: t.exemptionReason,
      exemptionReasonCode: t.exemptionReasonCode,
    })),
  );
  if (plans.length === 0)
    throw validationError(`${fmt(amount, row.currency)} is too small to credit.`, [
      { path: 'amount', message: 'is too small for a credit note' },
    ]);
  const lines: LineInput[] = plans.map((p) => ({
    description: `${label} on ${row.invoice_number}${plans.length > 1 ? ` (${p.category} ${p.rate}%)` : ''}`,
    itemCode: null,
    quantity: '1',
    unit: 'pcs',
    unitPrice: toDecimalString(money(p.net, row.currency)),
    taxCategory: p.category as LineInput['taxCategory'],
    ...(p.category === 'S' || Number(p.rate) > 0 ? { taxRate: p.rate } : {}),
    exemptionReason: p.exemptionReason,
    exemptionReasonCode: p.exemptionReasonCode,
  }));
  const credit = await creditInvoice(ctx, actor, row.invoice_id, {
    mode: 'partial',
    notes: `${label}: ${note}`,
    lines,
  });
  const open = (await getOpenItem(ctx.db, row.invoice_id))?.openAmount ?? 0;
  const applied = Math.min(credit.grossTotal, open);
  if (applied > 0)
    await applyCreditNote(ctx, actor, row.customer_id, {
      creditNoteId: credit.id,
      allocations: [{ invoiceId: row.invoice_id, amount: applied }],
    });
  return {
    ref: credit.id,
    data: { creditNoteId: credit.id, creditNoteNumber: credit.number, amount: credit.grossTotal, applied },
  };
}

// ── Deadlines ────────────────────────────────────────────────────────────────────────────────────

/** The daily sweep: a worklist task (once per case while open) for every open case due within the warning days. */
export async function sweepDeadlines(ctx: AppContext, actor: Actor): Promise<{ tasks: number }> {
  const by = addDays(today(ctx), DEADLINE_WARNING_DAYS);
  let tasks = 0;
  for (const row of await store.openDueBy(ctx.db, by)) {
    const created = await transaction(ctx, actor, (tx) => deadlineTask(ctx, tx, row));
    if (created) tasks++;
  }
  return { tasks };
}

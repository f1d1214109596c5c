/** Payments: record, look up, allocate (manually or automatically) and reverse — each change audited in its transaction. */
import type { Actor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { type Tx, transaction } from '../../platform/db/transaction.js';
import { conflict, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findOpenItemsByReference } from '../invoicing/index.js';
import {
  applyPayment,
  checkShares,
  oldestDueFirst,
  paymentToCredit,
  reverseAllocation,
  type Share,
  sharesFor,
} from './allocation.js';
import { actorId, fmt, rejected, requireCustomer, today } from './common.js';
import {
  type AllocateInput,
  type AutoAllocateInput,
  type PaymentDetail,
  type RecordPaymentInput,
  type ReverseInput,
  toAllocation,
  toCharge,
  toPayment,
} from './schemas.js';
import type { AllocationRow, ChargeRow, PaymentRow } from './store.js';
import * as store from './store.js';

async function loadPayment(tx: Tx | AppContext, id: string): Promise<PaymentRow> {
  const row = await store.findPayment(tx.db, id);
  if (!row) throw notFound('payment', id);
  return row;
}

async function detail(db: Tx['db'], row: PaymentRow): Promise<PaymentDetail> {
  const allocations = await store.allocationsOf(db, 'source', [row.id]);
  return { ...toPayment(row), allocations: allocations.map(toAllocation) };
}

export async function recordPayment(
  ctx: AppContext,
  actor: Actor,
  input: RecordPaymentInput,
): Promise<PaymentDetail> {
  await requireCustomer(ctx, input.customerId);
  return transaction(ctx, actor, async (tx) => {
    const id = newId('payment');
    const row: PaymentRow = {
      id,
      customer_id: input.customerId,
      method: input.method,
      amount: input.amount,
      currency: input.currency,
      unapplied_amount: input.amount,
      status: 'received',
      received_date: input.receivedDate,
      reference: input.reference,
      notes: input.notes,
      payer_name: input.method === 'bank_transfer' ? input.payerName : null,
      payer_iban: input.method === 'bank_transfer' ? input.payerIban : null,
      bank_reference: input.method === 'bank_transfer' ? input.bankReference : null,
      value_date: input.method === 'bank_transfer' ? input.valueDate : null,
      cheque_number: input.method === 'cheque' ? input.chequeNumber : null,
      drawee_bank: input.method === 'cheque' ? input.draweeBank : null,
      deposit_date: input.method === 'cheque' ? input.depositDate : null,
      provider_reference:
        input.method === 'card' || input.method === 'online' ? input.providerReference : null,
      receipt_number: input.method === 'cash' ? input.receiptNumber : null,
      reversal_date: null,
      reversal_reason: null,
      reversed_at: null,
      created_at: tx.now,
      created_by: actorId(actor),
      updated_at: tx.now,
    };
    await store.insertPayment(tx.db, row);
    tx.audit({ action: 'payment.recorded', entityType: 'payment', entityId: id, after: toPayment(row) });
    await tx.emit({
      type: 'payment.recorded',
      aggregateType: 'payment',
      aggregateId: id,
      payload: { paymentId: id, customerId: row.customer_id, amount: row.amount, currency: row.currency },
    });
    if (input.autoAllocate)
      await autoAllocateIn(tx, row, { creditRemainder: true, date: input.receivedDate });
    return detail(tx.db, await loadPayment(tx, id));
  });
}

export async function getPayment(ctx: AppContext, id: string): Promise<PaymentDetail> {
  return detail(ctx.db, await loadPayment(ctx, id));
}

export async function listPayments(ctx: AppContext, filter: store.PaymentFilter) {
  return store.listPayments(ctx.db, filter);
}

export async function listAllocations(
  ctx: AppContext,
  filter: { sourceId?: string | undefined; targetId?: string | undefined },
): Promise<AllocationRow[]> {
  const rows = [
    ...(filter.sourceId ? await store.allocationsOf(ctx.db, 'source', [filter.sourceId]) : []),
    ...(filter.targetId ? await store.allocationsOf(ctx.db, 'target', [filter.targetId]) : []),
  ];
  const unique = new Map(rows.map((r) => [r.id, r]));
  return [...unique.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function mustBeReceived(payment: PaymentRow): void {
  if (payment.status === 'reversed') {
    throw conflict(
      `Payment ${payment.id} was reversed on ${payment.reversal_date}; it cannot be allocated.`,
      [{ path: 'status', message: 'is reversed' }],
    );
  }
}

async function afterAllocation(
  tx: Tx,
  before: PaymentRow,
  rows: readonly AllocationRow[],
  how: 'manual' | 'reference' | 'oldest_due',
): Promise<PaymentRow> {
  const after = await loadPayment(tx, before.id);
  if (rows.length === 0) return after;
  tx.audit({
    action: 'payment.allocated',
    entityType: 'payment',
    entityId: before.id,
    before: toPayment(before),
    after: { ...toPayment(after), allocations: rows.map(toAllocation), matchedBy: how },
  });
  await tx.emit({
    type: 'payment.applied',
    aggregateType: 'payment',
    aggregateId: before.id,
    payload: {
      paymentId: before.id,
      customerId: before.customer_id,
      currency: before.currency,
      unappliedAmount: after.unapplied_amount,
      allocations: rows.map((r) => ({
        id: r.id,
        targetType: r.target_type,
        targetId: r.target_id,
        amount: r.amount,
      })),
    },
  });
  return after;
}

export async function allocatePayment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: AllocateInput,
): Promise<{ payment: PaymentDetail; allocations: AllocationRow[]; matchedBy: 'manual' }> {
  return transaction(ctx, actor, async (tx) => {
    const payment = await loadPayment(tx, id);
    mustBeReceived(payment);
    const date = input.date ?? [today(ctx), payment.received_date].sort()[1]!;
    if (date < payment.received_date)
      throw rejected(
        'allocation-rejected',
        `An allocation cannot be dated before the payment was received (${payment.received_date}).`,
        [{ path: 'date', message: `is before the payment's received date ${payment.received_date}` }],
      );
    await checkShares(tx, input.allocations, {
      customerId: payment.customer_id,
      currency: payment.currency,
      available: payment.unapplied_amount,
      availableLabel: `unapplied amount of payment ${payment.id}`,
    });
    const rows = await applyPayment(tx, payment, input.allocations, date);
    if (input.creditRemainder) {
      const left = payment.unapplied_amount - input.allocations.reduce((s, a) => s + a.amount, 0);
      const credit = await paymentToCredit(tx, payment, left, date);
      if (credit) rows.push(credit);
    }
    const after = await afterAllocation(tx, payment, rows, 'manual');
    return { payment: await detail(tx.db, after), allocations: rows, matchedBy: 'manual' as const };
  });
}

async function autoAllocateIn(
  tx: Tx,
  payment: PaymentRow,
  options: { creditRemainder: boolean; date: string },
): Promise<{ rows: AllocationRow[]; matchedBy: 'reference' | 'oldest_due' }> {
  let matchedBy: 'reference' | 'oldest_due' = 'oldest_due';
  let candidates = payment.reference
    ? (await findOpenItemsByReference(tx.db, payment.reference)).filter(
        (i) =>
          i.kind === 'invoice' &&
          i.customerId === payment.customer_id &&
          i.currency === payment.currency &&
          i.openAmount > 0,
      )
    : [];
  if (candidates.length > 0) {
    matchedBy = 'reference';
    candidates = [...candidates].sort(
      (a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id),
    );
  } else {
    candidates = await oldestDueFirst(tx, payment.customer_id, payment.currency);
  }
  const shares: Share[] = sharesFor(payment.unapplied_amount, candidates);
  const rows = await applyPayment(tx, payment, shares, options.date);
  if (options.creditRemainder) {
    const left = payment.unapplied_amount - shares.reduce((s, a) => s + a.amount, 0);
    const credit = await paymentToCredit(tx, payment, left, options.date);
    if (credit) rows.push(credit);
  }
  await afterAllocation(tx, payment, rows, matchedBy);
  return { rows, matchedBy };
}

export async function autoAllocatePayment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: AutoAllocateInput,
): Promise<{ payment: PaymentDetail; allocations: AllocationRow[]; matchedBy: 'reference' | 'oldest_due' }> {
  return transaction(ctx, actor, async (tx) => {
    const payment = await loadPayment(tx, id);
    mustBeReceived(payment);
    const date = input.date ?? [today(ctx), payment.received_date].sort()[1]!;
    const { rows, matchedBy } = await autoAllocateIn(tx, payment, {
      creditRemainder: input.creditRemainder,
      date,
    });
    return { payment: await detail(tx.db, await loadPayment(tx, id)), allocations: rows, matchedBy };
  });
}

/**
 * Reverses a payment (a bounced cheque, a charge-back): every live allocation of it gets a reversing
 * row and its invoice is re-opened; credit it put on account is taken back (after undoing what that
 * credit paid); the payment is marked reversed; optionally a bounce fee is charged to the customer.
 */
export async function reversePayment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ReverseInput,
): Promise<{
  payment: PaymentDetail;
  allocations: AllocationRow[];
  fee: ReturnType<typeof toCharge> | null;
}> {
  return transaction(ctx, actor, async (tx) => {
    const payment = await loadPayment(tx, id);
    const alreadyReversed = () =>
      conflict(
        `Payment ${id} is already reversed${payment.reversal_date ? ` (on ${payment.reversal_date})` : ''}.`,
        [{ path: 'status', message: 'is already reversed' }],
      );
    if (payment.status === 'reversed') throw alreadyReversed();
    const date = input.date ?? today(ctx);
    if (date < payment.received_date) {
      throw rejected(
        'reversal-rejected',
        `A payment cannot be reversed before it was received (${payment.received_date}).`,
        [{ path: 'date', message: `is before the payment's received date ${payment.received_date}` }],
      );
    }
    // The guarded update takes the payment's row lock first, so no allocation can slip in meanwhile.
    if (
      !(await store.markReversed(tx.db, id, {
        reversal_date: date,
        reversal_reason: input.reason,
        now: tx.now,
      }))
    )
      throw alreadyReversed();

    const reversing: AllocationRow[] = [];
    for (const row of await store.liveAllocationsFrom(tx.db, id)) {
      if (row.target_type === 'customer_credit') {
        // First undo what the credit paid, then take the credit back.
        for (const use of await store.liveAllocationsFrom(tx.db, row.target_id)) {
          if (use.target_type === 'refund') {
            throw conflict(
              `Credit ${row.target_id} from this payment was refunded (${use.target_id}, ${fmt(use.amount, use.currency)}); reverse or recover the refund before reversing the payment.`,
              [{ path: 'id', message: 'has credit on account that was refunded' }],
            );
          }
          reversing.push(await reverseAllocation(tx, use, date));
        }
        const credit = await store.findCredit(tx.db, row.target_id);
        if (
          !credit ||
          credit.remaining_amount !== row.amount ||
          !(await store.changeCredit(tx.db, credit.id, -credit.remaining_amount))
        )
          throw conflict(`Credit ${row.target_id} changed meanwhile; nothing was changed — retry.`);
      }
      reversing.push(await reverseAllocation(tx, row, date));
    }

    let fee: ChargeRow | null = null;
    if (input.fee) {
      fee = {
        id: newId('charge'),
        customer_id: payment.customer_id,
        kind: 'fee',
        amount: input.fee.amount,
        currency: payment.currency,
        date,
        description:
          input.fee.description ??
          (payment.method === 'cheque'
            ? `Bounced cheque ${payment.cheque_number ?? ''}`.trim()
            : `Reversed payment ${payment.id}`),
        origin_type: 'payment',
        origin_id: payment.id,
        invoiced_document_id: null,
        created_at: tx.now,
        created_by: actorId(actor),
      };
      await store.insertCharge(tx.db, fee);
    }
    const after = await loadPayment(tx, id);
    tx.audit({
      action: 'payment.reversed',
      entityType: 'payment',
      entityId: id,
      before: toPayment(payment),
      after: {
        ...toPayment(after),
        allocations: reversing.map(toAllocation),
        fee: fee ? toCharge(fee) : null,
      },
    });
    const reopened = reversing.filter((r) => r.target_type === 'invoice').map((r) => r.target_id);
    await tx.emit({
      type: 'payment.reversed',
      aggregateType: 'payment',
      aggregateId: id,
      payload: {
        paymentId: id,
        customerId: payment.customer_id,
        reason: input.reason,
        date,
        reopenedInvoiceIds: reopened,
        feeId: fee?.id ?? null,
      },
    });
    if (reversing.length > 0) {
      await tx.emit({
        type: 'payment.applied',
        aggregateType: 'payment',
        aggregateId: id,
        payload: {
          paymentId: id,
          customerId: payment.customer_id,
          currency: payment.currency,
          unappliedAmount: 0,
          allocations: reversing.map((r) => ({
            id: r.id,
            targetType: r.target_type,
            targetId: r.target_id,
            amount: r.amount,
          })),
        },
      });
    }
    return { payment: await detail(tx.db, after), allocations: reversing, fee: fee ? toCharge(fee) : null };
  });
}

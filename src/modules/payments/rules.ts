/** Pure rules of payments and allocation: derived states, allocation plans, tolerance, ledger. No I/O. */
import { currencyExponent } from '../../platform/money.js';

export type PaymentState = 'applied' | 'partially_applied' | 'unapplied' | 'reversed';

/** The state shown for a payment is derived from what is left of it, never stored. */
export function paymentState(p: {
  status: 'received' | 'reversed';
  amount: number;
  unappliedAmount: number;
}): PaymentState {
  if (p.status === 'reversed') return 'reversed';
  if (p.unappliedAmount === 0) return 'applied';
  if (p.unappliedAmount === p.amount) return 'unapplied';
  return 'partially_applied';
}

export interface OpenTarget {
  id: string;
  openAmount: number;
}

/**
 * Spreads `available` over the targets in the order given (the caller sorts: referenced first, or
 * oldest due first), each up to its open amount. Returns the shares (no zero ones) and what is left.
 */
export function planAllocation(
  available: number,
  targets: readonly OpenTarget[],
): { shares: { id: string; amount: number }[]; left: number } {
  let left = Math.max(0, available);
  const shares: { id: string; amount: number }[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    if (left === 0) break;
    if (seen.has(target.id) || target.openAmount <= 0) continue;
    seen.add(target.id);
    const amount = Math.min(left, target.openAmount);
    shares.push({ id: target.id, amount });
    left -= amount;
  }
  return { shares, left };
}

/** Without a configured tolerance, up to 2 major units of the currency (2.00 EUR, 2 JPY, 2.000 KWD) may be written off. */
export function defaultWriteOffTolerance(currency: string): number {
  return 2 * 10 ** currencyExponent(currency);
}

export type LedgerKind =
  | 'invoice'
  | 'credit_note'
  | 'payment'
  | 'payment_reversal'
  | 'refund'
  | 'write_off'
  | 'fee';

export interface LedgerMovement {
  date: string;
  kind: LedgerKind;
  /** The record the line comes from: inv_…, pay_…, rfd_…, wof_…, chg_… */
  id: string;
  reference: string | null;
  description: string;
  currency: string;
  /** Signed, in minor units: positive when the customer owes more (invoice, refund, fee, reversal). */
  amount: number;
  /** What a statement needs to describe the line in the customer's language (not part of the ledger API). */
  detail?: LedgerDetail;
}

export interface LedgerDetail {
  /** Invoices: the due date; `void` when credited in full. */
  dueDate?: string;
  void?: boolean;
  /** Credit notes: the number of the invoice credited. */
  creditedNumber?: string;
  /** Payments and refunds: the method; cheques: their number. */
  method?: string;
  chequeNumber?: string | null;
  /** Free text as entered: a reversal or write-off reason, a fee's description. */
  text?: string | null;
  /** Write-offs: a reversed one (its allocation undone). */
  reversed?: boolean;
}

export interface LedgerLine extends LedgerMovement {
  /** What the customer owes after this line, in this line's currency. */
  balance: number;
}

const KIND_ORDER: Record<LedgerKind, number> = {
  invoice: 0,
  fee: 1,
  credit_note: 2,
  payment: 3,
  write_off: 4,
  refund: 5,
  payment_reversal: 6,
};

/** Orders movements by date (then documents before money, then id) and adds a running balance per currency. */
export function buildLedger(movements: readonly LedgerMovement[]): LedgerLine[] {
  const sorted = [...movements].sort(
    (a, b) =>
      a.date.localeCompare(b.date) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.id.localeCompare(b.id),
  );
  const running = new Map<string, number>();
  return sorted.map((m) => {
    const balance = (running.get(m.currency) ?? 0) + m.amount;
    running.set(m.currency, balance);
    return { ...m, balance };
  });
}

export interface BalanceParts {
  openInvoices: number;
  openCreditNotes: number;
  unappliedPayments: number;
  customerCredit: number;
  openCharges: number;
}

/** What the customer owes: open invoices and charges, less open credit notes, unapplied payments and credit on account. */
export const balanceOf = (p: BalanceParts): number =>
  p.openInvoices + p.openCharges - p.openCreditNotes - p.unappliedPayments - p.customerCredit;

/**
 * Credit rules, pure: which automatic holds a customer's figures call for, and how a blocked shipment
 * is explained. No I/O; the service feeds them what it read.
 *
 * Decisions (docs/architecture.md, "Credit holds"):
 * - Credit limit: the customer's `creditLimit` is in the customer's currency and is compared with the
 *   customer's balance in that currency as the payments module computes it (open invoices − unused
 *   credit notes − unapplied payments − credit on account + open charges). Orders not yet invoiced do
 *   not count: their tax is not computed yet and a partly shipped order is partly invoiced already.
 *   On hold when the balance is ABOVE the limit (a balance equal to the limit is allowed).
 * - Overdue balance: per currency with a configured threshold, the sum of the open amounts of invoices
 *   more than `overdueAfterDays` days past their due date, less what is under an open dispute; on hold
 *   when that sum is ABOVE the threshold.
 * - Policy-step and manual holds are never released by these rules (only by their owner or a user).
 */
import { daysBetween } from '../../platform/dates.js';
import { formatMoney, money } from '../../platform/money.js';

export const HOLD_CAUSES = ['policy_step', 'credit_limit', 'overdue_balance', 'manual'] as const;
export type HoldCause = (typeof HOLD_CAUSES)[number];

/** The causes the credit rules place and release by themselves. */
export const AUTOMATIC_CAUSES: readonly HoldCause[] = ['credit_limit', 'overdue_balance'];

export const CAUSE_LABELS: Record<HoldCause, string> = {
  policy_step: 'follow-up policy step',
  credit_limit: 'credit limit exceeded',
  overdue_balance: 'overdue balance above threshold',
  manual: 'placed by hand',
};

export interface OverdueSetting {
  currency: string;
  overdueThreshold: number;
  overdueAfterDays: number;
}

export interface OpenInvoiceFigure {
  currency: string;
  dueDate: string;
  openAmount: number;
  /** What of it is under an open dispute (not counted as overdue). */
  disputed: number;
}

export interface CreditFigures {
  today: string;
  customerCurrency: string;
  creditLimit: number | null;
  /** The customer's balance in its own currency (0 when it has none). */
  balance: number;
  openInvoices: readonly OpenInvoiceFigure[];
  settings: readonly OverdueSetting[];
}

export interface WantedHold {
  cause: HoldCause;
  /** '' for one hold per cause; the currency for the overdue rule (one hold per currency). */
  sourceKey: string;
  reason: string;
}

const fmt = (amount: number, currency: string) => formatMoney(money(amount, currency));

/** The automatic holds the figures call for; any active automatic hold not in this list is to be released. */
export function wantedHolds(f: CreditFigures): WantedHold[] {
  const wanted: WantedHold[] = [];
  if (f.creditLimit !== null && f.balance > f.creditLimit) {
    wanted.push({
      cause: 'credit_limit',
      sourceKey: '',
      reason: `Balance ${fmt(f.balance, f.customerCurrency)} is above the credit limit of ${fmt(f.creditLimit, f.customerCurrency)}.`,
    });
  }
  for (const s of f.settings) {
    const overdue = overdueAmount(f.openInvoices, s, f.today);
    if (overdue > s.overdueThreshold)
      wanted.push({
        cause: 'overdue_balance',
        sourceKey: s.currency,
        reason: `Overdue balance ${fmt(overdue, s.currency)} (more than ${s.overdueAfterDays} days past due) is above the threshold of ${fmt(s.overdueThreshold, s.currency)}.`,
      });
  }
  return wanted;
}

/** The open amount, less what is disputed, of the invoices in the setting's currency more than N days past due. */
export function overdueAmount(
  invoices: readonly OpenInvoiceFigure[],
  s: OverdueSetting,
  today: string,
): number {
  let total = 0;
  for (const i of invoices) {
    if (i.currency !== s.currency) continue;
    if (daysBetween(i.dueDate, today) <= s.overdueAfterDays) continue;
    total += Math.max(0, i.openAmount - i.disputed);
  }
  return total;
}

export interface HoldSummary {
  id: string;
  cause: HoldCause;
  reason: string;
}

/** "Customer C-00042 is on credit hold: credit limit exceeded (Balance … above …); …" */
export function blockedDetail(customerLabel: string, holds: readonly HoldSummary[]): string {
  const parts = holds.map((h) => `${CAUSE_LABELS[h.cause]} (${h.reason.replace(/\.$/, '')})`);
  return `Customer ${customerLabel} is on credit hold: ${parts.join('; ')}. Shipping is blocked until the hold is released; an authorised user may override it with a reason.`;
}

/** Why an automatic hold no longer applies, for its release. */
export function clearedReason(cause: HoldCause, sourceKey: string | null, f: CreditFigures): string {
  if (cause === 'credit_limit') {
    if (f.creditLimit === null) return 'The customer no longer has a credit limit.';
    return `Cause cleared: balance ${fmt(f.balance, f.customerCurrency)} is within the credit limit of ${fmt(f.creditLimit, f.customerCurrency)}.`;
  }
  const setting = f.settings.find((s) => s.currency === sourceKey);
  if (!setting)
    return `Cause cleared: no overdue threshold is configured for ${sourceKey ?? 'this currency'} any more.`;
  const overdue = overdueAmount(f.openInvoices, setting, f.today);
  return `Cause cleared: overdue balance ${fmt(overdue, setting.currency)} is within the threshold of ${fmt(setting.overdueThreshold, setting.currency)}.`;
}

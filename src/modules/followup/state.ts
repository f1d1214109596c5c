/** Read side for other modules and the UI: an invoice's follow-up state and the log of what the run did. */
import type { Kysely } from 'kysely';
import { type BusinessDate, dateInZone } from '../../platform/dates.js';
import { type AnyDb, tables } from '../../platform/db/database.js';
import { activePausesOf } from './pauses.js';
import type { ActionRow, FollowupTables } from './tables.js';

const q = (db: AnyDb): Kysely<FollowupTables> => tables<FollowupTables>(db);

export interface FollowupState {
  invoiceId: string;
  customerId: string;
  policyId: string | null;
  /** Position of the last step that fired (0: none yet). */
  currentStep: number;
  /** When the next step is due (null: nothing left to do). */
  nextDate: BusinessDate | null;
  lastRunOn: BusinessDate | null;
  closedAt: string | null;
  closedReason: string | null;
  paused: boolean;
}

/** The follow-up state of these invoices on `on` (default: today, UTC); invoices never followed are absent. */
export async function followupStateOf(
  db: AnyDb,
  invoiceIds: readonly string[],
  on: BusinessDate = dateInZone(new Date(), 'UTC'),
): Promise<Map<string, FollowupState>> {
  const result = new Map<string, FollowupState>();
  const pauses = await activePausesOf(db, invoiceIds, on);
  for (let i = 0; i < invoiceIds.length; i += 500) {
    const chunk = invoiceIds.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await q(db)
      .selectFrom('followup_items')
      .selectAll()
      .where('invoice_id', 'in', chunk)
      .execute();
    for (const row of rows)
      result.set(row.invoice_id, {
        invoiceId: row.invoice_id,
        customerId: row.customer_id,
        policyId: row.policy_id,
        currentStep: Number(row.current_step),
        nextDate: row.next_date,
        lastRunOn: row.last_run_on,
        closedAt: row.closed_at,
        closedReason: row.closed_reason,
        paused: pauses.has(row.invoice_id),
      });
  }
  return result;
}

export type FollowupActionKind = 'reminder' | 'task' | 'late_fee' | 'interest' | 'credit_hold';

export interface FollowupAction {
  id: string;
  invoiceId: string;
  customerId: string;
  policyId: string;
  stepId: string;
  stepPosition: number;
  tone: string;
  kind: FollowupActionKind;
  runOn: BusinessDate;
  /** The mail outbox message (reminders). */
  messageId: string | null;
  /** The fee or interest invoice issued (late_fee, interest). */
  feeInvoiceId: string | null;
  amount: number | null;
  currency: string | null;
  taskId: string | null;
  holdId: string | null;
  details: Record<string, unknown>;
  createdAt: string;
}

export const toAction = (row: ActionRow): FollowupAction => ({
  id: row.id,
  invoiceId: row.invoice_id,
  customerId: row.customer_id,
  policyId: row.policy_id,
  stepId: row.step_id,
  stepPosition: Number(row.step_position),
  tone: row.tone,
  kind: row.kind as FollowupActionKind,
  runOn: row.run_on,
  messageId: row.message_id,
  feeInvoiceId: row.fee_invoice_id,
  amount: row.amount === null ? null : Number(row.amount),
  currency: row.currency,
  taskId: row.task_id,
  holdId: row.hold_id,
  details: JSON.parse(row.details) as Record<string, unknown>,
  createdAt: row.created_at,
});

/** What the run did for a customer (or one invoice): reminders with their message id, fees, interest, tasks, holds; newest first. */
export async function listFollowupActions(
  db: AnyDb,
  filter: { customerId?: string; invoiceId?: string; limit?: number },
): Promise<FollowupAction[]> {
  let query = q(db).selectFrom('followup_actions').selectAll();
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.invoiceId) query = query.where('invoice_id', '=', filter.invoiceId);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 1000)
    .execute();
  return rows.map(toAction);
}

/**
 * The follow-up run. "Today" is the company's local date. It selects only the items whose next date
 * has come (indexed) and that no active pause holds, computes for each the latest due step (catch-up:
 * steps a gap in runs skipped do not fire late), CLAIMS each step by inserting its action rows under a
 * unique dedupe key (invoice + step + action) — a concurrent worker's insert waits, then finds them and
 * backs off — and, in that same transaction, performs the actions: one statement-style email per
 * customer listing all its invoices due a reminder, fee and interest invoices, tasks, credit holds.
 * Then the items move to their next date. A dry run computes the same plan and writes nothing.
 */
import { type Kysely, sql } from 'kysely';
import { type Actor, systemActor } from '../../platform/auth/actor.js';
import type { AppContext } from '../../platform/context.js';
import { type BusinessDate, dateInZone } from '../../platform/dates.js';
import { type AnyDb, tables } from '../../platform/db/database.js';
import { type Tx, transaction } from '../../platform/db/transaction.js';
import { newId } from '../../platform/ids.js';
import { queueMail } from '../../platform/mail/outbox.js';
import { money, toDecimalString } from '../../platform/money.js';
import { placeHold } from '../credit/index.js';
import { billingContact, type Customer, findCustomersIn, reminderContact } from '../customers/index.js';
import {
  type CompanySettings,
  createDraftInTx,
  getOpenItems,
  issueInTx,
  type OpenItem,
  readCompanySettings,
} from '../invoicing/index.js';
import { openTask } from '../worklist/index.js';
import { closeItem, holdSourceKey, rescheduleItems, taskKeyPrefix } from './items.js';
import { pausedCondition } from './pauses.js';
import { type LoadedStep, stepsOf } from './policies.js';
import {
  dueStep,
  interestDays,
  percentFee,
  type StepAction,
  simpleInterest,
  strongestTone,
} from './rules.js';
import type { PlannedAction, RunResult } from './schemas.js';
import type { FollowupTables, ItemRow } from './tables.js';
import { type ReminderLine, reminderLanguage, renderReminder } from './templates.js';

const q = (db: AnyDb): Kysely<FollowupTables> => tables<FollowupTables>(db);

export interface RunOptions {
  /** The company date to run for; default: today in the company's time zone. */
  asOf?: BusinessDate | undefined;
  dryRun?: boolean | undefined;
  /** Only this customer's items (the policy preview). */
  customerId?: string | undefined;
  /** Items per transaction (a customer's items always go together). */
  batchSize?: number | undefined;
  /** At most this many planned actions are listed in the result (counts are always complete). */
  listLimit?: number | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export type FollowupRunResult = RunResult & { actionsTruncated: boolean };

export const companyToday = (ctx: AppContext): BusinessDate =>
  dateInZone(ctx.clock.now(), ctx.config.TIMEZONE);

/** The items due on `today` and not paused: the run's one selection, on the next-date index. */
export async function selectDueItems(
  db: AnyDb,
  today: BusinessDate,
  customerId?: string,
): Promise<{ invoice_id: string; customer_id: string }[]> {
  let query = q(db)
    .selectFrom('followup_items')
    .select(['invoice_id', 'customer_id'])
    .where('next_date', '<=', today)
    .where(sql<boolean>`not ${pausedCondition(today)}`);
  if (customerId) query = query.where('customer_id', '=', customerId);
  return query.orderBy('next_date').orderBy('invoice_id').execute();
}

interface Planned {
  item: ItemRow;
  open: OpenItem;
  step: LoadedStep | undefined;
  skipped: number[];
  nextDate: BusinessDate | null;
}

interface BatchOutcome {
  claimed: number;
  closed: number;
  messages: number;
  fees: number;
  tasks: number;
  holds: number;
  skipped: number;
  actions: PlannedAction[];
  emails: RunResult['emails'];
}

const emptyOutcome = (): BatchOutcome => ({
  claimed: 0,
  closed: 0,
  messages: 0,
  fees: 0,
  tasks: 0,
  holds: 0,
  skipped: 0,
  actions: [],
  emails: [],
});

const dedupeKey = (invoiceId: string, position: number, index: number) => `${invoiceId}:${position}:${index}`;

export async function runFollowup(
  ctx: AppContext,
  options: RunOptions = {},
  actor: Actor = systemActor('followup'),
): Promise<FollowupRunResult> {
  const today = options.asOf ?? companyToday(ctx);
  const dryRun = options.dryRun ?? false;
  const listLimit = options.listLimit ?? 1000;
  const due = await selectDueItems(ctx.db, today, options.customerId);

  // A customer's items stay together (one email); batches hold up to batchSize items.
  const byCustomer = new Map<string, string[]>();
  for (const row of due) {
    const list = byCustomer.get(row.customer_id) ?? [];
    list.push(row.invoice_id);
    byCustomer.set(row.customer_id, list);
  }
  const batchSize = options.batchSize ?? 500;
  const batches: { customerIds: string[]; invoiceIds: string[] }[] = [];
  let current = { customerIds: [] as string[], invoiceIds: [] as string[] };
  for (const [customerId, ids] of byCustomer) {
    if (current.invoiceIds.length > 0 && current.invoiceIds.length + ids.length > batchSize) {
      batches.push(current);
      current = { customerIds: [], invoiceIds: [] };
    }
    current.customerIds.push(customerId);
    current.invoiceIds.push(...ids);
  }
  if (current.invoiceIds.length > 0) batches.push(current);

  const steps = new Map<string, LoadedStep[]>();
  const total = emptyOutcome();
  const failures: RunResult['failures'] = [];
  let done = 0;
  const add = (o: BatchOutcome) => {
    total.claimed += o.claimed;
    total.closed += o.closed;
    total.messages += o.messages;
    total.fees += o.fees;
    total.tasks += o.tasks;
    total.holds += o.holds;
    total.skipped += o.skipped;
    for (const a of o.actions) if (total.actions.length <= listLimit) total.actions.push(a);
    for (const e of o.emails) if (total.emails.length <= listLimit) total.emails.push(e);
  };
  for (const batch of batches) {
    if (dryRun) {
      add(await processBatch(ctx, ctx.db, null, batch.invoiceIds, today, steps));
    } else {
      try {
        add(
          await transaction(ctx, actor, (tx) => processBatch(ctx, tx.db, tx, batch.invoiceIds, today, steps)),
        );
      } catch (error) {
        // One customer's failure (e.g. a fee invoice that cannot be issued) must not hold back the others.
        for (const customerId of batch.customerIds) {
          try {
            const ids = byCustomer.get(customerId) ?? [];
            add(await transaction(ctx, actor, (tx) => processBatch(ctx, tx.db, tx, ids, today, steps)));
          } catch (inner) {
            failures.push({ customerId, message: (inner as Error).message });
            ctx.logger.error({ err: inner, customerId }, 'follow-up failed for a customer');
          }
        }
        ctx.logger.warn({ err: error }, 'follow-up batch failed; retried customer by customer');
      }
    }
    done += batch.invoiceIds.length;
    options.onProgress?.(done, due.length);
  }
  const truncated = total.actions.length > listLimit || total.emails.length > listLimit;
  return {
    asOf: today,
    dryRun,
    itemsDue: due.length,
    itemsClaimed: total.claimed,
    itemsClosed: total.closed,
    messages: total.messages,
    fees: total.fees,
    tasks: total.tasks,
    holds: total.holds,
    skipped: total.skipped,
    actions: total.actions.slice(0, listLimit),
    emails: total.emails.slice(0, listLimit),
    failures,
    actionsTruncated: truncated,
  };
}

async function loadSteps(db: AnyDb, cache: Map<string, LoadedStep[]>, policyIds: Iterable<string>) {
  const missing = [...new Set(policyIds)].filter((id) => !cache.has(id));
  if (missing.length > 0) for (const [id, list] of await stepsOf(db, missing)) cache.set(id, list);
}

/** One batch: re-read (inside the transaction), plan, claim, act, move on. `tx` null: a dry run. */
async function processBatch(
  ctx: AppContext,
  db: AnyDb,
  tx: Tx | null,
  invoiceIds: readonly string[],
  today: BusinessDate,
  stepCache: Map<string, LoadedStep[]>,
): Promise<BatchOutcome> {
  const out = emptyOutcome();
  const items: ItemRow[] = [];
  for (let i = 0; i < invoiceIds.length; i += 500) {
    items.push(
      ...(await q(db)
        .selectFrom('followup_items')
        .selectAll()
        .where('invoice_id', 'in', invoiceIds.slice(i, i + 500))
        .where('next_date', '<=', today)
        .where('closed_at', 'is', null)
        .where(sql<boolean>`not ${pausedCondition(today)}`)
        .execute()),
    );
  }
  if (items.length === 0) return out;
  const open = await getOpenItems(
    db,
    items.map((i) => i.invoice_id),
  );
  await loadSteps(
    db,
    stepCache,
    items.flatMap((i) => (i.policy_id ? [i.policy_id] : [])),
  );

  const planned: Planned[] = [];
  const reschedule: { item: ItemRow; nextDate: BusinessDate | null }[] = [];
  for (const item of items) {
    const doc = open.get(item.invoice_id);
    if (!doc || doc.openAmount <= 0) {
      // Paid while the event was on its way: close now rather than remind.
      if (tx) await closeItem(tx, item, doc ? 'settled' : 'gone');
      out.closed++;
      continue;
    }
    const steps = item.policy_id ? (stepCache.get(item.policy_id) ?? []) : [];
    const plan = dueStep(steps, item.due_date, Number(item.current_step), today);
    if (!plan.step) {
      reschedule.push({ item, nextDate: plan.nextDate });
      continue;
    }
    planned.push({ item, open: doc, step: plan.step, skipped: plan.skipped, nextDate: plan.nextDate });
  }

  // ── Claim ──
  let claimed: Planned[];
  if (tx) {
    const rows = planned.flatMap((p) =>
      p.step!.actions.map((action, index) => ({
        id: newId('followup_action'),
        dedupe_key: dedupeKey(p.item.invoice_id, p.step!.position, index),
        invoice_id: p.item.invoice_id,
        customer_id: p.item.customer_id,
        policy_id: p.item.policy_id!,
        step_id: p.step!.id,
        step_position: p.step!.position,
        tone: p.step!.tone,
        kind: action.type,
        run_on: today,
        message_id: null,
        fee_invoice_id: null,
        amount: null,
        currency: null,
        task_id: null,
        hold_id: null,
        details: JSON.stringify(p.skipped.length > 0 ? { skippedSteps: p.skipped } : {}),
        created_at: tx.now,
      })),
    );
    const won = new Set<string>();
    for (let i = 0; i < rows.length; i += 400) {
      const inserted = await q(db)
        .insertInto('followup_actions')
        .values(rows.slice(i, i + 400))
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returning('dedupe_key')
        .execute();
      for (const r of inserted) won.add(r.dedupe_key);
    }
    claimed = planned.filter((p) => won.has(dedupeKey(p.item.invoice_id, p.step!.position, 0)));
    await moveItems(db, tx.now, today, claimed, reschedule);
  } else {
    // Dry run: what a run would claim — not what another run already did.
    const keys = planned.map((p) => dedupeKey(p.item.invoice_id, p.step!.position, 0));
    const taken = new Set<string>();
    for (let i = 0; i < keys.length; i += 500) {
      const rows = await q(db)
        .selectFrom('followup_actions')
        .select('dedupe_key')
        .where('dedupe_key', 'in', keys.slice(i, i + 500))
        .execute();
      for (const r of rows) taken.add(r.dedupe_key);
    }
    claimed = planned.filter((p) => !taken.has(dedupeKey(p.item.invoice_id, p.step!.position, 0)));
  }
  out.claimed = claimed.length;
  if (claimed.length === 0) return out;

  // ── Act ──
  const settings = await readCompanySettings(db);
  const byCustomer = new Map<string, Planned[]>();
  for (const p of claimed) {
    const list = byCustomer.get(p.item.customer_id) ?? [];
    list.push(p);
    byCustomer.set(p.item.customer_id, list);
  }
  const customers = await findCustomersIn(db, [...byCustomer.keys()]);
  const sent: SentReminder[] = [];
  for (const [customerId, group] of byCustomer) {
    const customer = customers.get(customerId);
    await actForCustomer(ctx, db, tx, today, settings, customerId, customer, group, out, sent);
  }
  // The reminders' log rows learn their message: one statement per 400 rows.
  for (let i = 0; i < sent.length; i += 400) {
    const chunk = sent.slice(i, i + 400);
    const messageCase = sql.join(
      chunk.map((r) => sql`when ${r.key} then cast(${r.messageId} as text)`),
      sql` `,
    );
    const detailsCase = sql.join(
      chunk.map((r) => sql`when ${r.key} then cast(${r.details} as text)`),
      sql` `,
    );
    await sql`update followup_actions set message_id = case dedupe_key ${messageCase} end, details = case dedupe_key ${detailsCase} end where dedupe_key in (${sql.join(chunk.map((r) => r.key))})`.execute(
      db,
    );
  }
  return out;
}

interface SentReminder {
  key: string;
  messageId: string;
  details: string;
}

/** Moves claimed items to their next step and stale ones to their real next date: one statement per 400 items. */
async function moveItems(
  db: AnyDb,
  now: string,
  today: BusinessDate,
  claimed: readonly Planned[],
  reschedule: readonly { item: ItemRow; nextDate: BusinessDate | null }[],
): Promise<void> {
  const changes = [
    ...claimed.map((p) => ({ id: p.item.invoice_id, step: p.step!.position, next: p.nextDate, ran: true })),
    ...reschedule.map((r) => ({
      id: r.item.invoice_id,
      step: Number(r.item.current_step),
      next: r.nextDate,
      ran: false,
    })),
  ];
  for (let i = 0; i < changes.length; i += 400) {
    const chunk = changes.slice(i, i + 400);
    const stepCase = sql.join(
      chunk.map((c) => sql`when ${c.id} then cast(${c.step} as integer)`),
      sql` `,
    );
    const nextCase = sql.join(
      chunk.map((c) => sql`when ${c.id} then cast(${c.next} as text)`),
      sql` `,
    );
    const ranCase = sql.join(
      chunk.map((c) =>
        c.ran ? sql`when ${c.id} then cast(${today} as text)` : sql`when ${c.id} then last_run_on`,
      ),
      sql` `,
    );
    await sql`update followup_items set current_step = case invoice_id ${stepCase} end, next_date = case invoice_id ${nextCase} end, last_run_on = case invoice_id ${ranCase} end, updated_at = ${now} where invoice_id in (${sql.join(chunk.map((c) => c.id))})`.execute(
      db,
    );
  }
}

function paymentLink(settings: CompanySettings, doc: OpenItem): string | null {
  const template = settings.onlinePaymentUrlTemplate;
  if (!template || !settings.paymentMethods.includes('online')) return null;
  const values: Record<string, string> = {
    id: doc.id,
    number: doc.number,
    amount: toDecimalString(money(doc.openAmount, doc.currency)),
    currency: doc.currency,
    reference: doc.rfReference ?? doc.number,
  };
  return template.replace(/\{(id|number|amount|currency|reference)\}/g, (_, key: string) =>
    encodeURIComponent(values[key]!),
  );
}

function paymentInstructions(
  settings: CompanySettings,
  language: 'en' | 'fr',
  links: readonly string[],
): string[] {
  const fr = language === 'fr';
  const lines: string[] = [];
  for (const method of settings.paymentMethods) {
    if (method === 'bank_transfer' && settings.bankAccount) {
      const bic = settings.bankAccount.bic ? `, BIC ${settings.bankAccount.bic}` : '';
      lines.push(
        fr
          ? `- Virement : IBAN ${settings.bankAccount.iban}${bic}, au nom de ${settings.bankAccount.accountHolder}, avec le numéro de facture en référence`
          : `- Bank transfer: IBAN ${settings.bankAccount.iban}${bic}, to ${settings.bankAccount.accountHolder}, quoting the invoice number`,
      );
    } else if (method === 'cheque' && settings.cheque) {
      lines.push(
        fr
          ? `- Chèque à l'ordre de ${settings.cheque.payableTo}`
          : `- Cheque payable to ${settings.cheque.payableTo}`,
      );
    } else if (method === 'online' && links.length > 0) {
      lines.push(fr ? `- Paiement en ligne : ${links.join(' ; ')}` : `- Online: ${links.join(' ; ')}`);
    } else if (method === 'cash' && settings.cashInstructions) {
      lines.push(fr ? `- Espèces : ${settings.cashInstructions}` : `- Cash: ${settings.cashInstructions}`);
    }
  }
  return lines;
}

async function setAction(
  db: AnyDb,
  key: string,
  changes: Partial<FollowupTables['followup_actions']>,
): Promise<void> {
  await q(db).updateTable('followup_actions').set(changes).where('dedupe_key', '=', key).execute();
}

/** The actions of one customer's claimed steps: one grouped reminder, then fees, interest, tasks, holds. */
async function actForCustomer(
  ctx: AppContext,
  db: AnyDb,
  tx: Tx | null,
  today: BusinessDate,
  settings: CompanySettings,
  customerId: string,
  customer: Customer | undefined,
  group: readonly Planned[],
  out: BatchOutcome,
  sent: SentReminder[],
): Promise<void> {
  const plan = (p: Planned, kind: PlannedAction['kind'], description: string, amount: number | null = null) =>
    out.actions.push({
      invoiceId: p.item.invoice_id,
      invoiceNumber: p.open.number,
      customerId,
      stepPosition: p.step!.position,
      stepName: p.step!.name,
      tone: p.step!.tone,
      kind,
      description,
      amount,
      currency: amount === null ? null : p.open.currency,
      skippedSteps: p.skipped,
    });
  const indexOf = (p: Planned, type: StepAction['type']) => p.step!.actions.findIndex((a) => a.type === type);

  // Reminder: one message for every invoice of this customer due a reminder today.
  const reminders = group.filter((p) => indexOf(p, 'reminder') >= 0);
  if (reminders.length > 0) {
    const language = reminderLanguage(customer?.language);
    const tone = strongestTone(reminders.map((p) => p.step!.tone));
    const lead = reminders.find((p) => p.step!.tone === tone)!;
    const action = lead.step!.actions[indexOf(lead, 'reminder')] as Extract<StepAction, { type: 'reminder' }>;
    const lines: ReminderLine[] = reminders
      .map((p) => ({
        number: p.open.number,
        dueDate: p.open.dueDate,
        currency: p.open.currency,
        openAmount: p.open.openAmount,
        paymentLink: paymentLink(settings, p.open),
      }))
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number));
    const message = renderReminder(
      {
        language,
        customerName: customer?.legalName ?? customerId,
        companyName: settings.tradingName ?? settings.legalName,
        today,
        lines,
        paymentInstructions: paymentInstructions(
          settings,
          language,
          lines.flatMap((l) => (l.paymentLink ? [l.paymentLink] : [])),
        ),
      },
      tone,
      action.templates,
    );
    const to = customer
      ? [...new Set([...reminderContact(customer)].flatMap((c) => (c.email ? [c.email] : [])))]
      : [];
    if (to.length === 0 && customer)
      to.push(...new Set(billingContact(customer).flatMap((c) => (c.email ? [c.email] : []))));
    let messageId: string | null = null;
    if (to.length === 0) {
      out.skipped += reminders.length;
      for (const p of reminders) plan(p, 'reminder', `no reminder sent: the customer has no email contact`);
      if (tx)
        for (const p of reminders)
          await setAction(db, dedupeKey(p.item.invoice_id, p.step!.position, indexOf(p, 'reminder')), {
            details: JSON.stringify({ skipped: 'no email contact', skippedSteps: p.skipped }),
          });
    } else {
      if (tx) {
        messageId = await queueMail(tx, {
          to,
          ...(settings.email ? { replyTo: settings.email } : {}),
          subject: message.subject,
          text: message.body,
          related: { type: 'customer', id: customerId },
        });
        const details = JSON.stringify({
          to,
          language,
          tone,
          subject: message.subject,
          invoices: lines.length,
        });
        for (const p of reminders)
          sent.push({
            key: dedupeKey(p.item.invoice_id, p.step!.position, indexOf(p, 'reminder')),
            messageId,
            details,
          });
      }
      out.messages++;
      for (const p of reminders)
        plan(
          p,
          'reminder',
          `${p.step!.tone} reminder to ${to.join(', ')} (${lines.length} invoice(s) in one email)`,
        );
      out.emails.push({
        customerId,
        to,
        subject: message.subject,
        invoiceNumbers: lines.map((l) => l.number),
        messageId,
      });
    }
  }

  for (const p of group) {
    for (const [index, action] of p.step!.actions.entries()) {
      const key = dedupeKey(p.item.invoice_id, p.step!.position, index);
      if (action.type === 'task') {
        const title = action.title.includes(p.open.number)
          ? action.title
          : `${action.title} (${p.open.number})`;
        plan(p, 'task', `task for ${action.department}: ${title}`);
        out.tasks++;
        if (tx) {
          const task = await openTask(tx, {
            dedupeKey: `${taskKeyPrefix(p.item.invoice_id)}${p.step!.position}`,
            kind: 'followup_step',
            department: action.department,
            title,
            reason: `Step ${p.step!.position} ("${p.step!.name}") of the follow-up policy: ${p.open.number} is due since ${p.open.dueDate}.`,
            recordType: 'invoice',
            recordId: p.item.invoice_id,
            customerId,
            ownerRole: (action.role ?? null) as never,
            priority: action.priority ?? (p.step!.tone === 'final' ? 'high' : 'normal'),
            dueDate: today,
          });
          await setAction(db, key, {
            task_id: task.id,
            details: JSON.stringify({ title, created: task.created }),
          });
        }
      } else if (action.type === 'credit_hold') {
        const reason =
          action.reason ??
          `Follow-up step "${p.step!.name}": invoice ${p.open.number} is overdue since ${p.open.dueDate}.`;
        plan(p, 'credit_hold', `credit hold: ${reason}`);
        out.holds++;
        if (tx) {
          const hold = await placeHold(tx, {
            customerId,
            cause: 'policy_step',
            reason,
            sourceKey: holdSourceKey(p.item.invoice_id),
          });
          await setAction(db, key, {
            hold_id: hold.id,
            details: JSON.stringify({ reason, created: hold.created }),
          });
        }
      } else if (action.type === 'late_fee' || action.type === 'interest') {
        if (p.item.kind === 'fee') {
          plan(p, action.type, 'no fee on a fee invoice');
          if (tx) await setAction(db, key, { details: JSON.stringify({ skipped: 'fee invoice' }) });
          continue;
        }
        let amount = 0;
        let description: string;
        let details: Record<string, unknown>;
        if (action.type === 'late_fee') {
          if (action.mode === 'fixed' && action.currency !== p.open.currency) {
            plan(
              p,
              'late_fee',
              `no fixed fee: it is set in ${action.currency}, the invoice is in ${p.open.currency}`,
            );
            if (tx)
              await setAction(db, key, {
                details: JSON.stringify({ skipped: `fee currency ${action.currency} ≠ ${p.open.currency}` }),
              });
            continue;
          }
          amount = action.mode === 'fixed' ? action.amount! : percentFee(p.open.openAmount, action.percent!);
          description =
            action.description ??
            (action.mode === 'fixed'
              ? `Late payment fee — invoice ${p.open.number}`
              : `Late payment fee (${action.percent}% of ${toDecimalString(money(p.open.openAmount, p.open.currency))} ${p.open.currency}) — invoice ${p.open.number}`);
          details = { mode: action.mode, percent: action.percent ?? null, openAmount: p.open.openAmount };
        } else {
          const through = await interestChargedThrough(db, p.item.invoice_id);
          const days = interestDays(p.open.dueDate, through, today);
          amount = simpleInterest(p.open.openAmount, action.annualRatePercent, days);
          const from = through && through > p.open.dueDate ? through : p.open.dueDate;
          description =
            action.description ??
            `Late payment interest at ${action.annualRatePercent}% a year on ${toDecimalString(money(p.open.openAmount, p.open.currency))} ${p.open.currency} for ${days} days (${from} to ${today}) — invoice ${p.open.number}`;
          details = {
            annualRatePercent: action.annualRatePercent,
            openAmount: p.open.openAmount,
            days,
            from,
            through: today,
          };
        }
        if (amount <= 0) {
          plan(p, action.type, `nothing to charge (${JSON.stringify(details)})`);
          if (tx)
            await setAction(db, key, { details: JSON.stringify({ ...details, skipped: 'zero amount' }) });
          continue;
        }
        plan(p, action.type, description, amount);
        out.fees++;
        if (tx) {
          const feeId = await issueFeeInvoice(ctx, tx, customerId, p, amount, description, today);
          await setAction(db, key, {
            fee_invoice_id: feeId,
            amount,
            currency: p.open.currency,
            details: JSON.stringify({ ...details, description }),
          });
        }
      }
    }
  }
}

/** The last day interest was charged through for an invoice (null: never). */
async function interestChargedThrough(db: AnyDb, invoiceId: string): Promise<BusinessDate | null> {
  const rows = await q(db)
    .selectFrom('followup_actions')
    .select('details')
    .where('invoice_id', '=', invoiceId)
    .where('kind', '=', 'interest')
    .where('fee_invoice_id', 'is not', null)
    .execute();
  let latest: BusinessDate | null = null;
  for (const row of rows) {
    const through = (JSON.parse(row.details) as { through?: string }).through;
    if (through && (!latest || through > latest)) latest = through;
  }
  return latest;
}

/**
 * A fee or interest invoice through invoicing (draft + issue, in this transaction): one line, outside the
 * scope of VAT (category O: a compensation, not a supply), due on issue. Followed like any invoice, but
 * never charged a fee itself.
 */
async function issueFeeInvoice(
  ctx: AppContext,
  tx: Tx,
  customerId: string,
  p: Planned,
  amount: number,
  description: string,
  today: BusinessDate,
): Promise<string> {
  const id = await createDraftInTx(tx, {
    kind: 'invoice',
    customerId,
    currency: p.open.currency,
    issueDate: today,
    paymentTerms: { kind: 'net', days: 0 },
    purchaseOrder: null,
    orderReference: p.open.number,
    notes: `Charged by the follow-up policy (step ${p.step!.position}, "${p.step!.name}") on invoice ${p.open.number}.`,
    lines: [
      {
        description,
        itemCode: null,
        quantity: '1',
        unit: 'pcs',
        unitPrice: toDecimalString(money(amount, p.open.currency)),
        taxCategory: 'O',
        exemptionReason: 'Late payment compensation, outside the scope of VAT',
        exemptionReasonCode: 'VATEX-EU-O',
      },
    ],
  });
  const issued = await issueInTx(ctx, tx, id, today);
  await q(tx.db)
    .insertInto('followup_items')
    .values({
      invoice_id: id,
      customer_id: customerId,
      currency: issued.currency,
      due_date: issued.due_date ?? today,
      kind: 'fee',
      policy_id: p.item.policy_id,
      current_step: 0,
      next_date: null,
      last_run_on: null,
      closed_at: null,
      closed_reason: null,
      created_at: tx.now,
      updated_at: tx.now,
    })
    .onConflict((oc) => oc.column('invoice_id').doNothing())
    .execute();
  await rescheduleItems(tx, { invoiceId: id });
  return id;
}
